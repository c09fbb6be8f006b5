package dev.madang.domain.order;

import dev.madang.domain.catalog.Seat;

import java.time.Instant;
import java.util.List;

/**
 * The payment workflow engine (Step Functions): one execution per order, named by the order id, waiting on task
 * tokens for the PG's result and for a deposit.
 */
public interface PaymentWorkflows {

    /**
     * What the order knew when it was placed and its tickets will say, carried in the execution's state so that
     * issuing the tickets reads neither the order nor the catalog again (each read is a billed request per booking).
     * None of it decides anything: the steps' conditional writes (the seat's hold, the order APPROVED) still do.
     */
    record Booking(String userId, String roundId, String performanceId, String performanceTitle, Instant startsAt,
                   List<BookedSeat> seats) {

        public Booking {
            seats = List.copyOf(seats);
        }
    }

    /** One seat of the order as the layout places it (its partition) and as the hold priced it. */
    record BookedSeat(Seat seat, String grade, long price) {
    }

    /** Starts the order's workflow; starting it again for the same order is harmless. */
    void start(String orderId, long paymentWaitSeconds);

    /**
     * Starts the order's workflow carrying {@code booking} (see {@link Booking}); an engine that keeps no state may
     * drop it, since every step can read what it needs.
     */
    default void start(String orderId, long paymentWaitSeconds, Booking booking) {
        start(orderId, paymentWaitSeconds);
    }

    /**
     * Ends a wait with a result (JSON). False when the token is no longer waiting (already answered, timed out):
     * a duplicate signal changes nothing.
     */
    boolean succeed(String taskToken, String outputJson);

    /** Ends a wait with a named error (e.g. {@code OrderCancelled}); false when the token is no longer waiting. */
    boolean fail(String taskToken, String error, String cause);
}
