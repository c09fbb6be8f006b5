import { lang } from '../i18n';

/** Korea keeps +09:00 all year (no daylight saving), so a Seoul wall-clock time maps to one offset. */
const OFFSET_MS = 9 * 3600 * 1000;

/**
 * A datetime-local value ("2026-05-01T19:30") read as Seoul time, whatever zone this browser is in:
 * "2026-05-01T19:30:00+09:00". Undefined when empty or malformed.
 */
export function seoulIso(local: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?$/.exec(local.trim());
  return m ? `${m[1]}T${m[2]}${m[3] ?? ':00'}+09:00` : undefined;
}

/** An instant as a datetime-local value in Seoul time, to prefill an input. */
export function seoulLocal(iso: string): string {
  return new Date(new Date(iso).getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** The Seoul calendar date of an instant, "2026-05-01". */
export function seoulDay(iso: string): string {
  return seoulLocal(iso).slice(0, 10);
}

/** A count in the viewer's language: 1,234. */
export function count(n: number): string {
  return n.toLocaleString(lang() === 'ko' ? 'ko-KR' : 'en-GB');
}
