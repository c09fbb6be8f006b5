import { Problem } from '../../api/client';
import { t, type Key } from '../../i18n';
import { ko } from '../../i18n/alerts';

/** The alerts' own problems in the fan's words; any other as the API said it. */
export function explainAlert(p: Problem | null | undefined): Problem | null | undefined {
  if (!p || p.status === 0) return p;
  const key = `alerts.problem.${p.code}`;
  return key in ko ? new Problem(p.status, p.type, t(key as Key), undefined, [], p.body) : p;
}
