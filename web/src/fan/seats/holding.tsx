import { Problem } from '../../api/client';
import { ProblemMessage } from '../../ui/parts';
import { t, useLang } from '../../i18n';

/**
 * One Idempotency-Key per intent (docs/api.md §6): the same request sent again after a lost answer (a network failure,
 * a 5xx) keeps its key and gets the first hold back; other seats, or a retry after the API answered a 4xx, get a new one.
 */
export type Intent = { signature: string; key: string } | null;

export function keyFor(intent: { current: Intent }, signature: string, fresh: () => string): string {
  if (intent.current?.signature !== signature) intent.current = { signature, key: fresh() };
  return intent.current.key;
}

export function settle(intent: { current: Intent }, problem: Problem) {
  if (problem.status >= 400 && problem.status < 500) intent.current = null;
}

/** A refused hold, with the way on where there is one: log in (and come back here), or verify one's identity. */
export function HoldProblem(props: { problem: Problem | null; back: string }) {
  useLang();
  const p = props.problem;
  if (!p) return null;
  return (
    <>
      <ProblemMessage problem={p} />
      {p.status === 401 && (
        <p>
          <a class="button secondary" href={`/login?next=${encodeURIComponent(props.back)}`}>
            {t('seats.login')}
          </a>
        </p>
      )}
      {p.status === 403 && p.code === 'identity-verification-required' && (
        <p>
          <a class="button secondary" href="/me">
            {t('seats.verify')}
          </a>
        </p>
      )}
    </>
  );
}
