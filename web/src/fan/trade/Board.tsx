import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok, Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { t, useLang, type Key } from '../../i18n';
import { FanOnly, MyNav, RoundLine } from '../booking/common';
import {
  explainTrade,
  ListingHead,
  MatchBadges,
  roundSections,
  seatText,
  WantedLine,
  type Listing,
  type MyListing,
  type Wanted,
} from './common';
import { checkDraft, emptyDraft, WantedFields, type WantedDraft } from './WantedFields';

type Board = components['schemas']['BoardView'];
type Viewer = components['schemas']['ViewerView'];

export function TradeBoard() {
  useLang();
  return (
    <FanOnly title={t('trade.board.title')}>
      <BoardScreen />
    </FanOnly>
  );
}

function BoardScreen() {
  const { roundId } = useRoute().params;
  const sections = useLoad(() => roundSections(roundId), [roundId]);
  const [draft, setDraft] = useState<WantedDraft>(emptyDraft(0));
  const [draftError, setDraftError] = useState<string>();
  // the search sent last; the first one asks for everything the fan may see
  const [query, setQuery] = useState<Wanted | null>(null);
  const [more, setMore] = useState<Board[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreProblem, setMoreProblem] = useState<Problem | null>(null);
  const search = (cursor?: string) =>
    ok(
      api.GET('/v1/rounds/{roundId}/listings', {
        params: {
          path: { roundId },
          query: {
            sectionId: query?.sectionId,
            row: query?.row,
            fromNumber: query?.fromNumber,
            toNumber: query?.toNumber,
            cursor,
          },
        },
      }),
    );
  const first = useLoad(() => search(), [roundId, JSON.stringify(query)]);
  // my exchange listings of this round: what an exchange request offers (the server wants one of the same price)
  const mine = useLoad(
    async () =>
      (await ok(api.GET('/v1/me/listings'))).items.filter(
        (l) => l.roundId === roundId && l.kind === 'EXCHANGE' && l.status === 'OPEN',
      ),
    [roundId],
  );

  const pages = first.data ? [first.data, ...more] : [];
  const items = pages.flatMap((p) => p.items);
  const next = pages.length ? pages[pages.length - 1].nextCursor : null;

  const submit = (e: Event) => {
    e.preventDefault();
    const checked = checkDraft(draft, sections.data ?? [], true);
    setDraftError(checked.error && t(checked.error, { min: checked.min ?? 1, max: checked.max ?? '' }));
    if (checked.error) return;
    setMore([]);
    setQuery(checked.wanted ?? null);
  };
  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    setMoreProblem(null);
    try {
      const page = await search(next);
      setMore((m) => [...m, page]);
    } catch (err) {
      setMoreProblem(asProblem(err));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page title={t('trade.board.title')}>
      <MyNav />
      <RoundLine roundId={roundId} />
      {first.data && <Sight viewer={first.data.viewer} />}
      <ProblemMessage problem={explainTrade(sections.problem)} />
      {sections.data && (
        <form role="search" class="tr-search" onSubmit={submit} noValidate>
          <WantedFields
            idPrefix="tr-q"
            legend={t('trade.board.search')}
            sections={sections.data}
            draft={draft}
            anySection
            error={draftError}
            onChange={setDraft}
          />
          <button type="submit">{t('trade.board.submit')}</button>
        </form>
      )}
      <section aria-labelledby="tr-results-h" aria-busy={first.loading}>
        <h2 id="tr-results-h">{t('trade.board.results')}</h2>
        {first.loading && <Loading />}
        <ProblemMessage problem={explainTrade(first.problem ?? mine.problem)} />
        {first.data && !first.loading && items.length === 0 && <p>{t('trade.board.none')}</p>}
        {!first.loading && items.length > 0 && (
          <ul class="cards bk-cards">
            {items.map((l) => (
              <li key={l.listingId} class="card">
                <ListingHead kind={l.kind} seat={l.seat} grade={l.grade} price={l.price} level={3}>
                  <MatchBadges listing={l} />
                </ListingHead>
                <WantedLine wanted={l.wanted} />
                <RequestControl listing={l} mine={mine.data ?? []} />
              </li>
            ))}
          </ul>
        )}
        <ProblemMessage problem={explainTrade(moreProblem)} />
        {!first.loading && next && (
          <button type="button" class="secondary bk-more" disabled={loadingMore} onClick={loadMore}>
            {t('trade.board.more')}
          </button>
        )}
      </section>
    </Page>
  );
}

/** Why the board shows what it shows, in one line: the server decides (the visibility rule), this only says it. */
function Sight(props: { viewer: Viewer }) {
  const v = props.viewer;
  const key: Key = !v.holdsTicket
    ? 'trade.board.sight.NO_TICKET'
    : v.seesExchanges
      ? 'trade.board.sight.EXCHANGER'
      : 'trade.board.sight.HOLDER';
  return (
    <p class="tr-sight">
      {t(key)}
      {v.holdsTicket && !v.seesExchanges && (
        <>
          {' '}
          <a href="/me/tickets">{t('booking.nav.tickets')}</a>
        </>
      )}
    </p>
  );
}

/**
 * Asking for one listing. A transfer is asked for as it is; an exchange offers one of my own open exchange listings of
 * this round at the same price (the only ones the server takes), chosen here when there are several.
 */
function RequestControl(props: { listing: Listing; mine: MyListing[] }) {
  const l = props.listing;
  const offers = props.mine.filter((m) => m.price === l.price);
  const [offered, setOffered] = useState(offers[0]?.listingId ?? '');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const seat = seatText(l.seat);

  const ask = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await ok(
        api.POST('/v1/listings/{listingId}/requests', {
          params: { path: { listingId: l.listingId } },
          body: l.kind === 'EXCHANGE' ? { offeredListingId: offered || offers[0]?.listingId } : {},
        }),
      );
      setDone(true);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div class="success" role="status">
        <p>{t('trade.board.requested')}</p>
        <a href="/me/trade-requests">{t('trade.board.myRequests')}</a>
      </div>
    );
  }
  if (l.kind === 'EXCHANGE' && offers.length === 0) return <p class="hint">{t('trade.board.noOffer')}</p>;
  const selectId = `tr-offer-${l.listingId}`;
  return (
    <form class="tr-request" onSubmit={ask}>
      {l.kind === 'EXCHANGE' && offers.length > 1 && (
        <>
          <label for={selectId}>{t('trade.board.offer')}</label>
          <select id={selectId} value={offered} onChange={(e) => setOffered(e.currentTarget.value)}>
            {offers.map((m) => (
              <option key={m.listingId} value={m.listingId}>
                {seatText(m.seat)}
              </option>
            ))}
          </select>
        </>
      )}
      {l.kind === 'EXCHANGE' && offers.length === 1 && (
        <p class="hint">
          {t('trade.board.offer')}: {seatText(offers[0].seat)}
        </p>
      )}
      <ProblemMessage problem={explainTrade(problem)} />
      {problem?.code === 'identity-verification-required' && <a href="/me">{t('nav.my')}</a>}
      <button type="submit" disabled={busy}>
        {t(l.kind === 'EXCHANGE' ? 'trade.board.requestExchange' : 'trade.board.requestTransfer')}
        <span class="visually-hidden"> {seat}</span>
      </button>
    </form>
  );
}
