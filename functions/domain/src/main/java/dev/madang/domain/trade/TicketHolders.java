package dev.madang.domain.trade;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.ticket.Tickets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A seat's chain of holders, for an admin: each ticket issued by an exchange or a transfer names the ticket it
 * replaced ({@link Ticket.Origin}), so the chain is read back from any ticket of it, newest holder first.
 */
public final class TicketHolders {

    /** Far beyond any real chain; it only bounds a corrupted one. */
    static final int MAX_LINKS = 100;

    private final Tickets tickets;

    public TicketHolders(Tickets tickets) {
        this.tickets = tickets;
    }

    /**
     * One holder: from when to when (null while the ticket is still theirs), how it came to them, and the ticket they
     * held it by.
     */
    public record Holding(String holderId, String ticketId, Ticket.Origin.Via via, String dealId, Instant from,
                          Instant until, Ticket.TicketStatus status) {
    }

    public List<Holding> chain(String ticketId) {
        Ticket ticket = (Ticket.isWellFormedId(ticketId) ? tickets.byId(ticketId) : Optional.<Ticket>empty())
                .orElseThrow(() -> DomainException.notFound("ticket", ticketId));
        List<Holding> chain = new ArrayList<>();
        Instant until = null;
        for (int links = 0; ticket != null && links < MAX_LINKS; links++) {
            chain.add(new Holding(ticket.ownerId(), ticket.ticketId(), ticket.origin().via(),
                    ticket.origin().dealId(), ticket.issuedAt(), until, ticket.status()));
            until = ticket.issuedAt();
            String previous = ticket.origin().previousTicketId();
            ticket = previous == null ? null : tickets.byId(previous).orElse(null);
        }
        return chain;
    }
}
