package dev.madang.domain.ticket;

import dev.madang.domain.order.Ticket;

import java.time.Instant;

/** A ticket whose codes must be refused from {@code revokedAt} on, and why (a revoked ticket status). */
public record Revocation(String ticketId, String roundId, String seatId, Ticket.TicketStatus reason,
                         Instant revokedAt) {
}
