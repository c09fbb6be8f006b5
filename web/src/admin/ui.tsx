import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Problem } from '../api/client';
import { session } from '../api/session';
import { t, useLang } from '../i18n';
import { asProblem, useSession } from '../ui/hooks';
import { Loading, Page, ProblemMessage } from '../ui/parts';
import './admin.css';

/**
 * Shows its children only to a signed-in ADMIN. After a reload only the refresh token is left, so it first asks for
 * an access token; anyone else gets a message and a link to log in and come back here (the API would refuse them
 * anyway: this only saves a round of 401s and 403s).
 */
export function RequireAdmin(props: { title: string; children: ComponentChildren }) {
  useLang();
  const claims = useSession();
  const { url } = useLocation();
  const [settled, setSettled] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => {
    if (claims) return;
    let live = true;
    session.accessToken().then(
      () => live && setSettled(true),
      (e) => live && setProblem(asProblem(e)),
    );
    return () => {
      live = false;
    };
  }, [claims]);

  if (claims?.groups?.includes('ADMIN')) return <div class="admin-screen">{props.children}</div>;
  const login = `/login?next=${encodeURIComponent(url)}`;
  return (
    <Page title={props.title}>
      {problem ? (
        <ProblemMessage problem={problem} />
      ) : !claims && !settled ? (
        <Loading />
      ) : (
        <div class="admin-gate">
          <p>{claims ? t('admin.gate.notAdmin') : t('admin.gate.signedOut')}</p>
          <a class="button" href={login}>
            {t('admin.gate.login')}
          </a>
        </div>
      )}
    </Page>
  );
}

/** The reason the API gave for one field, when it named it (`errors[].field`). */
export function fieldError(problem: Problem | undefined, ...fields: string[]): string | undefined {
  const e = problem?.errors.find((e) => e.field && fields.some((f) => e.field === f || e.field!.startsWith(`${f}.`) || e.field!.startsWith(`${f}[`)));
  return e?.reason;
}

type FieldProps = {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string;
  /** The control itself; it gets the id, aria-describedby and aria-invalid from here. */
  children: (a: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: 'true' }) => JSX.Element;
};

/** A labelled control with its hint and its own error, tied together for screen readers. */
export function Field(p: FieldProps) {
  const hintId = p.hint ? `${p.id}-hint` : undefined;
  const errorId = p.error ? `${p.id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="admin-field">
      <label for={p.id}>{p.label}</label>
      {p.hint && (
        <p id={hintId} class="hint admin-field-hint">
          {p.hint}
        </p>
      )}
      {p.children({ id: p.id, 'aria-describedby': describedBy, 'aria-invalid': p.error ? 'true' : undefined })}
      {p.error && (
        <p id={errorId} class="admin-field-error">
          {p.error}
        </p>
      )}
    </div>
  );
}

/** A short success message, announced politely. */
export function Saved(props: { children: ComponentChildren }) {
  return (
    <p class="success" role="status">
      {props.children}
    </p>
  );
}
