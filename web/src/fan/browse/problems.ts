import { Problem } from '../../api/client';
import { t, type Key } from '../../i18n';

/**
 * The API's problems in the reader's words. The API writes `title` and `detail` in English for developers; the slug
 * at the end of `type` is stable (docs/api.md §5), so the screens switch on it.
 */
const KNOWN: Record<string, Key> = {
  'email-taken': 'browse.problem.email-taken',
  'identity-already-linked': 'browse.problem.identity-already-linked',
  'identity-verification-used': 'browse.problem.identity-verification-used',
  'identity-verification-unknown': 'browse.problem.identity-verification-unknown',
  'identity-not-verified': 'browse.problem.identity-not-verified',
  'identity-already-verified': 'browse.problem.identity-already-verified',
  'invalid-credentials': 'browse.problem.invalid-credentials',
  'too-many-attempts': 'browse.problem.too-many-attempts',
  'wrong-password': 'browse.problem.wrong-password',
  'no-password': 'browse.problem.no-password',
  'provider-unavailable': 'browse.problem.provider-unavailable',
  'social-login-failed': 'browse.problem.social-login-failed',
};

/** What a bad field must be, in words; the API's own reason is the fallback for any other field. */
const FIELD_RULES: Record<string, Key> = {
  email: 'browse.field.email',
  password: 'browse.field.password',
  newPassword: 'browse.field.password',
  currentPassword: 'browse.field.currentPassword',
  name: 'browse.field.name',
  phone: 'browse.field.phone',
};

/**
 * The problem to show above a form: a known slug in words, field errors the form shows beside their fields left out
 * (so each is said once), the API's English detail kept only for problems this screen has no words for.
 */
export function explained(
  p: Problem | undefined,
  options: { fields?: string[]; titles?: Record<string, Key> } = {},
): Problem | undefined {
  if (!p || p.status === 0) return p;
  const known = options.titles?.[p.code] ?? KNOWN[p.code];
  if (known) return new Problem(p.status, p.type, t(known), undefined, [], p.body);
  const fields = options.fields ?? [];
  const rest = p.errors.filter((e) => !e.field || !fields.includes(e.field));
  if (p.errors.length > 0 && rest.length === 0) {
    return new Problem(p.status, p.type, t('browse.problem.check-fields'), undefined, [], p.body);
  }
  return new Problem(p.status, p.type, t('common.error'), p.detail, rest, p.body);
}

/** The error to show beside `field`, if the problem names it. */
export function fieldError(p: Problem | undefined, field: string): string | undefined {
  const errors = p?.errors.filter((e) => e.field === field) ?? [];
  if (errors.length === 0) return undefined;
  if (p!.code === 'wrong-password') return t('browse.problem.wrong-password');
  const rule = FIELD_RULES[field];
  return rule ? t(rule) : errors.map((e) => e.reason ?? '').join(' ');
}
