import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Problem } from '../../api/client';
import { session } from '../../api/session';
import { t, useLang } from '../../i18n';
import { asProblem } from '../../ui/hooks';
import { Page, ProblemMessage } from '../../ui/parts';
import { Alert, CheckField, Notice, TextField } from './fields';
import { finished, startIdentityVerification, verificationReturn } from './identity';
import { safeNext } from './next';
import { explained, fieldError } from './problems';
import './browse.css';

const FIELDS = ['email', 'password', 'name'];

/** Problems that mean this verification cannot open an account: the person verifies again. */
const VERIFY_AGAIN = ['identity-verification-used', 'identity-verification-unknown', 'identity-not-verified'];

/**
 * Sign-up in two steps: 본인인증 first (the page is left for the carrier's window and comes back here, so nothing typed
 * would survive it), then e-mail, password, name and consent.
 */
export function SignUp() {
  useLang();
  const { query, route } = useLocation();
  const back = verificationReturn(query);
  // the verification window drops the query, so `next` also rides along with the pending verification
  const next = safeNext((back.kind === 'verified' || back.kind === 'failed' ? back.next : undefined) ?? query.next);
  const [problem, setProblem] = useState<Problem>();
  const [startFailed, setStartFailed] = useState(false);
  const verified = back.kind === 'verified' && !(problem && VERIFY_AGAIN.includes(problem.code));

  const verify = async () => {
    setStartFailed(false);
    try {
      await startIdentityVerification('/signup', next === '/' ? undefined : next);
    } catch {
      setStartFailed(true);
    }
  };

  return (
    <Page title={t('browse.signup.title')}>
      <section aria-labelledby="signup-step1">
        <h2 id="signup-step1">{t('browse.signup.step1')}</h2>
        {verified ? (
          <Notice>{t('browse.identity.done')}</Notice>
        ) : (
          <>
            <p>{t('browse.signup.why')}</p>
            <button type="button" onClick={verify}>
              {t('browse.identity.start')}
            </button>
          </>
        )}
        {back.kind === 'failed' && <Alert>{t('browse.identity.failed', { message: back.message })}</Alert>}
        {back.kind === 'foreign' && <Alert>{t('browse.identity.foreign')}</Alert>}
        {startFailed && <Alert>{t('browse.identity.unavailable')}</Alert>}
      </section>

      <section aria-labelledby="signup-step2">
        <h2 id="signup-step2">{t('browse.signup.step2')}</h2>
        {verified && back.kind === 'verified' ? (
          <SignUpForm
            identityVerificationId={back.id}
            problem={problem}
            setProblem={setProblem}
            done={() => {
              finished();
              route(next, true);
            }}
          />
        ) : (
          <>
            {problem && <ProblemMessage problem={explained(problem)} />}
            <p class="hint">{t('browse.signup.afterVerify')}</p>
          </>
        )}
      </section>

      <p>
        {t('browse.signup.haveAccount')}{' '}
        <a href={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`}>{t('nav.login')}</a>
      </p>
    </Page>
  );
}

function SignUpForm(props: {
  identityVerificationId: string;
  problem?: Problem;
  setProblem: (p?: Problem) => void;
  done: () => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [marketingConsent, setMarketingConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const problem = props.problem;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    props.setProblem(undefined);
    try {
      const tokens = await ok(
        api.POST('/v1/auth/signup', {
          body: {
            email: email.trim(),
            password,
            identityVerificationId: props.identityVerificationId,
            name: name.trim() || undefined,
            marketingConsent,
          },
        }),
      );
      session.signedIn(tokens);
      props.done();
    } catch (err) {
      props.setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <ProblemMessage problem={explained(problem, { fields: FIELDS })} />
      {problem?.code === 'identity-already-linked' && (
        <p>
          <a href="/login">{t('browse.signup.toLogin')}</a>
        </p>
      )}
      <TextField
        id="email"
        type="email"
        label={t('browse.field.emailLabel')}
        value={email}
        onInput={setEmail}
        autocomplete="email"
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
        autocomplete="new-password"
        hint={t('browse.field.password')}
        required
        error={fieldError(problem, 'password')}
      />
      <TextField
        id="name"
        label={t('browse.field.nameLabel')}
        value={name}
        onInput={setName}
        autocomplete="name"
        hint={t('browse.signup.nameHint')}
        error={fieldError(problem, 'name')}
      />
      <CheckField
        id="marketingConsent"
        label={t('browse.field.marketing')}
        checked={marketingConsent}
        onChange={setMarketingConsent}
      />
      <p class="actions">
        <button type="submit" aria-busy={busy ? 'true' : undefined}>
          {t('browse.signup.submit')}
        </button>
      </p>
      {busy && (
        <p class="loading" role="status">
          {t('browse.signup.busy')}
        </p>
      )}
    </form>
  );
}
