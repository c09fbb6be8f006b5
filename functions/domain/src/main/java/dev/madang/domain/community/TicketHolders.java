package dev.madang.domain.community;

/** Whether an account holds a ticket for a performance: the room's "ticket holder" mark. */
public interface TicketHolders {

    boolean holdsTicket(String accountId, String performanceId);
}
