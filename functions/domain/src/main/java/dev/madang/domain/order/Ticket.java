package dev.madang.domain.order;

import java.time.Instant;

/**
 * One seat sold: what the fan shows at the door (as a rotating signed code, {@code dev.madang.domain.ticket}). The
 * performance, round and seat details are copied at issue time, so a ticket reads the same whatever the catalog later
 * does. Its id is the order id, a dash and its place in the order ({@code <orderId>-1}), so the order, and with it the
 * ticket's item, is found from the ticket id alone. A ticket issued by an exchange or a transfer names how it came
 * and the ticket it replaced ({@link Origin}), so every seat keeps its chain of holders.
 */
public record Ticket(String ticketId, String orderId, String ownerId, String performanceId, String performanceTitle,
                     String roundId, Instant startsAt, String seatId, String sectionId, String grade, long price,
                     TicketStatus status, Instant issuedAt, Origin origin) {

    public Ticket {
        origin = origin == null ? Origin.PURCHASE : origin;
    }

    /** A ticket bought in an ordinary sale: no earlier holder. */
    public Ticket(String ticketId, String orderId, String ownerId, String performanceId, String performanceTitle,
                  String roundId, Instant startsAt, String seatId, String sectionId, String grade, long price,
                  TicketStatus status, Instant issuedAt) {
        this(ticketId, orderId, ownerId, performanceId, performanceTitle, roundId, startsAt, seatId, sectionId, grade,
                price, status, issuedAt, Origin.PURCHASE);
    }

    /**
     * How the ticket came to its holder: bought ({@code PURCHASE}), or by the exchange or transfer {@code dealId}
     * (a trade request's id), in place of {@code previousTicketId}, the earlier holder's ticket for the same seat.
     */
    public record Origin(Via via, String dealId, String previousTicketId) {

        public static final Origin PURCHASE = new Origin(Via.PURCHASE, null, null);

        public enum Via { PURCHASE, EXCHANGE, TRANSFER }
    }

    /**
     * ISSUED: valid for entry. ADMITTED: scanned in at the door (once). CANCELLING: given up by its holder, the refund
     * under way (its seat in the release pool). TRANSFERRING: its holder accepted a transfer and the buyer is paying;
     * not valid at the door meanwhile, ISSUED again if the payment fails. CANCELLED, REFUNDED, REISSUED (swapped in an
     * exchange), TRANSFERRED (handed on): over, each naming why. Every status but ISSUED, ADMITTED and TRANSFERRING is
     * revoked: its codes are refused online and listed in its round's revocation list.
     */
    public enum TicketStatus {
        ISSUED, ADMITTED, CANCELLING, CANCELLED, REFUNDED, REISSUED, TRANSFERRING, TRANSFERRED;

        public boolean isRevoked() {
            return this == CANCELLING || this == CANCELLED || this == REFUNDED || this == REISSUED
                    || this == TRANSFERRED;
        }
    }

    /** A ticket id as {@code ConfirmingBookings} makes them: an order id (a ULID), a dash, a number from 1. */
    public static boolean isWellFormedId(String ticketId) {
        int dash = ticketId == null ? -1 : ticketId.lastIndexOf('-');
        if (dash <= 0 || dash == ticketId.length() - 1 || ticketId.length() - dash > 4
                || !dev.madang.domain.common.Ids.isWellFormed(ticketId.substring(0, dash))) {
            return false;
        }
        String n = ticketId.substring(dash + 1);
        return n.chars().allMatch(Character::isDigit) && n.charAt(0) != '0';
    }

    /** The order a well-formed ticket id belongs to. */
    public static String orderIdOf(String ticketId) {
        if (!isWellFormedId(ticketId)) {
            throw new IllegalArgumentException("not a ticket id");
        }
        return ticketId.substring(0, ticketId.lastIndexOf('-'));
    }
}
