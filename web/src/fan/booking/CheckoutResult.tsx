import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, Problem } from '../../api/client';
import { session } from '../../api/session';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { t, useLang, won, type Key } from '../../i18n';
import {
  closed,
  ClosedReason,
  DepositInstructions,
  explain,
  FanOnly,
  label,
  type Order,
  RoundLine,
  seatLabel,
  settling,
} from './common';

const POLL_EVERY_MS = 2000;
const POLL_FOR_MS = 60_000;
const SUBMITTED = 'madang.paymentSubmitted.';

/** A membership paid for: the next token must name it (the presale and the discount read it there). */
function MembershipOutcome(props: { order: Order }) {
  const o = props.order;
  useEffect(() => {
    if (o.status === 'PAID') void session.refresh();
  }, [o.status]);
  return (
    <>
      <p class="bk-order-name">{o.orderName}</p>
      {o.status === 'PAID' && <p class="success">{t('membership.paid')}</p>}
      <p class="bk-total">
        {t('booking.total')} <strong>{won(o.amount)}</strong>
      </p>
      <p>
        <a class="button" href="/memberships">
          {t('membership.toPage')}
        </a>
      </p>
    </>
  );
}

/** The PG's way back after a payment: submit its paymentKey once, then show how the order ended. */
export function CheckoutSuccess() {
  useLang();
  return (
    <FanOnly title={t('booking.success.confirming')}>
      <SuccessScreen />
    </FanOnly>
  );
}

function getOrder(orderId: string): Promise<Order> {
  return ok(api.GET('/v1/orders/{orderId}', { params: { path: { orderId } } }));
}

function SuccessScreen() {
  const { query } = useLocation();
  const { paymentKey, orderId } = query;
  const amount = Number(query.amount);
  const [order, setOrder] = useState<Order | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [gaveUp, setGaveUp] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!paymentKey || !orderId || !Number.isSafeInteger(amount)) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    const show = (o: Order) => {
      if (!live) return;
      setOrder(o);
      if (!settling(o.status)) return;
      // 202: the workflow is still confirming with the PG; ask again every 2 s for a minute
      if (Date.now() - started >= POLL_FOR_MS) {
        setGaveUp(true);
        return;
      }
      timer = setTimeout(() => getOrder(orderId).then(show, fail), POLL_EVERY_MS);
    };
    const fail = (e: unknown) => live && setProblem(asProblem(e));
    const key = SUBMITTED + orderId;
    (async () => {
      // A reload of this page (or Back to it) must not submit the key again: the first submission decides.
      if (sessionStorage.getItem(key) === paymentKey) {
        show(await getOrder(orderId));
        return;
      }
      sessionStorage.setItem(key, paymentKey);
      try {
        show(
          await ok(
            api.POST('/v1/orders/{orderId}/payment', {
              params: { path: { orderId } },
              body: { paymentKey, amount },
            }),
          ),
        );
      } catch (e) {
        const p = asProblem(e);
        if (p.status === 409) {
          // paid, closed or another key submitted already: the order says which
          show(await getOrder(orderId));
        } else {
          // the PG unreachable (503) or no answer at all: nothing was decided, so the same key may be sent again
          if (p.status === 0 || p.status >= 500) sessionStorage.removeItem(key);
          throw p;
        }
      }
    })().catch(fail);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [paymentKey, orderId, amount, attempt]);

  const retry = () => {
    setProblem(null);
    setGaveUp(false);
    setAttempt((a) => a + 1);
  };

  const bad = !paymentKey || !orderId || !Number.isSafeInteger(amount);
  const status = order?.status;
  const title: Key =
    status === 'PAID'
      ? 'booking.success.title'
      : status === 'AWAITING_DEPOSIT'
        ? 'booking.success.deposit'
        : status && closed(status)
          ? 'booking.success.closed'
          : problem || bad
            ? 'booking.success.problem'
            : 'booking.success.confirming';

  return (
    <Page title={t(title)}>
      <div role="status" aria-live="polite" class="bk-outcome">
        {bad && <p>{t('booking.success.bad')}</p>}
        {!bad && !order && !problem && <p class="loading">{t('booking.success.submitting')}</p>}
        {order && settling(order.status) && !gaveUp && <p class="loading">{t('booking.success.waiting')}</p>}
        {order && settling(order.status) && gaveUp && <p>{t('booking.success.slow')}</p>}
        {status === 'PAID' && <p class="success">{t('booking.success.paid')}</p>}
        {status === 'AWAITING_DEPOSIT' && <p>{t('booking.success.depositSaid')}</p>}
        {status === 'AWAITING_PAYMENT' && <p>{t('booking.success.unpaid')}</p>}
        {order && closed(order.status) && <ClosedReason order={order} />}
      </div>
      <ProblemMessage problem={explain(problem)} />
      {problem && (problem.status === 0 || problem.status >= 500) && (
        <button type="button" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
      {problem && orderId && (
        <p>
          <a href={`/checkout/${orderId}`}>{t('booking.fail.backToCheckout')}</a>
        </p>
      )}
      {order && <OrderOutcome order={order} />}
    </Page>
  );
}

function OrderOutcome(props: { order: Order }) {
  const o = props.order;
  if (o.membershipId) return <MembershipOutcome order={o} />;
  return (
    <>
      <RoundLine roundId={o.roundId} />
      <p class="bk-order-name">{o.orderName}</p>
      {o.status === 'PAID' && (
        <>
          <h2>{t('booking.success.tickets')}</h2>
          <ul class="bk-list">
            {o.tickets.map((ticket) => (
              <li key={ticket.ticketId}>
                {seatLabel(ticket.seatId)} · {ticket.grade} · {won(ticket.price)}
              </li>
            ))}
            {o.tickets.length === 0 &&
              o.seats.map((s) => <li key={s.seatId}>{seatLabel(s.seatId, s.sectionId)}</li>)}
          </ul>
          <p class="bk-total">
            {t('booking.total')} <strong>{won(o.amount)}</strong>
          </p>
          <p class="row">
            <a class="button" href="/me/tickets">
              {t('booking.nav.tickets')}
            </a>
            <a class="button secondary" href={`/orders/${o.orderId}`}>
              {t('booking.success.orderLink')}
            </a>
          </p>
        </>
      )}
      {o.status === 'AWAITING_DEPOSIT' && (
        <>
          <DepositInstructions order={o} />
          <p>
            <a href={`/orders/${o.orderId}`}>{t('booking.success.orderLink')}</a>
          </p>
        </>
      )}
      {o.status === 'AWAITING_PAYMENT' && (
        <p>
          <a class="button" href={`/checkout/${o.orderId}`}>
            {t('booking.fail.backToCheckout')}
          </a>
        </p>
      )}
      {settling(o.status) && (
        <p>
          <a href={`/orders/${o.orderId}`}>{t('booking.success.orderLink')}</a>
        </p>
      )}
      {closed(o.status) && (
        <p>
          <a class="button" href={`/rounds/${o.roundId}`}>
            {t('booking.checkout.chooseAgain')}
          </a>
        </p>
      )}
    </>
  );
}

/** The PG's way back when the payment did not happen: why, and whether the seats can still be paid for. */
export function CheckoutFail() {
  useLang();
  return (
    <FanOnly title={t('booking.fail.title')}>
      <FailScreen />
    </FanOnly>
  );
}

function FailScreen() {
  const { query } = useLocation();
  const { code, message, orderId } = query;
  // the order id is the hold id: the hold says whether the seats are still the fan's
  const hold = useLoad(
    () => (orderId ? ok(api.GET('/v1/holds/{holdId}', { params: { path: { holdId: orderId } } })) : Promise.resolve(null)),
    [orderId],
  );
  const [cancelled, setCancelled] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const h = hold.data;
  const payable = !!h && h.status === 'HELD' && Date.parse(h.expiresAt) > Date.now();

  const cancel = async () => {
    if (!orderId) return;
    setBusy(true);
    setProblem(null);
    try {
      await ok(api.POST('/v1/orders/{orderId}/cancellation', { params: { path: { orderId } } }));
      setCancelled(true);
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('booking.fail.title')}>
      <div class="problem" role="alert">
        <strong>{label('booking.pg', code, t('booking.fail.generic'))}</strong>
        {message && <p>{message}</p>}
        {code && <p class="hint">{t('booking.fail.code', { code })}</p>}
      </div>
      {hold.loading && <Loading />}
      {cancelled ? (
        <div class="success" role="status">
          <p>{t('booking.fail.cancelled')}</p>
          {h && <a href={`/rounds/${h.roundId}`}>{t('booking.checkout.chooseAgain')}</a>}
        </div>
      ) : payable ? (
        <>
          <RoundLine roundId={h!.roundId} />
          <p>{t('booking.fail.stillHeld')}</p>
          <ProblemMessage problem={explain(problem)} />
          <p class="row">
            <a class="button" href={`/checkout/${orderId}`}>
              {t('booking.fail.backToCheckout')}
            </a>
            <button type="button" class="secondary" onClick={cancel} disabled={busy}>
              {t('booking.fail.cancelOrder')}
            </button>
          </p>
        </>
      ) : (
        !hold.loading && (
          <>
            <p>{t('booking.fail.notHeld')}</p>
            <p>
              <a href={h ? `/rounds/${h.roundId}` : '/'}>{h ? t('booking.checkout.chooseAgain') : t('nav.home')}</a>
            </p>
          </>
        )
      )}
    </Page>
  );
}
