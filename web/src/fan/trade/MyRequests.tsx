import { api, ok } from '../../api/client';
import { useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang } from '../../i18n';
import { FanOnly, MyNav, RoundLine } from '../booking/common';
import { explainTrade, ListingHead, tradeLabel, type TradeRequest } from './common';

export function MyRequests() {
  useLang();
  return (
    <FanOnly title={t('trade.requests.title')}>
      <MyRequestsScreen />
    </FanOnly>
  );
}

function MyRequestsScreen() {
  const requests = useLoad(() => ok(api.GET('/v1/me/trade-requests')), []);
  const items = requests.data?.items ?? [];
  return (
    <Page title={t('trade.requests.title')}>
      <MyNav />
      {requests.loading && !requests.data && <Loading />}
      <ProblemMessage problem={explainTrade(requests.problem)} />
      {requests.data && items.length === 0 && <p>{t('trade.requests.none')}</p>}
      <ul class="cards bk-cards">
        {items.map((r) => (
          <li key={r.requestId} class="card">
            <SentRequest request={r} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

/** The path of the transfer checkout for an accepted request (the API's order route, one level down). */
export function payPath(r: { listingId: string; requestId: string }): string {
  return `/listings/${r.listingId}/requests/${r.requestId}/pay`;
}

function SentRequest(props: { request: TradeRequest }) {
  const r = props.request;
  const status = <span class={`bk-badge tr-request-${r.status}`}>{tradeLabel('trade.requestStatus', r.status)}</span>;
  return (
    <>
      {r.listing ? (
        <>
          <ListingHead kind={r.kind} seat={r.listing.seat} grade={r.listing.grade} price={r.listing.price} level={2}>
            {status}
          </ListingHead>
          <RoundLine roundId={r.listing.roundId} />
        </>
      ) : (
        // the listing may no longer be one this fan is shown (traded to someone else, withdrawn)
        <>
          <p class="tr-badges">
            <span class={`bk-badge tr-kind-${r.kind}`}>{tradeLabel('trade.kind', r.kind)}</span> {status}
          </p>
          <h2 class="tr-seat">{t('trade.requests.gone')}</h2>
        </>
      )}
      <p class="hint">{t('trade.requestedAt', { time: seoulTime(r.createdAt) })}</p>
      {r.kind === 'TRANSFER' && r.status === 'ACCEPTED' && r.payBy && (
        <>
          <p class="tr-deadline">{t('trade.requests.payBy', { time: seoulTime(r.payBy) })}</p>
          <a class="button" href={payPath(r)}>
            {t('trade.requests.pay')}
          </a>
        </>
      )}
      {r.kind === 'TRANSFER' && r.status === 'PAYING' && (
        <p class="row">
          <a class="button secondary" href={payPath(r)}>
            {t('trade.requests.payAgain')}
          </a>
          {r.orderId && <a href={`/orders/${r.orderId}`}>{t('trade.requests.order')}</a>}
        </p>
      )}
      {r.orderId && r.status === 'FAILED' && <a href={`/orders/${r.orderId}`}>{t('trade.requests.order')}</a>}
      {r.status === 'DONE' && <a href="/me/tickets">{t('trade.requests.tickets')}</a>}
    </>
  );
}
