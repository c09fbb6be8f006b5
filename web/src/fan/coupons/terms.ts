import type { components } from '../../api/schema';
import { seoulTime, t, won } from '../../i18n';

export type Terms = components['schemas']['TermsView'];
type Seat = { grade?: string; price?: number };

/** "10% 할인 · 최대 30,000원 · 100,000원 이상 예매 시 · VIP석 · 12월 31일까지": a coupon's terms in one line. */
export function termsLine(terms: Terms): string {
  const parts = [
    terms.kind === 'FIXED'
      ? t('coupons.terms.fixed', { amount: won(terms.value) })
      : t('coupons.terms.percent', { value: String(terms.value) }),
  ];
  if (terms.kind === 'PERCENT' && terms.maxDiscount > 0) parts.push(t('coupons.terms.cap', { amount: won(terms.maxDiscount) }));
  if (terms.minimumOrder > 0) parts.push(t('coupons.terms.minimum', { amount: won(terms.minimumOrder) }));
  if (terms.grades.length > 0) parts.push(t('coupons.terms.grades', { grades: terms.grades.join(', ') }));
  parts.push(t('coupons.terms.until', { time: seoulTime(terms.validUntil, false) }));
  if (terms.returnOnCancel) parts.push(t('coupons.terms.returns'));
  return parts.join(' · ');
}

/**
 * What the coupon would take off these seats, or null where it does not apply: shown before ordering so the fan sees
 * the price they will be asked for. The server computes the order's discount itself (the same rules) and the PG is
 * asked for the order's amount, never for this figure. The performance is not checked here (the hold does not name
 * it); the server refuses such a coupon with coupon-not-applicable. {@code seats} are at what a member discount left.
 */
export function estimate(terms: Terms, seats: Seat[], at: number, seatsTotal?: number): number | null {
  // the minimum is checked against the seats' total before a member discount (seatsTotal), as the server does
  const total = seatsTotal ?? seats.reduce((sum, s) => sum + (s.price ?? 0), 0);
  const eligible = seats
    .filter((s) => terms.grades.length === 0 || terms.grades.includes(s.grade ?? ''))
    .reduce((sum, s) => sum + (s.price ?? 0), 0);
  const valid = Date.parse(terms.validFrom) <= at && at < Date.parse(terms.validUntil);
  if (!valid || total < terms.minimumOrder || eligible === 0) return null;
  const off =
    terms.kind === 'FIXED'
      ? terms.value
      : Math.min(Math.floor((eligible * terms.value) / 100), terms.maxDiscount > 0 ? terms.maxDiscount : Infinity);
  return Math.min(off, eligible);
}

/** The seats at what a member discount of {@code percent} leaves of each (rounded down to the won, as the server). */
export function afterMemberDiscount<S extends Seat>(seats: S[], percent: number): S[] {
  return seats.map((s) => ({ ...s, price: (s.price ?? 0) - Math.floor(((s.price ?? 0) * percent) / 100) }));
}
