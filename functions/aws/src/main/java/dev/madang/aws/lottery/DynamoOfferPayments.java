package dev.madang.aws.lottery;

import dev.madang.domain.lottery.OfferPayments;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.Orders;

/**
 * Whether a lottery offer was paid, read from the orders table through the orders adapter: the order id is the hold
 * id, so one consistent GetItem ({@code pk = ORDER#holdId, sk = META}) answers.
 */
public final class DynamoOfferPayments implements OfferPayments {

    private final Orders orders;

    public DynamoOfferPayments(Orders orders) {
        this.orders = orders;
    }

    @Override
    public boolean paid(String holdId) {
        return orders.byId(holdId).map(o -> o.status() == OrderStatus.PAID).orElse(false);
    }
}
