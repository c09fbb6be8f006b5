package dev.madang.aws.order;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.release.DynamoReleasePools;
import dev.madang.domain.cancellation.CancellationFees;
import dev.madang.domain.cancellation.CancellationPolicy;
import dev.madang.domain.cancellation.CancellingTickets;
import dev.madang.domain.cancellation.TicketRefundNotifications;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.order.Orders;
import dev.madang.domain.payment.PaymentGateway;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.function.Function;

/**
 * Ticket cancellation on its DynamoDB adapters, one composition for every caller: the API's routes, the workers' sweep
 * that finishes PENDING refunds, and tests of either.
 */
public final class TicketCancellationWiring {

    private TicketCancellationWiring() {
    }

    /**
     * @param policies the performances' cancellation policies (the sweep, which only finishes refunds already quoted,
     *                 may pass {@link #standardPolicy()})
     */
    public static CancellingTickets cancelling(DynamoDbClient dynamo, String ordersTable, String seatsTable,
                                               Orders orders, CachedCatalog catalog,
                                               Function<String, CancellationPolicy> policies, PaymentGateway gateway,
                                               TicketRefundNotifications notifications, Clock clock) {
        return new CancellingTickets(orders, new DynamoTicketCancellations(dynamo, ordersTable), catalog, policies,
                new CancellationFees(), new DynamoReleasePools(dynamo, seatsTable),
                new DynamoBooking(dynamo, seatsTable).holdLedgers(), gateway, notifications, clock);
    }

    public static Function<String, CancellationPolicy> standardPolicy() {
        return performanceId -> CancellationPolicy.koreanStandard();
    }
}
