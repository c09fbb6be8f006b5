import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, toProblem, type Problem } from '../../api/client';
import { session } from '../../api/session';
import { t, useLang } from '../../i18n';
import { asProblem } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { Alert, Notice } from './fields';
import { explained } from './problems';
import { isSocialProvider, takeState } from './social';
import './browse.css';

type Outcome =
  | { kind: 'working' }
  | { kind: 'refused' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; problem: Problem }
  | { kind: 'joined' };

/**
 * Where Kakao or Naver sends the browser back (`/auth/callback/{provider}?code=…&state=…`). The state must be the one
 * this tab started; the API then trades the code for tokens. A returning account goes to "my page"; a new one is told
 * that booking needs 본인인증 first.
 */
export function SocialCallback() {
  useLang();
  const { provider } = useRoute().params;
  const { query, route } = useLocation();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'working' });
  const once = useRef(false);

  useEffect(() => {
    // the saved state is spent on first use: never run twice
    if (once.current) return;
    once.current = true;
    const stateMatches = takeState(provider, query.state);
    if (query.error) return setOutcome({ kind: 'cancelled' });
    if (!isSocialProvider(provider) || !stateMatches || !query.code) return setOutcome({ kind: 'refused' });
    (async () => {
      try {
        const { data, error, response } = await api.POST('/v1/auth/social/{provider}/callback', {
          params: { path: { provider } },
          body: { code: query.code, state: query.state },
        });
        if (!response.ok || !data) throw await toProblem(response, error);
        session.signedIn(data);
        if (response.status === 201) setOutcome({ kind: 'joined' });
        else route('/me', true);
      } catch (e) {
        setOutcome({ kind: 'failed', problem: asProblem(e) });
      }
    })();
  }, []);

  const name = t(provider === 'naver' ? 'browse.login.naverName' : 'browse.login.kakaoName');
  return (
    <Page title={t('browse.callback.title', { provider: name })}>
      {outcome.kind === 'working' && <Loading />}
      {outcome.kind === 'refused' && <Alert>{t('browse.callback.refused')}</Alert>}
      {outcome.kind === 'cancelled' && <Alert>{t('browse.callback.cancelled')}</Alert>}
      {outcome.kind === 'failed' && <ProblemMessage problem={explained(outcome.problem)} />}
      {outcome.kind === 'joined' ? (
        <>
          <Notice>{t('browse.callback.joined', { provider: name })}</Notice>
          <p>{t('browse.callback.verifyLater')}</p>
          <p class="row">
            <a class="button" href="/me">
              {t('browse.callback.toMe')}
            </a>
            <a href="/">{t('browse.callback.browse')}</a>
          </p>
        </>
      ) : (
        outcome.kind !== 'working' && (
          <p>
            <a href="/login">{t('browse.callback.again')}</a>
          </p>
        )
      )}
    </Page>
  );
}
