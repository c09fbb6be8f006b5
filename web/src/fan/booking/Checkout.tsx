import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, ok, Problem } from '../../api/client';
import { session } from '../../api/session';
import { asProblem, useLoad, useSession } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang, won, type Key } from '../../i18n';
import { clock, explain, FanOnly, RoundLine, roundInfo, SeatTable, useServerNow } from './common';
import { NoPaymentWindow, openPaymentWindow } from './paymentWindow';
import { afterMemberDiscount, estimate, termsLine } from '../coupons/terms';
import type { components } from '../../api/schema';

type HeldSeat = components['schemas']['HeldSeat'];

/**
 * Toss's two-digit bank codes (the ones a refund account is most often at), in the order Korean sites list them. Also
 * the transfer checkout's (fan/trade), which asks for a refund account the same way.
 */
export const BANKS = ['06', '88', '20', '81', '11', '03', '90', '89', '92', '71', '23', '31', '32', '34', '35', '37', '39',
  '45', '48', '07', '02', '12', '27', '50', '64'];

type Method = 'CARD' | 'VIRTUAL_ACCOUNT';

export function Checkout() {
  useLang();
  return (
    <FanOnly title={t('booking.checkout.title')}>
      <CheckoutScreen />
    </FanOnly>
  );
}

function CheckoutScreen() {
  const { holdId } = useRoute().params;
  const hold = useLoad(() => ok(api.GET('/v1/holds/{holdId}', { params: { path: { holdId } } })), [holdId]);
  // the buyer's name for the PG (a virtual account is issued in it) and to fill in the refund account's holder
  const me = useLoad(() => ok(api.GET('/v1/me')), []);
  const now = useServerNow();
  const [released, setReleased] = useState(false);

  const h = hold.data;
  // a round's member discount, if the fan's token names one of its memberships: shown before ordering, fixed by the
  // server when the order is made
  const claims = useSession();
  // the round line above reads the round already: the same cached request
  const round = useLoad(() => (h ? roundInfo(h.roundId) : Promise.resolve(null)), [h?.roundId]);
  const sale = round.data?.memberSale;
  const memberships = (claims?.memberships as string[] | undefined) ?? [];
  const memberPercent = sale && sale.membershipIds.some((id) => memberships.includes(id)) ? sale.discountPercent : 0;
  const memberSeats = h ? afterMemberDiscount(h.seats, memberPercent) : [];
  const memberOff = h ? h.amount - memberSeats.reduce((sum, s) => sum + (s.price ?? 0), 0) : 0;
  const remaining = h ? Math.floor((Date.parse(h.expiresAt) - now) / 1000) : 0;
  const expired = !!h && (h.status !== 'HELD' || remaining <= 0);
  const back = h ? `/rounds/${h.roundId}` : '/';

  return (
    <Page title={t('booking.checkout.title')}>
      {hold.loading && !h && <Loading />}
      <ProblemMessage problem={explain(hold.problem)} />
      {h && (
        <>
          <RoundLine roundId={h.roundId} />
          <section aria-labelledby="bk-seats-h">
            <h2 id="bk-seats-h">{t('booking.checkout.seats')}</h2>
            <SeatTable seats={h.seats} total={h.amount} caption={t('booking.checkout.seats')} />
          </section>
          {released ? (
            <div class="success" role="status">
              <p>{t('booking.checkout.released')}</p>
              <a href={back}>{t('booking.checkout.chooseAgain')}</a>
            </div>
          ) : expired ? (
            <div class="problem" role="alert">
              <strong>{t('booking.checkout.expired')}</strong>
              <p>
                <a href={back}>{t('booking.checkout.chooseAgain')}</a>
              </p>
            </div>
          ) : (
            <>
              <Countdown seconds={remaining} expiresAt={h.expiresAt} />
              <PayForm
                holdId={h.holdId}
                amount={h.amount}
                seats={memberSeats}
                memberOff={memberOff}
                buyer={me.data?.identity?.name ?? me.data?.name ?? ''}
              />
              <Release holdId={h.holdId} onReleased={() => setReleased(true)} />
            </>
          )}
        </>
      )}
    </Page>
  );
}

/**
 * The time left, mm:ss on screen every second, but said to a screen reader only once a minute: a live region that
 * changed every second would talk over everything else. A won lottery offer is held for days: then the deadline is
 * shown instead, and the countdown starts in its last hour.
 */
function Countdown(props: { seconds: number; expiresAt: string }) {
  const minutes = Math.ceil(props.seconds / 60);
  const [said, setSaid] = useState('');
  const last = useRef(minutes);
  useEffect(() => {
    if (minutes !== last.current) {
      last.current = minutes;
      if (minutes <= 60) setSaid(t('booking.checkout.minutesLeft', { n: minutes }));
    }
  }, [minutes]);
  return (
    <div class={props.seconds <= 60 ? 'bk-countdown bk-urgent' : 'bk-countdown'}>
      {props.seconds > 3600 ? (
        <>
          <span>{t('booking.checkout.payBy')}</span> <strong>{seoulTime(props.expiresAt)}</strong>
        </>
      ) : (
        <>
          <span>{t('booking.checkout.timeLeft')}</span>{' '}
          <span role="timer" class="bk-clock">
            {clock(props.seconds)}
          </span>
        </>
      )}
      <p class="hint">{t('booking.checkout.timeLeftHint')}</p>
      <span class="visually-hidden" aria-live="polite">
        {said}
      </span>
    </div>
  );
}

type Errors = Partial<Record<'bankCode' | 'accountNumber' | 'holderName', Key>>;

/** {@code seats} are at what a member discount ({@code memberOff} in all) left of their prices. */
function PayForm(props: { holdId: string; amount: number; seats: HeldSeat[]; memberOff: number; buyer: string }) {
  const { route } = useLocation();
  const [method, setMethod] = useState<Method>('CARD');
  const [coupon, setCoupon] = useState({ id: '', off: 0 });
  const [bankCode, setBankCode] = useState('');
  const [accountNumber, setAccountNumber] = useState('');
  const [holderName, setHolderName] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!holderName && props.buyer) setHolderName(props.buyer);
  }, [props.buyer]);

  // Back from the PG's page, the browser may restore this page as it was left: busy, with the button disabled.
  useEffect(() => {
    const restored = (e: PageTransitionEvent) => e.persisted && setBusy(false);
    addEventListener('pageshow', restored);
    return () => removeEventListener('pageshow', restored);
  }, []);

  const validate = (): Errors => {
    if (method !== 'VIRTUAL_ACCOUNT') return {};
    const found: Errors = {};
    if (!bankCode) found.bankCode = 'booking.refund.bankRequired';
    if (!/^[0-9]{6,20}$/.test(accountNumber)) found.accountNumber = 'booking.refund.numberInvalid';
    if (!holderName.trim()) found.holderName = 'booking.refund.holderRequired';
    return found;
  };

  const pay = async (e: Event) => {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const order = await ok(
        api.POST('/v1/orders', {
          body: {
            holdId: props.holdId,
            method,
            couponId: coupon.id || undefined,
            refundAccount:
              method === 'VIRTUAL_ACCOUNT' ? { bankCode, accountNumber, holderName: holderName.trim() } : undefined,
          },
        }),
      );
      // ordering again answers the order made first: once it is past paying, its own page says where it stands
      if (order.status !== 'AWAITING_PAYMENT') {
        route(`/orders/${order.orderId}`);
        return;
      }
      await openPaymentWindow({
        orderId: order.orderId,
        amount: order.amount,
        orderName: order.orderName,
        method: order.method === 'VIRTUAL_ACCOUNT' ? 'VIRTUAL_ACCOUNT' : 'CARD',
        customerName: props.buyer || undefined,
        customerKey: session.claims()?.sub ?? order.orderId,
      });
    } catch (err) {
      setProblem(
        err instanceof NoPaymentWindow
          ? new Problem(0, 'no-payment-window', t('booking.checkout.noWindow'))
          : asProblem(err),
      );
      setBusy(false);
    }
  };

  const field = (name: keyof Errors) => ({
    id: `bk-${name}`,
    name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `bk-${name}-error` : undefined,
  });
  const fieldError = (name: keyof Errors) =>
    errors[name] && (
      <p id={`bk-${name}-error`} class="bk-field-error" role="alert">
        {t(errors[name]!)}
      </p>
    );

  return (
    <form ref={form} onSubmit={pay} noValidate class="bk-pay">
      <fieldset class="bk-choices">
        <legend>{t('booking.checkout.method')}</legend>
        {(['CARD', 'VIRTUAL_ACCOUNT'] as Method[]).map((m) => (
          <label key={m} class="bk-choice">
            <input
              type="radio"
              name="method"
              value={m}
              checked={method === m}
              onChange={() => setMethod(m)}
            />
            {t(m === 'CARD' ? 'booking.method.CARD' : 'booking.method.VIRTUAL_ACCOUNT')}
          </label>
        ))}
      </fieldset>

      {method === 'VIRTUAL_ACCOUNT' && (
        <fieldset class="bk-refund" aria-describedby="bk-refund-why">
          <legend>{t('booking.refund.title')}</legend>
          <p id="bk-refund-why" class="hint">
            {t('booking.refund.why')}
          </p>
          <label for="bk-bankCode">{t('booking.refund.bank')}</label>
          <select {...field('bankCode')} value={bankCode} onChange={(e) => setBankCode(e.currentTarget.value)}>
            <option value="">{t('booking.refund.bankChoose')}</option>
            {BANKS.map((code) => (
              <option key={code} value={code}>
                {t(`booking.bank.${code}` as Key)}
              </option>
            ))}
          </select>
          {fieldError('bankCode')}
          <label for="bk-accountNumber">{t('booking.refund.number')}</label>
          <input
            {...field('accountNumber')}
            inputMode="numeric"
            autoComplete="off"
            value={accountNumber}
            onInput={(e) => setAccountNumber(e.currentTarget.value.replace(/[\s-]/g, ''))}
          />
          <p class="hint">{t('booking.refund.numberHint')}</p>
          {fieldError('accountNumber')}
          <label for="bk-holderName">{t('booking.refund.holder')}</label>
          <input
            {...field('holderName')}
            autoComplete="name"
            value={holderName}
            onInput={(e) => setHolderName(e.currentTarget.value)}
          />
          {fieldError('holderName')}
        </fieldset>
      )}

      {props.memberOff > 0 && (
        <dl class="bk-facts">
          <dt>{t('membership.checkout.discount')}</dt>
          <dd>-{won(props.memberOff)}</dd>
        </dl>
      )}
      <CouponChoice seats={props.seats} seatsTotal={props.amount} amount={props.amount - props.memberOff}
        couponId={coupon.id} onChange={(id, off) => setCoupon({ id, off })} />

      <ProblemMessage problem={explain(problem)} />
      <button type="submit" class="bk-primary" disabled={busy}>
        {t('booking.checkout.pay')}
      </button>
      <p class="hint">{t('booking.checkout.payHint', { amount: won(props.amount - props.memberOff - coupon.off) })}</p>
    </form>
  );
}

/**
 * The fan's available coupons, each with what it would take off these seats (those that cannot apply are shown but
 * not offered), and the price to pay with the one chosen. Nothing is shown to a fan without coupons.
 */
function CouponChoice(props: {
  seats: HeldSeat[];
  /** The seats' total before any discount: a coupon's minimum is checked against it. */
  seatsTotal: number;
  amount: number;
  couponId: string;
  onChange: (id: string, off: number) => void;
}) {
  const wallet = useLoad(() => ok(api.GET('/v1/me/coupons')), []);
  const now = useServerNow();
  const usable = (wallet.data?.items ?? []).filter((c) => c.status === 'AVAILABLE');
  if (usable.length === 0) return null;
  const chosen = usable.find((c) => c.couponId === props.couponId);
  const off = chosen ? estimate(chosen.terms, props.seats, now, props.seatsTotal) ?? 0 : 0;
  return (
    <fieldset class="bk-coupon">
      <legend>{t('coupons.checkout.title')}</legend>
      <label for="bk-coupon">{t('coupons.checkout.choose')}</label>
      <select
        id="bk-coupon"
        value={props.couponId}
        onChange={(e) => {
          const id = e.currentTarget.value;
          const terms = usable.find((c) => c.couponId === id)?.terms;
          props.onChange(id, terms ? estimate(terms, props.seats, now, props.seatsTotal) ?? 0 : 0);
        }}
      >
        <option value="">{t('coupons.checkout.none')}</option>
        {usable.map((c) => {
          const applies = estimate(c.terms, props.seats, now, props.seatsTotal) !== null;
          return (
            <option key={c.couponId} value={c.couponId} disabled={!applies}>
              {applies ? `${c.terms.name} · ${termsLine(c.terms)}` : t('coupons.checkout.notApplicable', { name: c.terms.name })}
            </option>
          );
        })}
      </select>
      {chosen && (
        <dl class="bk-facts" aria-live="polite">
          <dt>{t('coupons.checkout.discount')}</dt>
          <dd>-{won(off)}</dd>
          <dt>{t('coupons.checkout.toPay')}</dt>
          <dd>
            <strong>{won(props.amount - off)}</strong>
          </dd>
        </dl>
      )}
      <p class="hint">{t('coupons.checkout.hint')}</p>
    </fieldset>
  );
}

/**
 * Gives the seats back. Once an order exists for the hold the API refuses (409 hold-has-order: the hold is the
 * order's), and the way to give the seats back is to cancel that order, which is what the fan meant.
 */
function Release(props: { holdId: string; onReleased: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const release = async () => {
    setBusy(true);
    setProblem(null);
    try {
      try {
        await ok(api.DELETE('/v1/holds/{holdId}', { params: { path: { holdId: props.holdId } } }));
      } catch (e) {
        if (!(e instanceof Problem && e.code === 'hold-has-order')) throw e;
        await ok(api.POST('/v1/orders/{orderId}/cancellation', { params: { path: { orderId: props.holdId } } }));
      }
      props.onReleased();
    } catch (e) {
      setProblem(asProblem(e));
      setBusy(false);
    }
  };
  return (
    <div class="bk-release">
      <ProblemMessage problem={explain(problem)} />
      <button type="button" class="secondary" onClick={release} disabled={busy}>
        {t('booking.checkout.release')}
      </button>
    </div>
  );
}
