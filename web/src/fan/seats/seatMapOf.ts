import type { components } from '../../api/schema';
import type { MapSection, MapSeatStatus } from '../../ui/seatmap/types';

/** A round's seat map (GET /v1/rounds/{roundId}/seats) as the map draws it: fans pick seats only where the section sells by seat selection. */
export function mapSections(view: components['schemas']['SeatMapView']): MapSection[] {
  return view.sections.map((section) => ({
    id: section.id,
    name: section.name,
    grade: section.grade,
    price: section.price,
    selectable: section.mode === 'SEAT_SELECTION',
    seats: section.seats.map((seat) => ({
      id: seat.id,
      row: seat.row,
      number: seat.number,
      x: seat.x,
      y: seat.y,
      status: statusOf(seat.status),
    })),
  }));
}

/** A status this client does not know is shown as not for sale rather than offered. */
function statusOf(status: string): MapSeatStatus {
  return status === 'AVAILABLE' || status === 'TAKEN' ? status : 'NOT_FOR_SALE';
}
