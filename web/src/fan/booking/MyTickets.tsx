import { api, ok } from '../../api/client';
import { useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang } from '../../i18n';
import { explain, FanOnly, label, MyNav, seatLabel, type Ticket } from './common';

export function MyTickets() {
  useLang();
  return (
    <FanOnly title={t('booking.tickets.title')}>
      <TicketsScreen />
    </FanOnly>
  );
}

/** A ticket id is its order's id, a dash and a number (the API's `Ticket.isWellFormedId`). */
function orderOf(ticketId: string): string {
  return ticketId.slice(0, ticketId.lastIndexOf('-'));
}

function TicketsScreen() {
  const tickets = useLoad(() => ok(api.GET('/v1/tickets')), []);
  const items = tickets.data?.items ?? [];
  return (
    <Page title={t('booking.tickets.title')}>
      <MyNav />
      {tickets.loading && !tickets.data && <Loading />}
      <ProblemMessage problem={explain(tickets.problem)} />
      {tickets.data && items.length === 0 && <p>{t('booking.tickets.none')}</p>}
      <ul class="cards bk-cards">
        {items.map((x) => (
          <li key={x.ticketId} class="card">
            <TicketCard ticket={x} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

function TicketCard(props: { ticket: Ticket }) {
  const x = props.ticket;
  const seat = seatLabel(x.seatId);
  return (
    <>
      <h2 class="bk-card-title">{x.performanceTitle}</h2>
      <p>{seoulTime(x.startsAt)}</p>
      <p>
        <strong>{seat}</strong> · {x.grade}
      </p>
      <p>
        <span class={`bk-badge bk-ticket-${x.status}`}>{label('booking.ticket', x.status)}</span>
      </p>
      <p class="row">
        {x.status === 'ISSUED' && (
          <a class="button" href={`/tickets/${x.ticketId}`}>
            {t('booking.tickets.qr')}
            <span class="visually-hidden"> {seat}</span>
          </a>
        )}
        {x.status === 'ISSUED' && (
          <a class="button secondary" href={`/tickets/${x.ticketId}/listing`}>
            {t('trade.list.action')}
            <span class="visually-hidden"> {seat}</span>
          </a>
        )}
        <a href={`/orders/${orderOf(x.ticketId)}`}>
          {t('booking.success.orderLink')}
          <span class="visually-hidden"> {seat}</span>
        </a>
      </p>
    </>
  );
}
