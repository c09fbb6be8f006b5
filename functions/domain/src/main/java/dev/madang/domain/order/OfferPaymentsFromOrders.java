package dev.madang.domain.order;

import dev.madang.domain.lottery.OfferPayments;

import java.util.Optional;

/**
 * {@link OfferPayments} on the orders: the offer's order has the offer's hold id as its id. An order that is not PAID
 * when the lottery expires its offer is taken to CLOSING in the same conditional write an ordinary close starts with
 * ({@link OrderLifecycle#beginClosing}, from any state a payment could still complete from), so the expiry and a
 * payment finishing at the deadline second cannot both win: either {@code markPaid} came first (the offer is PAID) or
 * the close did (the order can no longer become PAID, and its close returns what was ticketed and refunds what was
 * captured).
 */
public final class OfferPaymentsFromOrders implements OfferPayments {

    private static final int MOVES = 5;

    private final Orders orders;
    private final OrderLifecycle lifecycle;

    public OfferPaymentsFromOrders(Orders orders) {
        this.orders = orders;
        this.lifecycle = new OrderLifecycle(orders);
    }

    @Override
    public boolean settle(String holdId) {
        Optional<Order> order = orders.byId(holdId);
        for (int moves = 0; order.isPresent() && OrderStatus.PAYABLE.contains(order.get().status()); moves++) {
            if (lifecycle.beginClosing(holdId, CloseReason.EXPIRED)) {
                return false;
            }
            if (moves == MOVES) {
                throw new IllegalStateException("order " + holdId + " keeps moving; expire the offer again later");
            }
            order = orders.byId(holdId); // it moved on (confirmed, deposited, paid, closed): look again
        }
        return order.map(o -> o.status() == OrderStatus.PAID).orElse(false);
    }
}
