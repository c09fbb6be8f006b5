import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { usePages } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang, won } from '../../i18n';
import { explain, FanOnly, label, MyNav, seatLabel } from './common';

type Booking = components['schemas']['BookingView'];

const PAGE = 20;

/**
 * My bookings: GET /v1/me/bookings rather than /v1/orders, because it carries what a fan asks about a booking
 * (refunded, fees, tickets with the round's time) and is paged.
 */
export function MyBookings() {
  useLang();
  return (
    <FanOnly title={t('booking.bookings.title')}>
      <BookingsScreen />
    </FanOnly>
  );
}

function BookingsScreen() {
  const { items, next, loading, problem, load } = usePages<Booking>((cursor) =>
    ok(api.GET('/v1/me/bookings', { params: { query: { limit: String(PAGE), ...(cursor ? { cursor } : {}) } } })),
  );

  return (
    <Page title={t('booking.bookings.title')}>
      <MyNav />
      <ProblemMessage problem={explain(problem)} />
      {!loading && !problem && items.length === 0 && <p>{t('booking.bookings.none')}</p>}
      <ul class="cards bk-cards">
        {items.map((b) => (
          <li key={b.orderId} class="card">
            <BookingCard booking={b} />
          </li>
        ))}
      </ul>
      {loading && <Loading />}
      {next && !loading && (
        <button type="button" class="secondary bk-more" onClick={() => load(next)}>
          {t('booking.more')}
        </button>
      )}
    </Page>
  );
}

function BookingCard(props: { booking: Booking }) {
  const b = props.booking;
  const startsAt = b.tickets[0]?.startsAt;
  return (
    <>
      <h2 class="bk-card-title">
        <a href={`/orders/${b.orderId}`}>{b.orderName}</a>
      </h2>
      <p>
        <span class={`bk-badge bk-status-${b.status}`}>{label('booking.status', b.status)}</span>
      </p>
      <dl class="bk-facts">
        {startsAt && (
          <>
            <dt>{t('booking.col.startsAt')}</dt>
            <dd>{seoulTime(startsAt)}</dd>
          </>
        )}
        <dt>{t('booking.col.seats')}</dt>
        <dd>{b.seats.map((s) => seatLabel(s.seatId, s.sectionId)).join(', ')}</dd>
        <dt>{t('booking.col.amount')}</dt>
        <dd>{won(b.amount)}</dd>
        {b.refunded > 0 && (
          <>
            <dt>{t('booking.col.refunded')}</dt>
            <dd>
              {won(b.refunded)}
              {b.fees > 0 && ` (${t('booking.col.fee')} ${won(b.fees)})`}
            </dd>
          </>
        )}
        {b.refundPending > 0 && (
          <>
            <dt>{t('booking.col.refundPending')}</dt>
            <dd>{won(b.refundPending)}</dd>
          </>
        )}
        <dt>{t('booking.col.bookedAt')}</dt>
        <dd>{seoulTime(b.bookedAt)}</dd>
      </dl>
    </>
  );
}
