import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, ok, Problem } from '../../api/client';
import { session } from '../../api/session';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang, won, type Key } from '../../i18n';
import { FanOnly, MyNav, RoundLine } from '../booking/common';
import { NoPaymentWindow, openPaymentWindow } from '../booking/paymentWindow';
import { BANKS } from '../booking/Checkout';
import { explainTrade, seatText } from './common';

type Method = 'CARD' | 'VIRTUAL_ACCOUNT';

export function TransferCheckout() {
  useLang();
  return (
    <FanOnly title={t('trade.pay.title')}>
      <TransferCheckoutScreen />
    </FanOnly>
  );
}

function TransferCheckoutScreen() {
  const { listingId, requestId } = useRoute().params;
  // there is no GET of one request: my sent requests hold it
  const request = useLoad(
    async () => (await ok(api.GET('/v1/me/trade-requests'))).items.find((r) => r.requestId === requestId) ?? null,
    [requestId],
  );
  // the buyer's name for the PG (a virtual account is issued in it) and to fill in the refund account's holder
  const me = useLoad(() => ok(api.GET('/v1/me')), []);
  const r = request.data;
  // PAYING: ordered already, perhaps with the PG's window left unfinished; paying again answers that same order
  const payable = !!r && r.kind === 'TRANSFER' && (r.status === 'ACCEPTED' || r.status === 'PAYING') && !!r.listing;

  return (
    <Page title={t('trade.pay.title')}>
      <MyNav />
      {request.loading && r === undefined && <Loading />}
      <ProblemMessage problem={explainTrade(request.problem)} />
      {(r === null || (r && !payable)) && (
        <div class="problem" role="alert">
          <strong>{t('trade.pay.notPayable')}</strong>
          <p>
            <a href="/me/trade-requests">{t('trade.nav.requests')}</a>
          </p>
        </div>
      )}
      {r && payable && r.listing && (
        <>
          <RoundLine roundId={r.listing.roundId} />
          <section aria-labelledby="tr-pay-seat-h">
            <h2 id="tr-pay-seat-h">{t('trade.pay.seat')}</h2>
            <p>
              <strong>{seatText(r.listing.seat)}</strong> ·{' '}
              {t('trade.price', { grade: r.listing.grade, price: won(r.listing.price) })}
            </p>
          </section>
          {r.payBy && (
            <div class="bk-countdown">
              <span>{t('booking.checkout.payBy')}</span> <strong>{seoulTime(r.payBy)}</strong>
            </div>
          )}
          <TransferPayForm
            listingId={listingId}
            requestId={requestId}
            amount={r.listing.price}
            ordered={r.status === 'PAYING'}
            buyer={me.data?.identity?.name ?? me.data?.name ?? ''}
          />
        </>
      )}
    </Page>
  );
}

type Errors = Partial<Record<'bankCode' | 'accountNumber' | 'holderName', Key>>;

/**
 * The method and, for a virtual account, the refund account (as the seat checkout asks them), then the order for the
 * transfer and the PG's window. The order is the same kind as a booking's, so the window comes back to the same
 * /checkout/success page, which submits the payment and shows the new ticket.
 */
function TransferPayForm(props: { listingId: string; requestId: string; amount: number; ordered: boolean; buyer: string }) {
  const { route } = useLocation();
  const [method, setMethod] = useState<Method>('CARD');
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
    if (props.ordered || method !== 'VIRTUAL_ACCOUNT') return {};
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
        api.POST('/v1/listings/{listingId}/requests/{requestId}/order', {
          params: { path: { listingId: props.listingId, requestId: props.requestId } },
          // once ordered, the server answers the order made first, in the method chosen then, whatever is sent now
          body: props.ordered
            ? { method: 'CARD' }
            : {
                method,
                refundAccount:
                  method === 'VIRTUAL_ACCOUNT' ? { bankCode, accountNumber, holderName: holderName.trim() } : undefined,
              },
        }),
      );
      // asking again answers the order made first: once it is past paying, its own page says where it stands
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
    id: `tr-${name}`,
    name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `tr-${name}-error` : undefined,
  });
  const fieldError = (name: keyof Errors) =>
    errors[name] && (
      <p id={`tr-${name}-error`} class="bk-field-error" role="alert">
        {t(errors[name]!)}
      </p>
    );

  return (
    <form ref={form} onSubmit={pay} noValidate class="bk-pay">
      {props.ordered ? (
        <p>{t('trade.pay.resume')}</p>
      ) : (
        <fieldset class="bk-choices">
          <legend>{t('booking.checkout.method')}</legend>
          {(['CARD', 'VIRTUAL_ACCOUNT'] as Method[]).map((m) => (
            <label key={m} class="bk-choice">
              <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} />
              {t(m === 'CARD' ? 'booking.method.CARD' : 'booking.method.VIRTUAL_ACCOUNT')}
            </label>
          ))}
        </fieldset>
      )}

      {!props.ordered && method === 'VIRTUAL_ACCOUNT' && (
        <fieldset class="bk-refund" aria-describedby="tr-refund-why">
          <legend>{t('booking.refund.title')}</legend>
          <p id="tr-refund-why" class="hint">
            {t('booking.refund.why')}
          </p>
          <label for="tr-bankCode">{t('booking.refund.bank')}</label>
          <select {...field('bankCode')} value={bankCode} onChange={(e) => setBankCode(e.currentTarget.value)}>
            <option value="">{t('booking.refund.bankChoose')}</option>
            {BANKS.map((code) => (
              <option key={code} value={code}>
                {t(`booking.bank.${code}` as Key)}
              </option>
            ))}
          </select>
          {fieldError('bankCode')}
          <label for="tr-accountNumber">{t('booking.refund.number')}</label>
          <input
            {...field('accountNumber')}
            inputMode="numeric"
            autoComplete="off"
            value={accountNumber}
            onInput={(e) => setAccountNumber(e.currentTarget.value.replace(/[\s-]/g, ''))}
          />
          <p class="hint">{t('booking.refund.numberHint')}</p>
          {fieldError('accountNumber')}
          <label for="tr-holderName">{t('booking.refund.holder')}</label>
          <input
            {...field('holderName')}
            autoComplete="name"
            value={holderName}
            onInput={(e) => setHolderName(e.currentTarget.value)}
          />
          {fieldError('holderName')}
        </fieldset>
      )}

      <ProblemMessage problem={explainTrade(problem)} />
      <button type="submit" class="bk-primary" disabled={busy}>
        {t('booking.checkout.pay')}
      </button>
      <p class="hint">{t('trade.pay.hint', { amount: won(props.amount) })}</p>
    </form>
  );
}
