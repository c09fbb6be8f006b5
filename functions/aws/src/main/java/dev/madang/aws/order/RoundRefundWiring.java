package dev.madang.aws.order;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.cancellation.CancellingRounds;
import dev.madang.domain.cancellation.RoundRefundQueue;
import dev.madang.domain.payment.PaymentGateway;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/**
 * The round refund queue's consumer, in plain Java: the workers' {@code RoundRefundHandler} and the tests (which
 * drive it with the real queue's messages) wire it the same way.
 */
public final class RoundRefundWiring {

    private RoundRefundWiring() {
    }

    /** Refunds through {@code gateway}, tells fans on the notification queue; never enqueues (the API does). */
    public static CancellingRounds consumer(DynamoDbClient dynamo, SqsClient sqs, PaymentGateway gateway,
                                            String catalogTable, String seatsTable, String ordersTable,
                                            String notificationQueueUrl, Clock clock) {
        DynamoOrders orders = new DynamoOrders(dynamo, ordersTable);
        RoundRefundQueue noQueue = (roundId, orderIds) -> {
            throw new IllegalStateException("the refund consumer does not start round cancellations");
        };
        return new CancellingRounds(new DynamoCatalog(dynamo, catalogTable, seatsTable).rounds(), orders, orders,
                new DynamoTicketCancellations(dynamo, ordersTable), new DynamoRoundCancellations(dynamo, ordersTable),
                noQueue, gateway, SqsRoundRefunds.notifications(sqs, notificationQueueUrl), clock);
    }
}
