import type { components } from '../api/schema';
import type { MapSection } from '../ui/seatmap/types';

type LayoutBody = components['schemas']['LayoutBody'];

export const CSV_HEADER = 'section,sectionName,row,number,x,y';

export type CsvIssue = { line: number } & (
  | { kind: 'header' }
  | { kind: 'fields'; found: number }
  | { kind: 'numbers' }
  | { kind: 'duplicate'; seat: string }
);

export type CsvPreview = { sections: MapSection[]; seats: number; issues: CsvIssue[] };

const MAX_ISSUES = 20;

/**
 * Reads a layout CSV the way the API does (LayoutBody.parseCsv: the header first, six fields a line, whole numbers,
 * sections in order of first appearance), for a preview only: the API checks it again and has the last word.
 */
export function parseLayoutCsv(text: string): CsvPreview {
  const lines = text.trim().split(/\r?\n/);
  const issues: CsvIssue[] = [];
  if (lines[0].trim().replace(/^\uFEFF/, '') !== CSV_HEADER) {
    return { sections: [], seats: 0, issues: text.trim() ? [{ line: 1, kind: 'header' }] : [] };
  }
  const sections = new Map<string, MapSection>();
  const ids = new Set<string>();
  let seats = 0;
  for (let i = 1; i < lines.length && issues.length < MAX_ISSUES; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const f = line.split(',').map((s) => s.trim());
    if (f.length !== 6) {
      issues.push({ line: i + 1, kind: 'fields', found: f.length });
      continue;
    }
    const [section, name, row] = f;
    const [number, x, y] = f.slice(3).map((s) => (/^[+-]?\d+$/.test(s) ? Number(s) : NaN));
    if ([number, x, y].some((n) => !Number.isSafeInteger(n))) {
      issues.push({ line: i + 1, kind: 'numbers' });
      continue;
    }
    const id = `${section}-${row}-${number}`;
    if (ids.has(id)) {
      issues.push({ line: i + 1, kind: 'duplicate', seat: id });
      continue;
    }
    ids.add(id);
    let s = sections.get(section);
    if (!s) {
      s = { id: section, name: name || section, selectable: false, seats: [] };
      sections.set(section, s);
    }
    s.seats.push({ id, row, number, x, y, status: 'AVAILABLE' });
    seats++;
  }
  return { sections: [...sections.values()], seats, issues };
}

/** A venue's layout (GET /v1/admin/venues/{id}) as the seat map draws a preview: every seat available, none picked. */
export function layoutSections(layout: LayoutBody | null | undefined): MapSection[] {
  return (layout?.sections ?? []).map((section) => {
    const id = section.id ?? '';
    return {
      id,
      name: section.name || id,
      selectable: false,
      seats: (section.rows ?? []).flatMap((row) =>
        (row.seats ?? []).map((seat) => ({
          id: `${id}-${row.label}-${seat.number}`,
          row: row.label ?? '',
          number: seat.number ?? 0,
          x: seat.x ?? 0,
          y: seat.y ?? 0,
          status: 'AVAILABLE' as const,
        })),
      ),
    };
  });
}
