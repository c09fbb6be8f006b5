package dev.madang.domain.order;

import dev.madang.domain.common.BusinessMetrics;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.madang.domain.order.OrderStatus.APPROVED;
import static dev.madang.domain.order.OrderStatus.AWAITING_DEPOSIT;
import static dev.madang.domain.order.OrderStatus.AWAITING_PAYMENT;
import static dev.madang.domain.order.OrderStatus.CLOSING;
import static dev.madang.domain.order.OrderStatus.CONFIRMING;
import static dev.madang.domain.order.OrderStatus.REFUNDED;

/**
 * The one home of an order's moves (see the diagram on {@link OrderStatus}): each method is one conditional write
 * naming the states it may come from and what it writes, and answers whether it happened. False means someone else
 * moved the order first; every caller acts on that answer (reads the order again and decides), never ignores it.
 */
public final class OrderLifecycle {

    private final Orders orders;

    public OrderLifecycle(Orders orders) {
        this.orders = orders;
    }

    /**
     * The fan is back from the PG window with a payment key (checked by the caller): the workflow may confirm it.
     * Answers the order CONFIRMING and the payment wait's token if the wait task stored it already.
     */
    public Optional<Orders.Moved> submitPayment(String orderId, String paymentKey) {
        return orders.transitionReading(orderId, Set.of(AWAITING_PAYMENT),
                new Orders.Change(CONFIRMING, paymentKey, null, null, null), PayingOrders.PAYMENT_STAGE);
    }

    /** The PG approved a card payment. */
    public boolean approve(String orderId) {
        return orders.transition(orderId, Set.of(CONFIRMING), Orders.Change.to(APPROVED));
    }

    /** The PG issued a virtual account: the order now waits for the deposit until {@code deadline}. */
    public boolean awaitDeposit(String orderId, Instant deadline, String depositSecret) {
        return orders.transition(orderId, Set.of(CONFIRMING),
                new Orders.Change(AWAITING_DEPOSIT, null, deadline, depositSecret, null));
    }

    /** The deposit arrived (a verified callback, or a status read back from the PG). */
    public boolean deposited(String orderId) {
        return orders.transition(orderId, Set.of(AWAITING_DEPOSIT), Orders.Change.to(APPROVED));
    }

    /** Every seat is a ticket: the order is PAID and its tickets are stored with it, in one write, or neither. */
    public boolean pay(String orderId, List<Ticket> tickets) {
        boolean paid = orders.markPaid(orderId, tickets);
        if (paid) { // counted once: a retried step finds the order PAID already and changes nothing
            BusinessMetrics.current().count(BusinessMetrics.Metric.OrdersPaid);
        }
        return paid;
    }

    /**
     * Takes the order away from the payment before anything is given back, so that nothing can make it PAID while
     * its seats and money go back. From any state a payment could still complete from.
     */
    public boolean beginClosing(String orderId, CloseReason reason) {
        return orders.transition(orderId, OrderStatus.PAYABLE, new Orders.Change(CLOSING, null, null, null, reason));
    }

    /** Seats and money are back: the order ends {@code closed} (one of {@link OrderStatus#CLOSED}). */
    public boolean finishClosing(String orderId, OrderStatus closed, CloseReason reason) {
        if (!closed.isClosed()) {
            throw new IllegalArgumentException(closed + " is not a closed status");
        }
        return orders.transition(orderId, Set.of(CLOSING), new Orders.Change(closed, null, null, null, reason));
    }

    /** Money the PG had captured for an order that was closing or closed has been given back. */
    public boolean refunded(String orderId, CloseReason reason) {
        Set<OrderStatus> from = EnumSet.copyOf(OrderStatus.CLOSED);
        from.remove(REFUNDED);
        from.add(CLOSING);
        return orders.transition(orderId, from, new Orders.Change(REFUNDED, null, null, null, reason));
    }

    /** A paid membership order cancelled under its refund policy: its money was given back in full. */
    public boolean paidRefunded(String orderId) {
        return orders.transition(orderId, Set.of(OrderStatus.PAID),
                new Orders.Change(REFUNDED, null, null, null, CloseReason.CANCELLED));
    }

    /** A closed order holds money at the PG that the PG would not refund automatically: it says so, for a person. */
    public boolean owesRefund(String orderId, OrderStatus closed) {
        return orders.transition(orderId, Set.of(closed),
                new Orders.Change(closed, null, null, null, CloseReason.REFUND_OWED));
    }
}
