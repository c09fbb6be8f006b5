import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, idempotencyKey, ok, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang, won, type Key } from '../../i18n';
import {
  closed,
  ClosedReason,
  DepositInstructions,
  explain,
  FanOnly,
  label,
  MyNav,
  type Order,
  RoundLine,
  seatLabel,
  type Ticket,
} from './common';

type Quote = components['schemas']['QuoteView'];
type Cancellation = components['schemas']['CancellationView'];

export function OrderDetail() {
  useLang();
  return (
    <FanOnly title={t('booking.order.title')}>
      <OrderScreen />
    </FanOnly>
  );
}

function OrderScreen() {
  const { orderId } = useRoute().params;
  const order = useLoad(() => ok(api.GET('/v1/orders/{orderId}', { params: { path: { orderId } } })), [orderId]);
  // kept here, not in the form: cancelling the last ticket makes the order REFUNDED and the form goes away
  const [refund, setRefund] = useState<Cancellation | null>(null);
  const o = order.data;
  return (
    <Page title={t('booking.order.title')}>
      <MyNav />
      {order.loading && !o && <Loading />}
      <ProblemMessage problem={explain(order.problem)} />
      {refund && <RefundDone cancellation={refund} />}
      {o && (
        <>
          <OrderFacts order={o} />
          {o.status === 'AWAITING_DEPOSIT' && <DepositInstructions order={o} />}
          {o.status === 'AWAITING_PAYMENT' && (
            <p>
              {t('booking.order.payBy', { time: seoulTime(o.payBy) })}{' '}
              <a href={`/checkout/${o.orderId}`}>{t('booking.fail.backToCheckout')}</a>
            </p>
          )}
          {closed(o.status) && <ClosedReason order={o} />}
          <Tickets order={o} />
          {o.status === 'PAID' && o.tickets.some((x) => x.status === 'ISSUED') && (
            <CancelTickets
              order={o}
              onCancelled={(c) => {
                setRefund(c);
                order.reload();
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}

function OrderFacts(props: { order: Order }) {
  const o = props.order;
  return (
    <>
      <RoundLine roundId={o.roundId} />
      <dl class="bk-facts">
        <dt>{t('booking.col.order')}</dt>
        <dd>{o.orderName}</dd>
        <dt>{t('booking.col.status')}</dt>
        <dd>
          <span class={`bk-badge bk-status-${o.status}`}>{label('booking.status', o.status)}</span>
        </dd>
        <dt>{t('booking.col.method')}</dt>
        <dd>{label('booking.method', o.method)}</dd>
        {o.discounts.length > 0 && (
          <>
            <dt>{t('coupons.order.seatsTotal')}</dt>
            <dd>{won(o.seatsTotal)}</dd>
            {o.discounts.map((d) => (
              <>
                <dt>{t('coupons.order.discount', { source: t(`coupons.source.${d.source}` as Key) })}</dt>
                <dd>-{won(d.amount)}</dd>
              </>
            ))}
          </>
        )}
        <dt>{t('booking.col.amount')}</dt>
        <dd>{won(o.amount)}</dd>
        <dt>{t('booking.col.bookedAt')}</dt>
        <dd>{seoulTime(o.createdAt)}</dd>
      </dl>
    </>
  );
}

function Tickets(props: { order: Order }) {
  const o = props.order;
  if (o.tickets.length === 0) {
    return (
      <section aria-labelledby="bk-tickets-h">
        <h2 id="bk-tickets-h">{t('booking.col.seats')}</h2>
        <ul class="bk-list">
          {o.seats.map((s) => (
            <li key={s.seatId}>
              {seatLabel(s.seatId, s.sectionId)} · {s.grade}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section aria-labelledby="bk-tickets-h">
      <h2 id="bk-tickets-h">{t('booking.order.tickets')}</h2>
      <table class="bk-table">
        <thead>
          <tr>
            <th scope="col">{t('booking.col.seat')}</th>
            <th scope="col">{t('booking.col.grade')}</th>
            <th scope="col" class="bk-num">
              {t('booking.col.price')}
            </th>
            <th scope="col">{t('booking.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {o.tickets.map((x) => (
            <tr key={x.ticketId}>
              <td>{seatLabel(x.seatId)}</td>
              <td>{x.grade}</td>
              <td class="bk-num">{won(x.price)}</td>
              <td>
                {label('booking.ticket', x.status)}
                {x.status === 'ISSUED' && (
                  <>
                    {' '}
                    <a href={`/tickets/${x.ticketId}`}>
                      {t('booking.tickets.qr')}
                      <span class="visually-hidden"> {seatLabel(x.seatId)}</span>
                    </a>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A cancellation rule's code in words: fixed codes by name, the tiered ones (`D9_TO_D7_10PCT`) by their parts. */
function ruleText(rule: string | null | undefined): string {
  if (!rule) return '';
  let m = /^FREE_UNTIL_D(\d+)$/.exec(rule);
  if (m) return t('booking.rule.freeUntil', { days: m[1] });
  m = /^D(\d+)_TO_D(\d+)_(\d+)PCT$/.exec(rule);
  if (m) return t('booking.rule.tier', { from: m[1], to: m[2], percent: m[3] });
  m = /^SAME_DAY_(\d+)PCT$/.exec(rule);
  if (m) return t('booking.rule.sameDay', { percent: m[1] });
  return label('booking.rule', rule);
}

/**
 * Cancelling tickets: pick, see the fee quote (the confirmation), cancel. The Idempotency-Key is made with the quote
 * and kept for it, so pressing 취소하기 again after a lost answer or a `refund-pending` repeats the same cancellation
 * instead of asking for a second one; a new quote is a new confirmation and gets a new key.
 */
function CancelTickets(props: { order: Order; onCancelled: (c: Cancellation) => void }) {
  const o = props.order;
  const issued = o.tickets.filter((x) => x.status === 'ISSUED');
  const [chosen, setChosen] = useState<string[]>([]);
  const [quote, setQuote] = useState<{ ticketIds: string[]; view: Quote; key: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const quoteHeading = useRef<HTMLHeadingElement>(null);

  // tickets cancelled meanwhile (another tab, this form) drop out of the choice
  useEffect(() => {
    setChosen((c) => c.filter((id) => issued.some((x) => x.ticketId === id)));
  }, [o]);

  useEffect(() => {
    if (quote) quoteHeading.current?.focus();
  }, [quote]);

  const toggle = (id: string, on: boolean) => {
    setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
    setQuote(null);
    setProblem(null);
  };

  const askQuote = async () => {
    setBusy(true);
    setProblem(null);
    setQuote(null);
    const ticketIds = issued.map((x) => x.ticketId).filter((id) => chosen.includes(id));
    try {
      const view = await ok(
        api.POST('/v1/orders/{orderId}/cancellation-quote', {
          params: { path: { orderId: o.orderId } },
          body: { ticketIds },
        }),
      );
      setQuote({ ticketIds, view, key: idempotencyKey() });
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    if (!quote) return;
    setBusy(true);
    setProblem(null);
    try {
      const done = await ok(
        api.POST('/v1/orders/{orderId}/ticket-cancellations', {
          params: { path: { orderId: o.orderId }, header: { 'Idempotency-Key': quote.key } },
          body: { ticketIds: quote.ticketIds },
        }),
      );
      setQuote(null);
      setChosen([]);
      props.onCancelled(done);
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const byId = new Map<string, Ticket>(o.tickets.map((x) => [x.ticketId, x]));

  return (
    <section class="bk-cancel" aria-labelledby="bk-cancel-h">
      <h2 id="bk-cancel-h">{t('booking.cancel.title')}</h2>
      <p class="hint">{t('booking.cancel.hint')}</p>
      <fieldset class="bk-choices">
        <legend>{t('booking.cancel.choose')}</legend>
        {issued.map((x) => (
          <label key={x.ticketId} class="bk-choice">
            <input
              type="checkbox"
              checked={chosen.includes(x.ticketId)}
              onChange={(e) => toggle(x.ticketId, e.currentTarget.checked)}
            />
            {seatLabel(x.seatId)} · {x.grade} · {won(x.price)}
          </label>
        ))}
      </fieldset>
      <button type="button" class="secondary" onClick={askQuote} disabled={busy || chosen.length === 0}>
        {t('booking.cancel.quote')}
      </button>
      {quote && (
        <div class="bk-quote card">
          <h3 ref={quoteHeading} tabIndex={-1}>
            {t(quote.view.allowed ? 'booking.cancel.quoteTitle' : 'booking.cancel.refusedTitle')}
          </h3>
          {quote.view.allowed ? (
            <>
              <dl class="bk-facts">
                <dt>{t('booking.cancel.rule')}</dt>
                <dd>{ruleText(quote.view.rule)}</dd>
                <dt>{t('booking.cancel.feePercent')}</dt>
                <dd>{quote.view.feePercent}%</dd>
                <dt>{t('booking.cancel.daysBefore')}</dt>
                <dd>{t('booking.cancel.days', { n: quote.view.daysBefore })}</dd>
                {quote.view.cutoff && (
                  <>
                    <dt>{t('booking.cancel.cutoff')}</dt>
                    <dd>{seoulTime(quote.view.cutoff)}</dd>
                  </>
                )}
              </dl>
              <ul class="bk-fees">
                {quote.view.tickets.map((fee, i) => (
                  // the quote answers the tickets in the order they were asked for
                  <li key={quote.ticketIds[i]}>
                    <strong>{seatLabel(byId.get(quote.ticketIds[i])?.seatId)}</strong>
                    <FeeFigures price={fee.price} fee={fee.fee} refund={fee.refund} />
                  </li>
                ))}
                <li class="bk-fees-total">
                  <strong>{t('booking.total')}</strong>
                  <FeeFigures price={quote.view.totalPrice} fee={quote.view.totalFee} refund={quote.view.totalRefund} />
                </li>
              </ul>
              <p>
                {t('booking.cancel.confirm', {
                  count: quote.ticketIds.length,
                  fee: won(quote.view.totalFee),
                  refund: won(quote.view.totalRefund),
                })}
              </p>
              <div class="row">
                <button type="button" class="danger" onClick={cancel} disabled={busy}>
                  {t('booking.cancel.do')}
                </button>
                <button type="button" class="secondary" onClick={() => setQuote(null)} disabled={busy}>
                  {t('booking.cancel.keep')}
                </button>
              </div>
            </>
          ) : (
            <div role="alert">
              <p>{label('booking.refusal', quote.view.refusal)}</p>
              {quote.view.cutoff && <p>{t('booking.cancel.cutoffWas', { time: seoulTime(quote.view.cutoff) })}</p>}
            </div>
          )}
        </div>
      )}
      <ProblemMessage problem={explain(problem)} />
    </section>
  );
}

/** Price, fee and refund side by side: a table of four columns does not fit a 360 px phone with Korean seat names. */
function FeeFigures(props: { price: number; fee: number; refund: number }) {
  return (
    <dl class="bk-fee-grid">
      <div>
        <dt>{t('booking.col.price')}</dt>
        <dd>{won(props.price)}</dd>
      </div>
      <div>
        <dt>{t('booking.col.fee')}</dt>
        <dd>{won(props.fee)}</dd>
      </div>
      <div>
        <dt>{t('booking.col.refund')}</dt>
        <dd>
          <strong>{won(props.refund)}</strong>
        </dd>
      </div>
    </dl>
  );
}

function RefundDone(props: { cancellation: Cancellation }) {
  const c = props.cancellation;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [c.cancellationId]);
  return (
    <div ref={box} tabIndex={-1} class="success bk-refund-done" role="status">
      <strong>{t('booking.cancel.done', { count: c.ticketIds.length })}</strong>
      <p>
        {t('booking.cancel.refunded', { refund: won(c.refund) })}
        {c.fee > 0 && ` (${t('booking.col.fee')} ${won(c.fee)})`}
      </p>
    </div>
  );
}
