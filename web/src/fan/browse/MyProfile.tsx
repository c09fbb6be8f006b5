import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { session } from '../../api/session';
import { t, useLang } from '../../i18n';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { Alert, CheckField, Notice, TextField } from './fields';
import { phone, seoulDate } from './format';
import { useRequireSignIn } from './guard';
import { finished, startIdentityVerification, verificationReturn } from './identity';
import { explained, fieldError } from './problems';
import './browse.css';

type Profile = components['schemas']['ProfileView'];

/** "My page": the profile, its edits, a later 본인인증, the password, and closing the account. */
export function MyProfile() {
  useLang();
  const { claims, problem: signInProblem } = useRequireSignIn();
  const profile = useLoad(() => (claims ? ok(api.GET('/v1/me')) : Promise.resolve(undefined)), [claims?.sub]);
  const [shown, setShown] = useState<Profile>();
  useEffect(() => setShown(profile.data), [profile.data]);

  return (
    <Page title={t('browse.me.title')}>
      <ProblemMessage problem={signInProblem ?? explained(profile.problem)} />
      {(!claims || profile.loading) && !shown && !signInProblem && <Loading />}
      {shown && (
        <>
          <Summary profile={shown} />
          <Verification profile={shown} verified={setShown} />
          {/* the form starts again from what a new verification filled in */}
          <EditProfile key={String(shown.identityVerified)} profile={shown} saved={setShown} />
          <Bookings />
          <ChangePassword />
          <CloseAccount profile={shown} />
        </>
      )}
    </Page>
  );
}

function Summary(props: { profile: Profile }) {
  const p = props.profile;
  const none = t('browse.me.none');
  return (
    <section aria-labelledby="me-summary">
      <h2 id="me-summary">{t('browse.me.summary')}</h2>
      <dl class="facts">
        <dt>{t('browse.field.emailLabel')}</dt>
        <dd>{p.email ?? none}</dd>
        <dt>{t('browse.field.nameLabel')}</dt>
        <dd>{p.name ?? none}</dd>
        <dt>{t('browse.field.phoneLabel')}</dt>
        <dd>{p.phone ? phone(p.phone) : none}</dd>
        <dt>{t('browse.me.identity')}</dt>
        <dd>
          {p.identityVerified
            ? p.identity
              ? t('browse.me.verifiedOn', { date: seoulDate(p.identity.verifiedAt) })
              : t('browse.me.verified')
            : t('browse.me.unverified')}
        </dd>
        <dt>{t('browse.me.marketing')}</dt>
        <dd>{p.marketingConsent ? t('browse.me.agreed') : t('browse.me.notAgreed')}</dd>
        {p.socialLogins.length > 0 && (
          <>
            <dt>{t('browse.me.social')}</dt>
            <dd>
              {p.socialLogins
                .map((s) => (s === 'kakao' ? t('browse.login.kakaoName') : s === 'naver' ? t('browse.login.naverName') : s))
                .join(', ')}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/**
 * A later 본인인증 for an account made by social login. The window comes back to `/me?identityVerificationId=…`; the
 * API attaches the identity, and a refresh puts `identity_verified` into the access token so booking works at once.
 */
function Verification(props: { profile: Profile; verified: (p: Profile) => void }) {
  const { query, route } = useLocation();
  const back = verificationReturn(query);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [startFailed, setStartFailed] = useState(false);
  const once = useRef(false);

  useEffect(() => {
    if (back.kind !== 'verified' || once.current) return;
    once.current = true;
    setBusy(true);
    (async () => {
      try {
        const updated = await ok(api.POST('/v1/me/identity-verification', { body: { identityVerificationId: back.id } }));
        finished();
        await session.refresh();
        props.verified(updated);
        setDone(true);
      } catch (e) {
        setProblem(asProblem(e));
      } finally {
        setBusy(false);
        // the id in the address is spent either way: a reload must not send it again
        route('/me', true);
      }
    })();
  }, []);

  const start = async () => {
    setStartFailed(false);
    try {
      await startIdentityVerification('/me');
    } catch {
      setStartFailed(true);
    }
  };

  if (props.profile.identityVerified && !done) return null;
  return (
    <section aria-labelledby="me-identity">
      <h2 id="me-identity">{t('browse.identity.title')}</h2>
      {done ? (
        <Notice>{t('browse.me.verifiedNow')}</Notice>
      ) : (
        <>
          <p>{t('browse.me.verifyWhy')}</p>
          {busy ? (
            <p class="loading" role="status">
              {t('browse.me.verifying')}
            </p>
          ) : (
            <button type="button" onClick={start}>
              {t('browse.identity.start')}
            </button>
          )}
          <ProblemMessage problem={explained(problem)} />
          {back.kind === 'failed' && <Alert>{t('browse.identity.failed', { message: back.message })}</Alert>}
          {back.kind === 'foreign' && <Alert>{t('browse.identity.foreign')}</Alert>}
          {startFailed && <Alert>{t('browse.identity.unavailable')}</Alert>}
        </>
      )}
    </section>
  );
}

function EditProfile(props: { profile: Profile; saved: (p: Profile) => void }) {
  const [name, setName] = useState(props.profile.name ?? '');
  const [phoneNumber, setPhoneNumber] = useState(props.profile.phone ? phone(props.profile.phone) : '');
  const [consent, setConsent] = useState(props.profile.marketingConsent);
  const [problem, setProblem] = useState<Problem>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    setSaved(false);
    try {
      // an empty field is left as it is: the API takes a field that is sent as a new value, and refuses an empty one
      const updated = await ok(
        api.PATCH('/v1/me', {
          body: { name: name.trim() || undefined, phone: phoneNumber.trim() || undefined, marketingConsent: consent },
        }),
      );
      props.saved(updated);
      setSaved(true);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="me-edit">
      <h2 id="me-edit">{t('browse.me.edit')}</h2>
      <form onSubmit={submit} noValidate>
        <ProblemMessage problem={explained(problem, { fields: ['name', 'phone'] })} />
        <TextField
          id="me-name"
          label={t('browse.field.nameLabel')}
          value={name}
          onInput={setName}
          autocomplete="name"
          error={fieldError(problem, 'name')}
        />
        <TextField
          id="me-phone"
          type="tel"
          label={t('browse.field.phoneLabel')}
          value={phoneNumber}
          onInput={setPhoneNumber}
          autocomplete="tel-national"
          inputMode="tel"
          hint={t('browse.field.phoneHint')}
          error={fieldError(problem, 'phone')}
        />
        <CheckField id="me-marketing" label={t('browse.field.marketing')} checked={consent} onChange={setConsent} />
        <p class="actions">
          <button type="submit" aria-busy={busy ? 'true' : undefined}>
            {t('common.save')}
          </button>
        </p>
        {saved && <Notice>{t('browse.me.saved')}</Notice>}
      </form>
    </section>
  );
}

function Bookings() {
  return (
    <section aria-labelledby="me-bookings">
      <h2 id="me-bookings">{t('browse.me.bookings')}</h2>
      <ul class="link-list">
        <li>
          <a href="/me/bookings">{t('browse.me.myBookings')}</a>
        </li>
        <li>
          <a href="/me/tickets">{t('browse.me.myTickets')}</a>
        </li>
        <li>
          <a href="/me/listings">{t('trade.nav.listings')}</a>
        </li>
      </ul>
    </section>
  );
}

function ChangePassword() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    setChanged(false);
    try {
      await ok(api.PUT('/v1/me/password', { body: { currentPassword, newPassword } }));
      setCurrent('');
      setNew('');
      setChanged(true);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="me-password">
      <h2 id="me-password">{t('browse.me.password')}</h2>
      <form onSubmit={submit} noValidate>
        <ProblemMessage problem={explained(problem, { fields: ['currentPassword', 'newPassword'] })} />
        <TextField
          id="currentPassword"
          type="password"
          label={t('browse.field.currentPasswordLabel')}
          value={currentPassword}
          onInput={setCurrent}
          autocomplete="current-password"
          required
          error={fieldError(problem, 'currentPassword')}
        />
        <TextField
          id="newPassword"
          type="password"
          label={t('browse.field.newPasswordLabel')}
          value={newPassword}
          onInput={setNew}
          autocomplete="new-password"
          hint={t('browse.field.password')}
          required
          error={fieldError(problem, 'newPassword')}
        />
        <p class="actions">
          <button type="submit" aria-busy={busy ? 'true' : undefined}>
            {t('browse.me.changePassword')}
          </button>
        </p>
        {changed && <Notice>{t('browse.me.passwordChanged')}</Notice>}
      </form>
    </section>
  );
}

function CloseAccount(props: { profile: Profile }) {
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const social = props.profile.socialLogins.length > 0;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await ok(api.DELETE('/v1/me', { body: { password: password || undefined } }));
      session.signOut();
      // a fresh start, as logging out does: nothing of the closed account stays in memory
      location.assign('/');
    } catch (err) {
      setProblem(asProblem(err));
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="me-close" class="danger-zone">
      <h2 id="me-close">{t('browse.me.close')}</h2>
      <p>{t('browse.me.closeWhat')}</p>
      <form onSubmit={submit} noValidate>
        <ProblemMessage problem={explained(problem, { fields: ['password'] })} />
        <TextField
          id="close-password"
          type="password"
          label={t('browse.me.closePassword')}
          value={password}
          onInput={setPassword}
          autocomplete="current-password"
          hint={social ? t('browse.me.closeSocialHint') : undefined}
          required={!social}
          error={fieldError(problem, 'password')}
        />
        <p class="actions">
          <button type="submit" class="danger" aria-busy={busy ? 'true' : undefined}>
            {t('browse.me.closeButton')}
          </button>
        </p>
      </form>
    </section>
  );
}
