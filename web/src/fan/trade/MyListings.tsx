import { useState } from 'preact/hooks';
import { api, ok, Problem } from '../../api/client';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang, won } from '../../i18n';
import { FanOnly, MyNav, RoundLine } from '../booking/common';
import { explainTrade, ListingHead, seatText, tradeLabel, WantedLine, type MyListing, type TradeRequest } from './common';

export function MyListings() {
  useLang();
  return (
    <FanOnly title={t('trade.mine.title')}>
      <MyListingsScreen />
    </FanOnly>
  );
}

function MyListingsScreen() {
  const listings = useLoad(() => ok(api.GET('/v1/me/listings')), []);
  // what the last action did, said once above the list (the list itself is reloaded and re-rendered)
  const [said, setSaid] = useState('');
  const items = listings.data?.items ?? [];
  const done = (text: string) => {
    setSaid(text);
    listings.reload();
  };
  return (
    <Page title={t('trade.mine.title')}>
      <MyNav />
      <div role="status" class={said ? 'success tr-said' : 'visually-hidden'}>
        {said && (
          <>
            <p>{said}</p>
            <a href="/me/tickets">{t('trade.mine.tickets')}</a>
          </>
        )}
      </div>
      {listings.loading && !listings.data && <Loading />}
      <ProblemMessage problem={explainTrade(listings.problem)} />
      {listings.data && items.length === 0 && (
        <p>
          {t('trade.mine.none')} <a href="/me/tickets">{t('booking.nav.tickets')}</a>
        </p>
      )}
      <ul class="cards bk-cards tr-mine">
        {items.map((l) => (
          <li key={l.listingId} class="card">
            <ListingCard listing={l} onDone={done} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

function ListingCard(props: { listing: MyListing; onDone: (said: string) => void }) {
  const l = props.listing;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const seat = seatText(l.seat);
  const withdraw = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await ok(api.DELETE('/v1/listings/{listingId}', { params: { path: { listingId: l.listingId } } }));
      props.onDone(t('trade.mine.withdrawn'));
    } catch (err) {
      setProblem(asProblem(err));
      setBusy(false);
    }
  };
  return (
    <>
      <ListingHead kind={l.kind} seat={l.seat} grade={l.grade} price={l.price} level={2}>
        <span class={`bk-badge tr-status-${l.status}`}>{tradeLabel('trade.listingStatus', l.status)}</span>
      </ListingHead>
      <RoundLine roundId={l.roundId} />
      <WantedLine wanted={l.wanted} />
      <p class="hint">{t('trade.listedAt', { time: seoulTime(l.createdAt) })}</p>
      <h3 class="tr-sub">{t('trade.mine.requests')}</h3>
      {l.requests.length === 0 ? (
        <p class="hint">{t('trade.mine.noRequests')}</p>
      ) : (
        <ul class="tr-requests">
          {l.requests.map((r) => (
            <li key={r.requestId}>
              <IncomingRequest listing={l} request={r} onDone={props.onDone} />
            </li>
          ))}
        </ul>
      )}
      <ProblemMessage problem={explainTrade(problem)} />
      {l.status === 'OPEN' && (
        <button type="button" class="secondary" disabled={busy} onClick={withdraw}>
          {t('trade.mine.withdraw')}
          <span class="visually-hidden"> {seat}</span>
        </button>
      )}
    </>
  );
}

/**
 * A request on my listing. Accepting an exchange swaps both tickets at once; accepting a transfer holds my ticket for
 * the buyer until the deadline the answer carries. Either way the list is read again, since the listing changed too.
 */
function IncomingRequest(props: { listing: MyListing; request: TradeRequest; onDone: (said: string) => void }) {
  const r = props.request;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const what = r.offered ? seatText(r.offered.seat) : t('trade.mine.buyer');
  const answer = async (accept: boolean) => {
    setBusy(true);
    setProblem(null);
    const path = { listingId: props.listing.listingId, requestId: r.requestId };
    try {
      if (accept) {
        const answered = await ok(
          api.POST('/v1/listings/{listingId}/requests/{requestId}/acceptance', { params: { path } }),
        );
        props.onDone(
          answered.kind === 'EXCHANGE'
            ? t('trade.mine.exchanged')
            : t('trade.mine.transferAccepted', { time: answered.payBy ? seoulTime(answered.payBy) : '' }),
        );
      } else {
        await ok(api.POST('/v1/listings/{listingId}/requests/{requestId}/declination', { params: { path } }));
        props.onDone(t('trade.mine.declined'));
      }
    } catch (err) {
      setProblem(asProblem(err));
      setBusy(false);
    }
  };
  return (
    <div class="tr-request-item">
      <p>
        {r.offered ? (
          <>
            {t('trade.mine.offered')}: <strong>{what}</strong>
          </>
        ) : (
          <strong>{what}</strong>
        )}{' '}
        <span class={`bk-badge tr-request-${r.status}`}>{tradeLabel('trade.requestStatus', r.status)}</span>
      </p>
      {r.offered && <p class="hint">{t('trade.price', { grade: r.offered.grade, price: won(r.offered.price) })}</p>}
      <p class="hint">{t('trade.requestedAt', { time: seoulTime(r.createdAt) })}</p>
      {r.status === 'ACCEPTED' && r.payBy && <p>{t('trade.mine.payBy', { time: seoulTime(r.payBy) })}</p>}
      <ProblemMessage problem={explainTrade(problem)} />
      {r.status === 'PENDING' && props.listing.status === 'OPEN' && (
        <p class="row">
          <button type="button" disabled={busy} onClick={() => answer(true)}>
            {t('trade.mine.accept')}
            <span class="visually-hidden"> {what}</span>
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => answer(false)}>
            {t('trade.mine.decline')}
            <span class="visually-hidden"> {what}</span>
          </button>
        </p>
      )}
    </div>
  );
}
