import type { ComponentChildren } from 'preact';
import { api, ok, Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { t, useLang, won, type Key } from '../../i18n';
import { ko } from '../../i18n/trade';
import { explain } from '../booking/common';
import './trade.css';

export type Listing = components['schemas']['ListingView'];
export type MyListing = components['schemas']['MyListingView'];
export type TradeRequest = components['schemas']['TradeRequestView'];
export type Seat = components['schemas']['SeatView'];
export type Wanted = components['schemas']['WantedView'];
export type Kind = Listing['kind'];

/** The API's limit on wanted seats per listing (domain WantedSeats.MAX_PER_LISTING). */
export const MAX_WANTED = 5;

/** A word for an API code (`trade.kind.EXCHANGE`); a code this client does not know yet is shown as it is. */
export function tradeLabel(prefix: string, code: string | null | undefined): string {
  const key = `${prefix}.${code}`;
  return code && key in ko ? t(key as Key) : code ?? '';
}

/**
 * The API's problem in the reader's words: the trade slugs here, the booking ones (not-found, identity, ...) as the
 * booking screens say them, any other as the API put it.
 */
export function explainTrade(p: Problem | null | undefined): Problem | null | undefined {
  if (!p || p.status === 0) return p;
  const key = `trade.problem.${p.code}`;
  return key in ko ? new Problem(p.status, p.type, t(key as Key), undefined, [], p.body) : explain(p);
}

/**
 * A listed seat as the server let this fan see it: "F1구역 3열 12번" when exact, "F1구역 3열" when not. The server
 * leaves the number out of an approximate seat altogether (the board's visibility rule), so this only says what came.
 */
export function seatText(seat: Seat): string {
  return seat.number == null
    ? t('trade.seat.approx', { section: seat.sectionId, row: seat.row })
    : t('booking.seat', { section: seat.sectionId, row: seat.row, number: seat.number });
}

/** One wanted entry: a section, a row, a range of a row, or one seat (a range of one). */
export function wantedText(w: Wanted): string {
  if (!w.row) return t('trade.wanted.section', { section: w.sectionId });
  if (w.fromNumber == null) return t('trade.wanted.row', { section: w.sectionId, row: w.row });
  const to = w.toNumber ?? w.fromNumber;
  if (to === w.fromNumber) return t('booking.seat', { section: w.sectionId, row: w.row, number: to });
  return t('trade.wanted.range', { section: w.sectionId, row: w.row, from: w.fromNumber, to });
}

export function WantedLine(props: { wanted: Wanted[] }) {
  useLang();
  if (props.wanted.length === 0) return null;
  return (
    <p class="tr-wanted">
      <span class="tr-wanted-label">{t('trade.wanted.label')}:</span> {props.wanted.map(wantedText).join(', ')}
    </p>
  );
}

/** The kind as a badge and the seat as the heading of a listing's card, with its grade and face value. */
export function ListingHead(props: {
  kind: Kind;
  seat: Seat;
  grade: string;
  price: number;
  /** 2 for a card straight under the page's h1, 3 under a section's h2: headings never skip a level. */
  level: 2 | 3;
  children?: ComponentChildren;
}) {
  useLang();
  const Heading = props.level === 2 ? 'h2' : 'h3';
  return (
    <>
      <p class="tr-badges">
        <span class={`bk-badge tr-kind-${props.kind}`}>{tradeLabel('trade.kind', props.kind)}</span>
        {props.children}
      </p>
      <Heading class="tr-seat">{seatText(props.seat)}</Heading>
      <p>{t('trade.price', { grade: props.grade, price: won(props.price) })}</p>
    </>
  );
}

/** Badges for a listing on the board: the two reasons it is ranked first. Text, not colour alone. */
export function MatchBadges(props: { listing: Listing }) {
  useLang();
  return (
    <>
      {props.listing.mutual && <span class="bk-badge tr-mutual">{t('trade.mutual')}</span>}
      {props.listing.adjacent && <span class="bk-badge tr-adjacent">{t('trade.adjacent')}</span>}
    </>
  );
}

export type SectionChoice = { id: string; name: string; grade: string; price: number; rows: RowChoice[] };
export type RowChoice = { row: string; min: number; max: number };

const sectionsByRound = new Map<string, Promise<SectionChoice[]>>();

/**
 * The round's sections, their rows and each row's seat numbers, for the wanted-seat fields: the round (grades and
 * prices) and its layout version (rows and numbers), which the browser and the CDN keep for good. Fetched once per
 * round and kept for the session.
 */
export function roundSections(roundId: string): Promise<SectionChoice[]> {
  let found = sectionsByRound.get(roundId);
  if (!found) {
    found = (async () => {
      const round = await ok(api.GET('/v1/rounds/{roundId}', { params: { path: { roundId } } }));
      const layout = await ok(
        api.GET('/v1/venues/{venueId}/layouts/{version}', {
          params: { path: { venueId: round.venueId, version: String(round.layoutVersion) } },
        }),
      );
      const prices = new Map(round.grades.map((g) => [g.grade, g.price]));
      return layout.sections.map((s) => {
        const rows = new Map<string, RowChoice>();
        for (const line of s.rows) {
          const r = rows.get(line.label) ?? { row: line.label, min: Infinity, max: -Infinity };
          r.min = Math.min(r.min, ...line.numbers);
          r.max = Math.max(r.max, ...line.numbers);
          rows.set(line.label, r);
        }
        const grade = round.sections[s.id]?.grade ?? '';
        return { id: s.id, name: s.name, grade, price: prices.get(grade) ?? 0, rows: [...rows.values()] };
      });
    })();
    // a failure is not kept: the next screen asks again
    found.catch(() => sectionsByRound.delete(roundId));
    sectionsByRound.set(roundId, found);
  }
  return found;
}

export function sectionOption(s: SectionChoice): string {
  return t('trade.list.sectionOption', { section: s.id, grade: s.grade, price: won(s.price) });
}
