import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { seoulTime, t, useLang, type Key } from '../i18n';
import { ko as bookingWords } from '../i18n/booking';
import { ko } from '../i18n/trade';
import { useLoad } from '../ui/hooks';
import { Loading, Page, ProblemMessage } from '../ui/parts';
import { Field, RequireAdmin } from './ui';

type Holder = components['schemas']['HolderView'];

export function TicketHolders() {
  useLang();
  return (
    <RequireAdmin title={t('trade.admin.holders.title')}>
      <HoldersScreen />
    </RequireAdmin>
  );
}

/** A word for how a holder came by the seat; a `via` this client does not know yet is shown as it is. */
function viaLabel(via: string): string {
  const key = `trade.admin.via.${via}`;
  return key in ko ? t(key as Key) : via;
}

/** A ticket's status as the fans' ticket screens say it (사용 가능, 재발급됨, 양도됨, ...). */
function ticketStatusLabel(status: string): string {
  const key = `booking.ticket.${status}`;
  return key in bookingWords ? t(key as Key) : status;
}

/**
 * Who held a seat, from any of its tickets (an exchange or a transfer issues a new ticket for the same seat): for a
 * question at the door or a dispute about a trade. The ticket id is in the address, so a lookup can be shared.
 */
function HoldersScreen() {
  const ticketId = useRoute().params.ticketId ?? '';
  const { route } = useLocation();
  const [draft, setDraft] = useState(ticketId);
  const holders = useLoad(
    () =>
      ticketId
        ? ok(api.GET('/v1/admin/tickets/{ticketId}/holders', { params: { path: { ticketId } } }))
        : Promise.resolve(undefined),
    [ticketId],
  );
  const find = (e: Event) => {
    e.preventDefault();
    const id = draft.trim();
    if (id) route(`/admin/tickets/${encodeURIComponent(id)}`);
  };
  const list = holders.data?.holders ?? [];
  return (
    <Page title={t('trade.admin.holders.title')}>
      <p class="hint">{t('trade.admin.holders.intro')}</p>
      <form class="admin-search" role="search" onSubmit={find}>
        <Field id="holders-ticket" label={t('trade.admin.holders.ticketId')}>
          {(a) => (
            <input {...a} autoComplete="off" spellcheck={false} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
          )}
        </Field>
        <button type="submit">{t('trade.admin.holders.find')}</button>
      </form>
      <ProblemMessage problem={holders.problem} />
      {ticketId && holders.loading && !holders.data && <Loading />}
      {holders.data && list.length === 0 && <p>{t('trade.admin.holders.none')}</p>}
      {list.length > 0 && <HoldersTable ticketId={holders.data!.ticketId} holders={list} />}
    </Page>
  );
}

function HoldersTable(props: { ticketId: string; holders: Holder[] }) {
  const headingId = 'holders-h';
  // the id in <code> (monospace, wraps anywhere) inside the sentence, whichever side of it the language puts it
  const [before, after] = t('trade.admin.holders.caption', { ticketId: '\u0000' }).split('\u0000');
  return (
    <section aria-labelledby={headingId}>
      {/* a heading, not a caption: a caption is as wide as the table, and the long ticket id must wrap on a phone */}
      <h2 id={headingId}>
        {before}
        <code>{props.ticketId}</code>
        {after}
      </h2>
      {/* narrow screens scroll the table inside its box, never the page; the box is focusable so keyboards can scroll it */}
      <div class="admin-table" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t('trade.admin.holders.user')}</th>
              <th scope="col">{t('trade.admin.holders.via')}</th>
              <th scope="col">{t('trade.admin.holders.from')}</th>
              <th scope="col">{t('trade.admin.holders.until')}</th>
              <th scope="col">{t('trade.admin.holders.ticket')}</th>
              <th scope="col">{t('trade.admin.holders.deal')}</th>
            </tr>
          </thead>
          <tbody>
            {props.holders.map((h) => (
              <tr key={`${h.ticketId}-${h.from}`}>
                <th scope="row">
                  <code>{h.userId}</code>
                </th>
                <td>{viaLabel(h.via)}</td>
                <td>{seoulTime(h.from, false)}</td>
                <td>{h.until ? seoulTime(h.until, false) : <strong>{t('trade.admin.holders.current')}</strong>}</td>
                <td>
                  {h.ticketId === props.ticketId ? (
                    <code>{h.ticketId}</code>
                  ) : (
                    <a href={`/admin/tickets/${encodeURIComponent(h.ticketId)}`}>
                      <code>{h.ticketId}</code>
                    </a>
                  )}{' '}
                  <span class="hint">({ticketStatusLabel(h.ticketStatus)})</span>
                </td>
                <td>{h.dealId ? <code>{h.dealId}</code> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
