import { useEffect, useState } from 'preact/hooks';
import { api, ok } from '../../api/client';

// The inbox's unread count, shared by my page's menu badge and the inbox screen: the screen sets it from each answer
// (a page, a mark-read), so the badge drops as the fan reads, without loading again.
let unread: number | null = null;
const listeners = new Set<(n: number | null) => void>();

export function setUnread(n: number) {
  unread = n;
  listeners.forEach((l) => l(n));
}

/** The count, loaded once per page load (GET /v1/me/inbox?limit=1) unless the inbox screen has set it. */
export function useUnread(): number | null {
  const [n, setN] = useState(unread);
  useEffect(() => {
    listeners.add(setN);
    if (unread === null) {
      ok(api.GET('/v1/me/inbox', { params: { query: { limit: '1' } } })).then(
        (page) => setUnread(page.unread),
        () => undefined, // no badge is better than an error in the menu
      );
    }
    return () => {
      listeners.delete(setN);
    };
  }, []);
  return n;
}
