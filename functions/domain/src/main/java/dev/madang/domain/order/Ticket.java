package dev.madang.domain.order;

import java.time.Instant;

/**
 * One seat sold: what the fan shows at the door (QR codes and cancellation come later). The performance, round and
 * seat details are copied at issue time, so a ticket reads the same whatever the catalog later does.
 */
public record Ticket(String ticketId, String orderId, String ownerId, String performanceId, String performanceTitle,
                     String roundId, Instant startsAt, String seatId, String sectionId, String grade, long price,
                     TicketStatus status, Instant issuedAt) {

    /**
     * ISSUED: valid. CANCELLING: given up by its holder, its refund under way (no longer valid, its seat in the release
     * pool). CANCELLED: refunded.
     */
    public enum TicketStatus { ISSUED, CANCELLING, CANCELLED }
}
