/**
 * What the seat map draws, independent of where it came from: a round's seat map (GET /v1/rounds/{id}/seats, with
 * statuses) or a venue's layout (an organiser's preview, every seat AVAILABLE). Coordinates are the layout's own
 * units (x to the right, y down, the stage at the top).
 */
export type MapSeatStatus = 'AVAILABLE' | 'TAKEN' | 'NOT_FOR_SALE';

export type MapSeat = {
  id: string;
  row: string;
  number: number;
  x: number;
  y: number;
  status: MapSeatStatus;
};

export type MapSection = {
  id: string;
  name: string;
  /** The grade sold in this section (VIP, R, ...) and its price in won; absent in a layout preview. */
  grade?: string;
  price?: number;
  /** SEAT_SELECTION sections are the only ones a fan picks seats in; others are drawn but not selectable. */
  selectable: boolean;
  seats: MapSeat[];
};

export type SeatMapProps = {
  sections: MapSection[];
  /** An accessible name for the map, e.g. the round's title and time. */
  label: string;
  /** Seat ids currently picked; omitted for a read-only preview. */
  selected?: ReadonlySet<string>;
  /** Called when a seat is picked or unpicked (click, tap or Enter/Space on the focused seat). */
  onToggle?: (seatId: string) => void;
};
