/**
 * Where to go after signing in: the `next` query parameter when it is a path on this site, else home. Anything that
 * could leave the site (`//evil.example`, `https://…`, `/\evil.example`) is refused, so a crafted link cannot use the
 * login page to send someone elsewhere.
 */
export function safeNext(raw: string | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  try {
    const url = new URL(raw, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}
