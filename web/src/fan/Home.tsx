import { Page } from '../ui/parts';
import { t, useLang } from '../i18n';

export function Home() {
  useLang();
  return <Page title={t('app.tagline')}>{null}</Page>;
}
