import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok, Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang, won, type Key } from '../../i18n';
import { FanOnly, MyNav, seatLabel, type Ticket } from '../booking/common';
import {
  explainTrade,
  ListingHead,
  MatchBadges,
  MAX_WANTED,
  roundSections,
  tradeLabel,
  WantedLine,
  type Kind,
  type SectionChoice,
  type Wanted,
} from './common';
import { checkDraft, emptyDraft, WantedFields, type WantedDraft } from './WantedFields';

type Listed = components['schemas']['ListedView'];

export function ListTicket() {
  useLang();
  return (
    <FanOnly title={t('trade.list.title')}>
      <ListScreen />
    </FanOnly>
  );
}

function ListScreen() {
  const { ticketId } = useRoute().params;
  // there is no GET of one ticket: my tickets hold it, if it is mine
  const ticket = useLoad(
    async () => (await ok(api.GET('/v1/tickets'))).items.find((x) => x.ticketId === ticketId) ?? null,
    [ticketId],
  );
  const roundId = ticket.data?.roundId;
  const sections = useLoad(
    () => (roundId ? roundSections(roundId) : Promise.resolve(undefined)),
    [roundId],
  );
  const [listed, setListed] = useState<Listed | null>(null);
  const x = ticket.data;

  return (
    <Page title={t('trade.list.title')}>
      <MyNav />
      {((ticket.loading && x === undefined) || (x && sections.loading && !sections.data)) && <Loading />}
      <ProblemMessage problem={explainTrade(ticket.problem ?? sections.problem)} />
      {x === null && <p>{t('trade.list.notFound')}</p>}
      {x && <TicketSummary ticket={x} />}
      {x && x.status !== 'ISSUED' && !listed && <p>{t('trade.list.notIssued')}</p>}
      {x && x.status === 'ISSUED' && sections.data && !listed && (
        <ListForm ticket={x} sections={sections.data} onListed={setListed} />
      )}
      {listed && <ListedResult listed={listed} />}
    </Page>
  );
}

function TicketSummary(props: { ticket: Ticket }) {
  const x = props.ticket;
  return (
    <section class="card tr-ticket" aria-labelledby="tr-ticket-h">
      <h2 id="tr-ticket-h" class="bk-card-title">
        {t('trade.list.ticket')}: {x.performanceTitle}
      </h2>
      <p>{seoulTime(x.startsAt)}</p>
      <p>
        <strong>{seatLabel(x.seatId)}</strong> · {t('trade.price', { grade: x.grade, price: won(x.price) })}
      </p>
    </section>
  );
}

/**
 * The kind and the wanted seats. An exchange is only between equal prices, so the sections of the ticket's own price
 * come first in the choice; others stay choosable, since a round may sell one grade at two prices and the server is the
 * one to say (422 exchange-price-mismatch at request time).
 */
function ListForm(props: { ticket: Ticket; sections: SectionChoice[]; onListed: (l: Listed) => void }) {
  const [kind, setKind] = useState<Kind>('EXCHANGE');
  const next = useRef(1);
  const [drafts, setDrafts] = useState<WantedDraft[]>([emptyDraft(0)]);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [formError, setFormError] = useState<Key | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const sections = [...props.sections].sort(
    (a, b) => Number(b.price === props.ticket.price) - Number(a.price === props.ticket.price) || a.id.localeCompare(b.id),
  );

  // a transfer need not say what it wants: an untouched first entry is then simply not sent
  const blank = (d: WantedDraft) => !d.sectionId && !d.row && !d.from && !d.to;

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Record<number, string> = {};
    const wanted: Wanted[] = [];
    for (const d of drafts) {
      if (kind === 'TRANSFER' && blank(d)) continue;
      const checked = checkDraft(d, props.sections);
      if (checked.error) found[d.key] = t(checked.error, { min: checked.min ?? 1, max: checked.max ?? '' });
      else if (checked.wanted) wanted.push(checked.wanted);
    }
    setErrors(found);
    const missing = kind === 'EXCHANGE' && wanted.length === 0 && Object.keys(found).length === 0;
    setFormError(missing ? 'trade.list.wantedRequired' : null);
    const first = Object.keys(found)[0];
    if (first || missing) {
      form.current?.querySelector<HTMLElement>(first ? `#tr-w${first}-section` : 'select')?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const listed = await ok(
        api.POST('/v1/listings', {
          body: { ticketId: props.ticket.ticketId, kind, wanted: wanted.length ? wanted : undefined },
        }),
      );
      props.onListed(listed);
    } catch (err) {
      setProblem(asProblem(err));
      setBusy(false);
    }
  };

  return (
    <form ref={form} onSubmit={submit} noValidate class="bk-pay tr-form">
      <fieldset class="bk-choices">
        <legend>{t('trade.list.kind')}</legend>
        {(['EXCHANGE', 'TRANSFER'] as Kind[]).map((k) => (
          <div key={k}>
            <label class="bk-choice">
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                aria-describedby={`tr-kind-${k}-hint`}
                onChange={() => setKind(k)}
              />
              {tradeLabel('trade.kind', k)}
            </label>
            <p id={`tr-kind-${k}-hint`} class="hint tr-choice-hint">
              {t(k === 'EXCHANGE' ? 'trade.list.exchangeHint' : 'trade.list.transferHint')}
            </p>
          </div>
        ))}
      </fieldset>

      <fieldset aria-describedby="tr-wanted-hint">
        <legend>{t('trade.list.wanted')}</legend>
        <p id="tr-wanted-hint" class="hint">
          {kind === 'EXCHANGE'
            ? t('trade.list.wantedExchangeHint', { max: MAX_WANTED })
            : t('trade.list.wantedTransferHint')}
        </p>
        {drafts.map((d, i) => (
          <WantedFields
            key={d.key}
            idPrefix={`tr-w${d.key}`}
            legend={t('trade.list.wantedN', { n: i + 1 })}
            sections={sections}
            draft={d}
            error={errors[d.key]}
            onChange={(changed) => setDrafts(drafts.map((x) => (x.key === d.key ? changed : x)))}
          >
            {drafts.length > 1 && (
              <button
                type="button"
                class="secondary"
                onClick={() => setDrafts(drafts.filter((x) => x.key !== d.key))}
              >
                {t('trade.list.remove')}
                <span class="visually-hidden"> {t('trade.list.wantedN', { n: i + 1 })}</span>
              </button>
            )}
          </WantedFields>
        ))}
        {drafts.length < MAX_WANTED && (
          <button type="button" class="secondary" onClick={() => setDrafts([...drafts, emptyDraft(next.current++)])}>
            {t('trade.list.add')}
          </button>
        )}
        {formError && (
          <p class="bk-field-error" role="alert">
            {t(formError)}
          </p>
        )}
      </fieldset>

      <ProblemMessage problem={explainTrade(problem)} />
      <button type="submit" class="bk-primary" disabled={busy}>
        {t('trade.list.submit')}
      </button>
    </form>
  );
}

/** Listed: what was listed, then the seats already listed that it wants (the server's ranking), and where to go next. */
function ListedResult(props: { listed: Listed }) {
  const l = props.listed.listing;
  const recs = props.listed.recommendations;
  const said = useRef<HTMLDivElement>(null);
  // the form the fan was in is gone: put them on what replaced it
  useEffect(() => said.current?.focus(), []);
  return (
    <>
      <div ref={said} class="success tr-done" role="status" tabIndex={-1}>
        <p>{tradeLabel('trade.list.done', l.kind)}</p>
        <WantedLine wanted={l.wanted} />
      </div>
      <section aria-labelledby="tr-recs-h">
        <h2 id="tr-recs-h">{t('trade.list.recommendations')}</h2>
        {recs.length === 0 ? (
          <p>{t('trade.list.noRecommendations')}</p>
        ) : (
          <ul class="cards bk-cards">
            {recs.map((r) => (
              <li key={r.listingId} class="card">
                <ListingHead kind={r.kind} seat={r.seat} grade={r.grade} price={r.price} level={3}>
                  <MatchBadges listing={r} />
                </ListingHead>
                <WantedLine wanted={r.wanted} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <p class="row">
        <a class="button" href={`/rounds/${l.roundId}/listings`}>
          {t('trade.board')}
        </a>
        <a href="/me/listings">{t('trade.list.mine')}</a>
      </p>
    </>
  );
}
