package dev.madang.domain.community;

import dev.madang.domain.order.Orders;
import dev.madang.domain.order.Ticket;

/**
 * The "ticket holder" mark from the fan's own tickets (one query of their tickets, newest first): a ticket for the
 * performance that is issued or admitted. Looks at the fan's latest {@value #LOOKED_AT} tickets, more than any fan
 * holds for the performances still to come.
 */
public final class TicketHoldersFromOrders implements TicketHolders {

    static final int LOOKED_AT = 100;

    private final Orders orders;

    public TicketHoldersFromOrders(Orders orders) {
        this.orders = orders;
    }

    @Override
    public boolean holdsTicket(String accountId, String performanceId) {
        return orders.ticketsOwnedBy(accountId, LOOKED_AT).stream()
                .anyMatch(t -> t.performanceId().equals(performanceId)
                        && (t.status() == Ticket.TicketStatus.ISSUED || t.status() == Ticket.TicketStatus.ADMITTED));
    }
}
