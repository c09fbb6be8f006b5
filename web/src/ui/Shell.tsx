import type { ComponentChildren } from 'preact';
import { lang, setLang, t, useLang } from '../i18n';
import { session } from '../api/session';
import { api } from '../api/client';
import { useSession } from './hooks';

/** Header, skip link and the main landmark every screen sits in. */
export function Shell(props: { children: ComponentChildren }) {
  useLang();
  const claims = useSession();
  const isAdmin = claims?.groups?.includes('ADMIN');
  const logOut = async () => {
    const refreshToken = localStorage.getItem('madang.refresh');
    if (refreshToken) await api.POST('/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
    session.signOut();
    location.assign('/');
  };
  return (
    <>
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header class="top">
        <a class="brand" href="/">
          {t('app.name')}
        </a>
        <nav aria-label={t('app.name')}>
          <a href="/">{t('nav.home')}</a>
          {claims && <a href="/me">{t('nav.my')}</a>}
          {isAdmin && <a href="/admin">{t('nav.admin')}</a>}
          {claims ? (
            <button type="button" class="link" onClick={logOut}>
              {t('nav.logout')}
            </button>
          ) : (
            <a href="/login">{t('nav.login')}</a>
          )}
          <button
            type="button"
            class="link"
            lang={lang() === 'ko' ? 'en' : 'ko'}
            onClick={() => setLang(lang() === 'ko' ? 'en' : 'ko')}
          >
            {t('nav.language')}
          </button>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
