package dev.madang.domain.cancellation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where ticket cancellations are kept, beside the order and its tickets. */
public interface TicketCancellations {

    /** What {@link #begin} came to. */
    enum Outcome {
        /** Written: the tickets are the cancellation's now, the refund is committed against the order. */
        BEGUN,
        /** A cancellation with this id exists already (a repeated request): nothing written. */
        EXISTS,
        /** A ticket was not ISSUED any more, or the order not PAID: someone cancelled first; nothing written. */
        TICKETS_TAKEN,
        /** The order's committed refunds plus this one would pass what was paid: nothing written. */
        OVER_PAID_AMOUNT
    }

    /**
     * All or nothing: stores the cancellation; moves each of its tickets ISSUED → CANCELLING (naming it); adds its
     * refund to the order's committed refunds, only while the order is PAID and the total stays within
     * {@code paidAmount}. Two cancellations of one order at once can both succeed only on different tickets and only
     * while together they refund no more than was paid.
     */
    Outcome begin(TicketCancellation cancellation, long paidAmount);

    Optional<TicketCancellation> find(String orderId, String cancellationId);

    /** The order's cancellations, oldest first. */
    List<TicketCancellation> of(String orderId);

    /**
     * All or nothing: the cancellation PENDING → REFUNDED; its tickets CANCELLING → CANCELLED; the order's refunded
     * total, fees and cancelled-ticket count moved, and the order REFUNDED once every ticket is cancelled. False when
     * it was finished before (harmless to repeat).
     */
    boolean finish(TicketCancellation cancellation, Instant at, int ticketsInOrder);

    /** Cancellations still PENDING that were requested before {@code cutoff}, oldest first, at most {@code limit}. */
    List<TicketCancellation> pendingBefore(Instant cutoff, int limit);
}
