import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { t, useLang } from '../i18n';
import type { Problem } from '../api/client';

/** A screen: sets the document title and its one <h1> (axe: page-has-heading-one, document-title). */
export function Page(props: { title: string; children: ComponentChildren; wide?: boolean }) {
  useEffect(() => {
    document.title = `${props.title} · ${t('app.name')}`;
  }, [props.title]);
  return (
    <div class={props.wide ? 'page page-wide' : 'page'}>
      <h1>{props.title}</h1>
      {props.children}
    </div>
  );
}

/** An RFC 9457 problem in words: the API's title and detail, and each field error. role=alert so it is announced. */
export function ProblemMessage(props: { problem?: Problem | null }) {
  useLang();
  const p = props.problem;
  if (!p) return null;
  return (
    <div class="problem" role="alert">
      <strong>{p.status === 0 ? t('common.network') : p.title}</strong>
      {p.detail && p.status !== 0 && <p>{p.detail}</p>}
      {p.errors.length > 0 && (
        <ul>
          {p.errors.map((e, i) => (
            <li key={i}>
              {e.field ? `${e.field}: ` : ''}
              {e.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading() {
  useLang();
  return (
    <p class="loading" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}
