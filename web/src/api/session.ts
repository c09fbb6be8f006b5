/**
 * The signed-in fan or organiser. The access token (15 minutes) lives in memory only; the refresh token (rotated on
 * every use, docs/api.md) in localStorage so a reload keeps the session. Refresh is single-flight: the API spends a
 * refresh token on first use and revokes the session if it is presented twice, so two tabs or two requests must never
 * refresh at once with the same token.
 */
type Tokens = { accessToken: string; refreshToken: string; expiresIn?: number };

const REFRESH_KEY = 'madang.refresh';
let access: { token: string; claims: Claims } | null = null;
let inFlight: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

export type Claims = { sub: string; groups?: string[]; exp: number; [k: string]: unknown };

function decode(token: string): Claims {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
  return JSON.parse(json);
}

function notify() {
  listeners.forEach((l) => l());
}

export const session = {
  /** Stores the tokens a login, sign-up, social callback or refresh answered. */
  signedIn(tokens: Tokens) {
    access = { token: tokens.accessToken, claims: decode(tokens.accessToken) };
    localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
    notify();
  },

  signOut() {
    access = null;
    localStorage.removeItem(REFRESH_KEY);
    notify();
  },

  claims(): Claims | null {
    return access?.claims ?? null;
  },

  hasRefreshToken(): boolean {
    return localStorage.getItem(REFRESH_KEY) !== null;
  },

  roles(): string[] {
    return access?.claims.groups ?? [];
  },

  /** The current access token, refreshed first when it has (nearly) lapsed; null when signed out. */
  async accessToken(): Promise<string | null> {
    if (access && access.claims.exp * 1000 > Date.now() + 10_000) {
      return access.token;
    }
    if (!session.hasRefreshToken()) {
      return null;
    }
    return (await session.refresh()) ? access!.token : null;
  },

  refresh(): Promise<boolean> {
    if (!inFlight) {
      const before = localStorage.getItem(REFRESH_KEY);
      const run = async () => {
        const refreshToken = localStorage.getItem(REFRESH_KEY);
        if (!refreshToken) return false;
        if (refreshToken !== before && access && access.claims.exp * 1000 > Date.now() + 10_000) {
          return true; // another tab refreshed while this one waited for the lock
        }
        const r = await fetch('/v1/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken }),
        });
        if (!r.ok) {
          session.signOut();
          return false;
        }
        session.signedIn(await r.json());
        return true;
      };
      // across tabs too: the Web Locks API serialises refreshes of the one stored token
      const locked: Promise<boolean> = navigator.locks ? navigator.locks.request('madang.refresh', () => run()).then((r) => r as unknown as boolean) : run();
      inFlight = locked.finally(() => {
        inFlight = null;
      });
    }
    return inFlight!;
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
