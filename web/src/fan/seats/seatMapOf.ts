import { toProblem } from '../../api/client';
import type { components } from '../../api/schema';
import type { MapSection, MapSeatStatus } from '../../ui/seatmap/types';

type Layout = components['schemas']['LayoutView'];
type RoundDetail = components['schemas']['RoundDetail'];
type SeatStatuses = components['schemas']['SeatStatusesView'];

/**
 * The seat map as the map draws it, put together from its two halves (docs/web.md §9): the venue's layout version,
 * read once (it never changes, so the browser and the CDN keep it), and the round's seat status, a bit per seat in
 * layout order, polled. The round says which grade, price and booking mode each section has; fans pick seats only
 * where the section sells by seat selection.
 */
export function mapSections(layout: Layout, round: RoundDetail, taken: Uint8Array): MapSection[] {
  const prices = new Map(round.grades.map((g) => [g.grade, g.price]));
  let index = 0;
  return layout.sections.map((section) => {
    const plan = round.sections[section.id];
    const seats: MapSection['seats'] = [];
    for (const row of section.rows) {
      for (let i = 0; i < row.numbers.length; i++, index++) {
        seats.push({
          id: `${section.id}-${row.label}-${row.numbers[i]}`,
          row: row.label,
          number: row.numbers[i],
          x: row.x[i],
          y: row.y[i],
          status: statusOf(plan?.mode, isTaken(taken, index)),
        });
      }
    }
    return {
      id: section.id,
      name: section.name,
      grade: plan?.grade,
      price: plan ? prices.get(plan.grade) : undefined,
      selectable: plan?.mode === 'SEAT_SELECTION',
      seats,
    };
  });
}

/** A section the round does not sell (or one this client does not know) is shown as not for sale, never offered. */
function statusOf(mode: string | undefined, taken: boolean): MapSeatStatus {
  if (!mode || mode === 'CLOSED') return 'NOT_FOR_SALE';
  return taken ? 'TAKEN' : 'AVAILABLE';
}

function isTaken(bits: Uint8Array, index: number): boolean {
  return ((bits[index >> 3] ?? 0) & (1 << (index & 7))) !== 0;
}

export function decodeTaken(status: SeatStatuses): Uint8Array {
  const raw = atob(status.taken);
  const bits = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bits[i] = raw.charCodeAt(i);
  return bits;
}

export type StatusAnswer = { changed: false } | { changed: true; etag: string | null; status: SeatStatuses };

/**
 * One poll of GET /v1/rounds/{roundId}/seat-status naming the statuses this page has (If-None-Match): a 304, with no
 * body, when nothing changed, which is nearly every second. The request bypasses the browser's cache so the answer
 * is the edge's (at most a second old), not a copy the browser kept.
 */
export async function pollStatus(roundId: string, etag: string | null): Promise<StatusAnswer> {
  const response = await fetch(`/v1/rounds/${encodeURIComponent(roundId)}/seat-status`, {
    headers: etag ? { 'If-None-Match': etag } : {},
    cache: 'no-store',
  });
  if (response.status === 304) return { changed: false };
  if (!response.ok) throw await toProblem(response);
  return { changed: true, etag: response.headers.get('ETag'), status: (await response.json()) as SeatStatuses };
}
