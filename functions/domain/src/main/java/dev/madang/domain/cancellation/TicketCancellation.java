package dev.madang.domain.cancellation;

import java.time.Instant;
import java.util.List;

/**
 * A fan's cancellation of some tickets of one paid order: what was cancelled ({@code seatIds} in the order of
 * {@code ticketIds}), the fee kept and the refund owed, by
 * which rule (or {@link #TRANSFER_RULE}: the seller's refund of a ticket handed on). {@code PENDING} from the moment the tickets are committed to it (they are no longer valid, their seats
 * are in the release pool) until the PG has refunded; then {@code REFUNDED}. Its id is derived from the request's
 * idempotency key, so a repeated request finds it and finishes it rather than cancelling twice.
 */
public record TicketCancellation(String id, String orderId, String userId, String roundId, List<String> ticketIds,
                                 List<String> seatIds, long price, long fee, long refund, String rule, Status status, Instant requestedAt,
                                 Instant refundedAt) {

    public enum Status { PENDING, REFUNDED }

    /**
     * The rule of a seller's refund when their ticket was handed on (a transfer): the ticket ends TRANSFERRED, not
     * CANCELLED, and its seat went to the buyer, not to the release pool.
     */
    public static final String TRANSFER_RULE = "TRANSFER";

    public boolean isTransfer() {
        return TRANSFER_RULE.equals(rule);
    }

    public TicketCancellation {
        ticketIds = List.copyOf(ticketIds);
        seatIds = List.copyOf(seatIds);
    }

    public TicketCancellation refunded(Instant at) {
        return new TicketCancellation(id, orderId, userId, roundId, ticketIds, seatIds, price, fee, refund, rule,
                Status.REFUNDED, requestedAt, at);
    }
}
