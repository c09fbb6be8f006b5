package dev.madang.domain.order;

import java.util.List;

/**
 * The orders of one round that were ever PAID (whatever they are now: still PAID, or REFUNDED since), read from an
 * index written when the order became PAID, so a round's cancellation finds its orders without a scan.
 */
public interface RoundOrders {

    /** One such order, with what the progress of a round cancellation needs. */
    record PaidOrder(String orderId, String userId, OrderStatus status, long amount, long refunded) {
    }

    List<PaidOrder> everPaidOn(String roundId);
}
