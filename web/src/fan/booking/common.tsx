import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { useRequireSignIn } from '../browse/guard';
import { seoulTime, t, useLang, won, type Key } from '../../i18n';
import { ko } from '../../i18n/booking';
import './booking.css';
import { useUnread } from '../inbox/unread';

export type Order = components['schemas']['OrderView'];
export type HeldSeat = components['schemas']['HeldSeat'];
export type Ticket = components['schemas']['TicketView'];

/**
 * Every booking screen is a signed-in fan's (the sign-in guard the browse screens use: after a reload it first spends
 * the refresh token, and with no session it goes to /login?next=<this path and query>, which the payment result
 * page needs for its paymentKey). Meanwhile the screen shows its own h1, so it is never headless.
 */
export function FanOnly(props: { title: string; children: ComponentChildren }) {
  useLang();
  const { claims, problem } = useRequireSignIn();
  if (!claims) {
    return (
      <Page title={props.title}>
        {problem ? <ProblemMessage problem={explain(problem)} /> : <Loading />}
      </Page>
    );
  }
  return <>{props.children}</>;
}

/**
 * A word for an API code (`booking.status.PAID`); for a code this client does not know yet, `otherwise`, else the
 * code itself.
 */
export function label(prefix: string, code: string | null | undefined, otherwise?: string): string {
  const key = `${prefix}.${code}`;
  if (code && key in ko) return t(key as Key);
  return otherwise ?? code ?? '';
}

/**
 * A seat id is the layout's `section-row-number` (docs/api.md §3). The section id may itself hold a dash, so when it is
 * known it is cut off the front; the number is always the last part and the row the one before.
 */
export function seatLabel(seatId: string | undefined, sectionId?: string): string {
  if (!seatId) return '';
  let rest = seatId;
  let section = '';
  if (sectionId && seatId.startsWith(`${sectionId}-`)) {
    section = sectionId;
    rest = seatId.slice(sectionId.length + 1);
  }
  const parts = rest.split('-');
  if (parts.length < (section ? 2 : 3)) return seatId;
  const number = parts.pop()!;
  const row = section ? parts.join('-') : parts.pop()!;
  if (!section) section = parts.join('-');
  return t('booking.seat', { section, row, number });
}

/**
 * The API's problem in the reader's words when this area knows its slug (docs/api.md §5: `title` and `detail` are
 * English for developers, the slug is stable); any other problem as the API put it.
 */
export function explain(p: Problem | null | undefined): Problem | null | undefined {
  if (!p || p.status === 0) return p;
  const key = `booking.problem.${p.code}`;
  return key in ko ? new Problem(p.status, p.type, t(key as Key), undefined, [], p.body) : p;
}

/** Orders still on their way to PAID or to a close: worth asking again shortly. */
export function settling(status: string): boolean {
  return status === 'CONFIRMING' || status === 'APPROVED' || status === 'CLOSING';
}

export function closed(status: string): boolean {
  return ['EXPIRED', 'CANCELLED', 'FAILED', 'REFUNDED'].includes(status);
}

let offset: Promise<number> | null = null;

/**
 * How far the server's clock is ahead of this device's (ms). A hold's expiry and a code's refresh are server times,
 * and a phone's clock can be minutes off; without /v1/time the device's own clock has to do.
 */
export function serverOffset(): Promise<number> {
  offset ??= (async () => {
    const sent = Date.now();
    const time = await ok(api.GET('/v1/time'));
    return time.epochMillis - (sent + Date.now()) / 2;
  })().catch(() => 0);
  return offset;
}

/** The server's now, ticking every `everyMs`. */
export function useServerNow(everyMs = 1000): number {
  const [skew, setSkew] = useState(0);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    let live = true;
    serverOffset().then((o) => live && setSkew(o));
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [everyMs]);
  return now + skew;
}

/** `mm:ss` of a number of seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** {@code memberSale}: what the round gives members (checkout shows a member's discount from it). */
export type RoundInfo = {
  title: string;
  startsAt: string;
  roundId: string;
  memberSale?: components['schemas']['MemberSaleView'] | null;
};
const rounds = new Map<string, Promise<RoundInfo | null>>();

/**
 * A round's performance title and start, for screens whose resource names only the round (a hold, an order, a
 * lottery entry). Cached for the session; a failure leaves the line out rather than failing the screen.
 */
export function roundInfo(roundId: string): Promise<RoundInfo | null> {
  let found = rounds.get(roundId);
  if (!found) {
    found = (async () => {
      const round = await ok(api.GET('/v1/rounds/{roundId}', { params: { path: { roundId } } }));
      const performance = await ok(
        api.GET('/v1/performances/{performanceId}', { params: { path: { performanceId: round.performanceId } } }),
      );
      return { title: performance.title, startsAt: round.startsAt, roundId, memberSale: round.memberSale };
    })().catch(() => null);
    rounds.set(roundId, found);
  }
  return found;
}

/** "레미제라블 · 2026년 12월 24일 (목) 19:30", once known. */
export function RoundLine(props: { roundId: string }) {
  useLang();
  const [info, setInfo] = useState<RoundInfo | null>(null);
  useEffect(() => {
    let live = true;
    roundInfo(props.roundId).then((i) => live && setInfo(i));
    return () => {
      live = false;
    };
  }, [props.roundId]);
  if (!info) return null;
  return (
    <p class="bk-round">
      <strong>{info.title}</strong> <span>{seoulTime(info.startsAt)}</span>
    </p>
  );
}

/** The seats of a hold or an order: section, row, number, grade, price, and the total. */
export function SeatTable(props: { seats: HeldSeat[]; total: number; caption: string }) {
  useLang();
  return (
    <table class="bk-table">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('booking.col.seat')}</th>
          <th scope="col">{t('booking.col.grade')}</th>
          <th scope="col" class="bk-num">
            {t('booking.col.price')}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.seats.map((s) => (
          <tr key={s.seatId}>
            <td>{seatLabel(s.seatId, s.sectionId)}</td>
            <td>{s.grade}</td>
            <td class="bk-num">{s.price === undefined ? '' : won(s.price)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            {t('booking.total')}
          </th>
          <td class="bk-num">
            <strong>{won(props.total)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/**
 * What to do for an order waiting for its deposit. The order as the API answers it carries the amount and the
 * deadline (`payBy`) but not the virtual account itself (bank, number, holder): those the PG showed in its window
 * and sends the fan, so this says where to find them.
 */
export function DepositInstructions(props: { order: Order }) {
  useLang();
  const o = props.order;
  return (
    <section class="bk-deposit card" aria-labelledby="bk-deposit-h">
      <h2 id="bk-deposit-h">{t('booking.deposit.title')}</h2>
      <dl class="bk-facts">
        <dt>{t('booking.deposit.amount')}</dt>
        <dd>
          <strong>{won(o.amount)}</strong>
        </dd>
        <dt>{t('booking.deposit.deadline')}</dt>
        <dd>
          <strong>{seoulTime(o.payBy)}</strong>
        </dd>
      </dl>
      <p>{t('booking.deposit.where')}</p>
      <p class="hint">{t('booking.deposit.late')}</p>
    </section>
  );
}

/** Why a closed order did not become a booking, in words. */
export function ClosedReason(props: { order: Order }) {
  useLang();
  const reason = props.order.closeReason;
  return <p>{reason ? label('booking.close', reason) : label('booking.status', props.order.status)}</p>;
}

/** The links between the fan's own booking screens. */
/** The inbox's unread count beside its menu entry; nothing while it is zero or not known yet. */
function UnreadBadge() {
  const unread = useUnread();
  if (!unread) return null;
  return (
    <>
      <span class="ib-count" aria-hidden="true">
        {unread}
      </span>
      <span class="visually-hidden">{t('inbox.badge', { count: unread })}</span>
    </>
  );
}

export function MyNav() {
  useLang();
  const { path } = useLocation();
  const links: [string, Key][] = [
    ['/me/bookings', 'booking.nav.bookings'],
    ['/me/tickets', 'booking.nav.tickets'],
    ['/me/lottery', 'booking.nav.lottery'],
    ['/me/listings', 'trade.nav.listings'],
    ['/me/trade-requests', 'trade.nav.requests'],
    ['/me/alerts', 'alerts.nav'],
    ['/me/coupons', 'coupons.nav'],
    ['/memberships', 'membership.nav'],
  ];
  return (
    <nav class="bk-mynav" aria-label={t('booking.nav.label')}>
      {links.map(([href, key]) => (
        <a key={href} href={href} aria-current={path === href ? 'page' : undefined}>
          {t(key)}
        </a>
      ))}
      <a href="/me/inbox" aria-current={path === '/me/inbox' ? 'page' : undefined}>
        {t('inbox.nav')}
        <UnreadBadge />
      </a>
    </nav>
  );
}
