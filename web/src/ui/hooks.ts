import { useCallback, useEffect, useState } from 'preact/hooks';
import { Problem } from '../api/client';
import { session, type Claims } from '../api/session';

export type Loaded<T> = { data?: T; problem?: Problem; loading: boolean; reload: () => void };

/** Loads once per change of `deps`; a Problem (or a network failure, as status 0) lands in `problem`. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; problem?: Problem; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (e) => live && setState({ problem: asProblem(e), loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

export type Pages<T> = {
  items: T[];
  setItems: (update: (items: T[]) => T[]) => void;
  /** The next page's cursor: undefined before the first page, null after the last. */
  next: string | null | undefined;
  loading: boolean;
  problem: Problem | null;
  setProblem: (p: Problem | null) => void;
  /** Loads the first page (no cursor) or appends the page at `cursor`. */
  load: (cursor?: string) => Promise<void>;
};

/** A list paged with the API's `cursor` / `nextCursor` (docs/api.md §4): the first page on mount, more on request. */
export function usePages<T>(
  fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string | null }>,
): Pages<T> {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = async (cursor?: string) => {
    setLoading(true);
    setProblem(null);
    try {
      const page = await fetchPage(cursor);
      setItems((before) => (cursor ? [...before, ...page.items] : page.items));
      setNext(page.nextCursor ?? null);
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { items, setItems, next, loading, problem, setProblem, load };
}

export function asProblem(e: unknown): Problem {
  return e instanceof Problem ? e : new Problem(0, 'network', String(e));
}

/** The signed-in account's claims, re-rendering on sign-in and sign-out. */
export function useSession(): Claims | null {
  const [claims, setClaims] = useState(session.claims());
  useEffect(() => {
    const off = session.subscribe(() => setClaims(session.claims()));
    // a reload keeps the refresh token only: get an access token once to know who is here
    if (!session.claims() && session.hasRefreshToken()) {
      session.accessToken().then(() => setClaims(session.claims()));
    }
    return off;
  }, []);
  return claims;
}
