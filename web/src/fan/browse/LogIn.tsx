import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, toProblem, Problem } from '../../api/client';
import { session } from '../../api/session';
import { config } from '../../config';
import { t, useLang } from '../../i18n';
import { asProblem } from '../../ui/hooks';
import { Page, ProblemMessage } from '../../ui/parts';
import { TextField } from './fields';
import { safeNext } from './next';
import { explained, fieldError } from './problems';
import { isSocialProvider, startSocialLogin, type SocialProvider } from './social';
import './browse.css';

const FIELDS = ['email', 'password'];

/** Retry-After is whole seconds (docs/api.md §5); people read minutes. */
function minutes(retryAfter: string | null): number | null {
  const seconds = Number(retryAfter);
  return retryAfter && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : null;
}

export function LogIn() {
  useLang();
  const { query, route } = useLocation();
  const next = safeNext(query.next);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [wait, setWait] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const providers = (config().socialProviders ?? []).filter(isSocialProvider);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const { data, error, response } = await api.POST('/v1/auth/login', { body: { email: email.trim(), password } });
      if (!response.ok || !data) {
        // the wait is in a header, not the body
        setWait(response.status === 429 ? minutes(response.headers.get('Retry-After')) : null);
        throw await toProblem(response, error);
      }
      session.signedIn(data);
      route(next, true);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const shown =
    problem?.status === 429 && wait
      ? new Problem(problem.status, problem.type, t('browse.login.wait', { minutes: wait }))
      : explained(problem, { fields: FIELDS });

  return (
    <Page title={t('browse.login.title')}>
      <form onSubmit={submit} noValidate>
        <ProblemMessage problem={shown} />
        <TextField
          id="email"
          type="email"
          label={t('browse.field.emailLabel')}
          value={email}
          onInput={setEmail}
          autocomplete="username"
          inputMode="email"
          required
          error={fieldError(problem, 'email')}
        />
        <TextField
          id="password"
          type="password"
          label={t('browse.field.passwordLabel')}
          value={password}
          onInput={setPassword}
          autocomplete="current-password"
          required
          error={fieldError(problem, 'password')}
        />
        <p class="actions">
          <button type="submit" aria-busy={busy ? 'true' : undefined}>
            {t('browse.login.submit')}
          </button>
        </p>
      </form>
      <p>
        {t('browse.login.noAccount')}{' '}
        <a href={next === '/' ? '/signup' : `/signup?next=${encodeURIComponent(next)}`}>{t('nav.signup')}</a>
      </p>
      {providers.length > 0 && <SocialButtons providers={providers} />}
    </Page>
  );
}

function SocialButtons(props: { providers: SocialProvider[] }) {
  const [problem, setProblem] = useState<Problem>();
  const start = async (provider: SocialProvider) => {
    setProblem(undefined);
    try {
      await startSocialLogin(provider);
    } catch (e) {
      setProblem(asProblem(e));
    }
  };
  return (
    <section aria-labelledby="social-heading" class="social">
      <h2 id="social-heading">{t('browse.login.social')}</h2>
      <ProblemMessage problem={explained(problem)} />
      <div class="social-buttons">
        {props.providers.map((provider) => (
          <button key={provider} type="button" class={`social-${provider}`} onClick={() => start(provider)}>
            {t(provider === 'kakao' ? 'browse.login.kakao' : 'browse.login.naver')}
          </button>
        ))}
      </div>
    </section>
  );
}
