package dev.madang.aws.lottery;

import dev.madang.domain.lottery.OfferPayments;
import dev.madang.domain.order.OfferPaymentsFromOrders;
import dev.madang.domain.order.Orders;

/**
 * Whether a lottery offer was paid, settled on the orders table through the orders adapter: the order id is the hold
 * id, so one consistent GetItem ({@code pk = ORDER#holdId, sk = META}) answers, and an unpaid order still payable is
 * taken to CLOSING with one conditional UpdateItem (the rule is {@link OfferPaymentsFromOrders}'s).
 */
public final class DynamoOfferPayments implements OfferPayments {

    private final OfferPayments payments;

    public DynamoOfferPayments(Orders orders) {
        this.payments = new OfferPaymentsFromOrders(orders);
    }

    @Override
    public boolean settle(String holdId) {
        return payments.settle(holdId);
    }
}
