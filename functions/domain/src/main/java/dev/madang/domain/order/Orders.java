package dev.madang.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The order store, with the tickets of each order. */
public interface Orders {

    /**
     * Stores a new order; false (and nothing written) when an order with this id exists already. An order spending a
     * coupon ({@link Order#couponId}) marks it used by the order in the same write.
     *
     * @throws dev.madang.domain.common.DomainException 409 {@code coupon-used} (nothing written) when the coupon is
     *                                                  not free in the fan's wallet
     */
    boolean create(Order order);

    /**
     * Puts the order's coupon back in the fan's wallet, if the order spent one and still holds it (harmless to repeat).
     * {@code onlyIfItsRulesSay}: for a paid order cancelled, only a coupon whose batch gives it back on cancellation
     * returns; an order closed unpaid never used it, so it always returns.
     */
    void returnCoupon(Order order, boolean onlyIfItsRulesSay);

    Optional<Order> byId(String orderId);

    /** The fan's orders, newest first (at most {@code limit}). */
    List<Order> ofUser(String userId, int limit);

    /**
     * Moves the order from one of {@code from} to {@code change.to()} in one conditional write, applying the change's
     * fields; false when the order is in none of those states (someone else moved it first). Called through
     * {@link OrderLifecycle}, which knows the allowed moves.
     */
    boolean transition(String orderId, java.util.Set<OrderStatus> from, Change change);

    /**
     * As {@link #transition}, answering in the same request the order as the write left it and the wait task's token
     * for {@code stage} if it has stored one; empty when the order is in none of {@code from}.
     */
    Optional<Moved> transitionReading(String orderId, java.util.Set<OrderStatus> from, Change change, String stage);

    /** An order just moved, and the task token a wait stage had stored on it by then. */
    record Moved(Order order, Optional<String> taskToken) {
    }

    /** What a transition writes besides the status; null fields are left as they are. */
    record Change(OrderStatus to, String paymentKey, Instant payBy, String depositSecret, CloseReason closeReason) {

        public static Change to(OrderStatus to) {
            return new Change(to, null, null, null, null);
        }

        @Override
        public String toString() {
            return "Change[to=" + to + ", closeReason=" + closeReason + "]";
        }
    }

    /** The deposit secret the PG gave with a virtual account (compared with DEPOSIT_CALLBACK's); never logged. */
    Optional<String> depositSecret(String orderId);

    /**
     * Stores the workflow's task token for a wait stage ({@code PAYMENT} or {@code DEPOSIT}), as the wait task does;
     * answers the order as it stands after the write (the same request).
     */
    Order saveTaskToken(String orderId, String stage, String token);

    Optional<String> taskToken(String orderId, String stage);

    /**
     * APPROVED → PAID with the order's tickets, all in one write or none of it, so a ticket exists only for a PAID
     * order; false (nothing written) when the order is not APPROVED.
     */
    boolean markPaid(String orderId, List<Ticket> tickets);

    List<Ticket> ticketsOf(String orderId);

    List<Ticket> ticketsOwnedBy(String userId, int limit);

    /** Open orders whose {@code payBy} is before {@code cutoff} (the unpaid-expiry sweep), at most {@code limit}. */
    List<Order> openPayableBefore(Instant cutoff, int limit);
}
