package dev.madang.domain.reconciliation;

import dev.madang.domain.order.CloseReason;
import dev.madang.domain.order.OrderStatus;

import java.util.Objects;

/**
 * An order's money as we hold it, for reconciliation: its amount and state, the payment key we confirmed, and its
 * fans' ticket cancellations: {@code refunded} is what finished cancellations refunded, {@code committedRefund} what
 * every begun cancellation committed (finished or still waiting for the PG), so {@code refunded <= committedRefund}.
 */
public record OrderBooks(String orderId, OrderStatus status, long amount, String paymentKey, CloseReason closeReason,
                         long refunded, long committedRefund) {

    public OrderBooks {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
    }
}
