import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Problem } from '../../api/client';
import { session, type Claims } from '../../api/session';
import { asProblem, useSession } from '../../ui/hooks';

/**
 * For screens that need a signed-in account: the claims once known; meanwhile null. After a reload only the refresh
 * token is left, so it first asks for an access token; with none to be had it sends the visitor to log in and come
 * back here. A network failure is a problem to show, not a reason to log anyone out.
 */
export function useRequireSignIn(): { claims: Claims | null; problem?: Problem } {
  const claims = useSession();
  const { url, route } = useLocation();
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => {
    if (claims) return;
    let live = true;
    session.accessToken().then(
      (token) => {
        if (live && !token) route(`/login?next=${encodeURIComponent(url)}`, true);
      },
      (e) => live && setProblem(asProblem(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [claims]);
  return { claims, problem };
}
