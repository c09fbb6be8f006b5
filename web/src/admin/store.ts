/**
 * Venues and performances this browser created, so an organiser can find them again: the API has no venue list, and
 * a performance without rounds is not in the public list. Kept in localStorage, newest first.
 */
export type Remembered = { id: string; name: string };

const KEYS = { venues: 'madang.admin.venues', performances: 'madang.admin.performances' } as const;
const LIMIT = 50;

export type Kind = keyof typeof KEYS;

export function remembered(kind: Kind): Remembered[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEYS[kind]) ?? '[]');
    return Array.isArray(list)
      ? list.filter((r): r is Remembered => typeof r?.id === 'string' && typeof r?.name === 'string')
      : [];
  } catch {
    return [];
  }
}

/** Adds or renames one, moving it to the front. */
export function remember(kind: Kind, item: Remembered) {
  const rest = remembered(kind).filter((r) => r.id !== item.id);
  localStorage.setItem(KEYS[kind], JSON.stringify([item, ...rest].slice(0, LIMIT)));
}
