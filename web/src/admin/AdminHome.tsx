import { Page } from '../ui/parts';
import { t, useLang } from '../i18n';

export function AdminHome() {
  useLang();
  return <Page title={t('nav.admin')}>{null}</Page>;
}
