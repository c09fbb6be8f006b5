import type { MapSection, MapSeat } from './types';
import { gradeColor } from './palette';

/**
 * The seats of a map laid out for drawing and hit-testing: a flat array in layout order (the caller's own seat objects,
 * not copies), each seat's section and row beside it in typed arrays, each section's rows (in the order the layout
 * lists them, stage first) with their seats sorted by number, and a uniform grid over the bounds so a tap finds its
 * seat by looking at a few cells instead of 10,000 seats.
 */
export type IndexedRow = { label: string; seats: number[] };

export type IndexedSection = {
  source: MapSection;
  color: string;
  rows: IndexedRow[];
  first: number;
  end: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
};

export type SeatIndex = {
  seats: MapSeat[];
  /** The index in `sections` of each seat's section, and of its row in that section's `rows`. */
  sectionOf: Uint16Array;
  rowOf: Uint32Array;
  sections: IndexedSection[];
  byId: Map<string, number>;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  /** The usual distance between neighbouring seats of a row, in layout units: the unit of seat size and zoom. */
  pitch: number;
  /** The nearest seat within `radius` of (x, y), or -1. */
  hit(x: number, y: number, radius: number): number;
};

export function indexSeats(sections: MapSection[]): SeatIndex {
  const seats: MapSeat[] = [];
  const total = sections.reduce((n, s) => n + s.seats.length, 0);
  const sectionOf = new Uint16Array(total);
  const rowOf = new Uint32Array(total);
  const indexed: IndexedSection[] = [];
  const byId = new Map<string, number>();
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const gaps: number[] = [];

  sections.forEach((source, s) => {
    const rows = new Map<string, number[]>();
    const first = seats.length;
    let sMinX = Infinity;
    let sMaxX = -Infinity;
    let sMinY = Infinity;
    let sMaxY = -Infinity;
    for (const seat of source.seats) {
      let row = rows.get(seat.row);
      if (!row) rows.set(seat.row, (row = []));
      const i = seats.length;
      row.push(i);
      byId.set(seat.id, i);
      sectionOf[i] = s;
      seats.push(seat);
      if (seat.x < sMinX) sMinX = seat.x;
      if (seat.x > sMaxX) sMaxX = seat.x;
      if (seat.y < sMinY) sMinY = seat.y;
      if (seat.y > sMaxY) sMaxY = seat.y;
    }
    const list: IndexedRow[] = [];
    for (const [label, members] of rows) {
      members.sort((a, b) => seats[a].number - seats[b].number);
      for (const i of members) rowOf[i] = list.length;
      for (let k = 1; k < members.length && gaps.length < 4000; k++) {
        const a = seats[members[k - 1]];
        const b = seats[members[k]];
        const d = Math.hypot(a.x - b.x, a.y - b.y);
        if (d > 0) gaps.push(d);
      }
      list.push({ label, seats: members });
    }
    indexed.push({
      source,
      color: gradeColor(source.grade),
      rows: list,
      first,
      end: seats.length,
      minX: sMinX,
      maxX: sMaxX,
      minY: sMinY,
      maxY: sMaxY,
    });
    minX = Math.min(minX, sMinX);
    maxX = Math.max(maxX, sMaxX);
    minY = Math.min(minY, sMinY);
    maxY = Math.max(maxY, sMaxY);
  });

  if (seats.length === 0) {
    minX = minY = 0;
    maxX = maxY = 1;
  }
  const width = Math.max(maxX - minX, 1);
  const height = Math.max(maxY - minY, 1);
  gaps.sort((a, b) => a - b);
  // The lower quartile rather than the median: aisles and the gaps of curved rows are wider than a seat.
  const pitch = gaps.length > 0 ? gaps[Math.floor(gaps.length / 4)] : Math.max(Math.sqrt((width * height) / Math.max(seats.length, 1)), 1);

  // A grid of about one seat per cell, but never more than four cells per seat, whatever the layout's units.
  const cell = Math.max(pitch, Math.sqrt((width * height) / Math.max(seats.length * 4, 1)));
  const cols = Math.floor(width / cell) + 1;
  const rowsN = Math.floor(height / cell) + 1;
  const cellOf = (x: number, y: number) => Math.floor((y - minY) / cell) * cols + Math.floor((x - minX) / cell);
  const start = new Int32Array(cols * rowsN + 1);
  for (const seat of seats) start[cellOf(seat.x, seat.y) + 1]++;
  for (let c = 0; c < cols * rowsN; c++) start[c + 1] += start[c];
  const items = new Int32Array(seats.length);
  const fill = start.slice(0, cols * rowsN);
  seats.forEach((seat, i) => {
    items[fill[cellOf(seat.x, seat.y)]++] = i;
  });

  function hit(x: number, y: number, radius: number): number {
    const c0 = Math.max(0, Math.floor((x - radius - minX) / cell));
    const c1 = Math.min(cols - 1, Math.floor((x + radius - minX) / cell));
    const r0 = Math.max(0, Math.floor((y - radius - minY) / cell));
    const r1 = Math.min(rowsN - 1, Math.floor((y + radius - minY) / cell));
    let best = -1;
    let bestD = radius * radius;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const k = r * cols + c;
        for (let j = start[k]; j < start[k + 1]; j++) {
          const i = items[j];
          const d = (seats[i].x - x) ** 2 + (seats[i].y - y) ** 2;
          if (d <= bestD) {
            bestD = d;
            best = i;
          }
        }
      }
    }
    return best;
  }

  return { seats, sectionOf, rowOf, sections: indexed, byId, minX, maxX, minY, maxY, pitch, hit };
}

/**
 * The seat an arrow key moves to: the nearest one in that direction, weighing sideways distance three times as much
 * as distance ahead so the next seat of a row beats a seat of the row behind; within the seat's own section first,
 * then across sections. -1 when there is none.
 */
export function step(index: SeatIndex, from: number, dx: number, dy: number): number {
  const origin = index.seats[from];
  const section = index.sections[index.sectionOf[from]];
  const within = nearestAhead(index, origin, dx, dy, section.first, section.end);
  return within >= 0 ? within : nearestAhead(index, origin, dx, dy, 0, index.seats.length);
}

function nearestAhead(index: SeatIndex, origin: MapSeat, dx: number, dy: number, from: number, to: number): number {
  const minAhead = index.pitch * 0.25;
  let best = -1;
  let bestCost = Infinity;
  for (let i = from; i < to; i++) {
    const s = index.seats[i];
    const vx = s.x - origin.x;
    const vy = s.y - origin.y;
    const ahead = vx * dx + vy * dy;
    if (ahead < minAhead) continue;
    const aside = Math.abs(vx * dy - vy * dx);
    if (aside > ahead * 3) continue;
    const cost = ahead + aside * 3;
    if (cost < bestCost) {
      bestCost = cost;
      best = i;
    }
  }
  return best;
}
