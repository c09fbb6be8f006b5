package dev.madang.domain.ticket;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.order.Ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Voids a ticket's codes: the ticket becomes CANCELLED, REFUNDED or REISSUED and joins its round's revocation list in
 * the same write, so the online check refuses it at once and offline scanners learn it at their next sync. What calls
 * this (cancelling or refunding a booking, reissuing a ticket) decides the reason; a ticket already admitted cannot be
 * revoked (the door has been passed), one revoked already stays as it is.
 */
public final class RevokingTickets {

    private final Tickets tickets;
    private final Clock clock;

    public RevokingTickets(Tickets tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    /** The ticket's status afterwards. */
    public Ticket.TicketStatus revoke(String ticketId, Ticket.TicketStatus reason) {
        if (reason == null || !reason.isRevoked()) {
            throw DomainException.invalid("a revocation names why",
                    List.of(new FieldError("reason", "CANCELLED, REFUNDED or REISSUED")));
        }
        Ticket ticket = (Ticket.isWellFormedId(ticketId) ? tickets.byId(ticketId) : java.util.Optional.<Ticket>empty())
                .orElseThrow(() -> DomainException.notFound("ticket", ticketId));
        Instant now = clock.instant();
        if (ticket.status() == Ticket.TicketStatus.ISSUED && tickets.revoke(ticketId, reason, now)) {
            return reason;
        }
        Ticket after = tickets.byId(ticketId).orElseThrow();
        if (after.status() == Ticket.TicketStatus.ADMITTED) {
            throw DomainException.conflict("ticket-admitted", "the ticket was used to enter already");
        }
        return after.status(); // revoked already (for this or another reason)
    }
}
