package dev.madang.workers;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.order.PaymentWorkflowTasks;
import dev.madang.aws.order.SqsBookingNotifications;
import dev.madang.aws.order.StepFunctionsPaymentWorkflows;
import dev.madang.aws.order.TicketCancellationWiring;
import dev.madang.domain.cancellation.CancellingTickets;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.order.ClosingOrders;
import dev.madang.domain.order.ConfirmingBookings;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.OrderLifecycle;
import dev.madang.domain.order.Refunds;
import dev.madang.domain.payment.PaymentGateway;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;

/**
 * The payment workers' composition root, in plain Java: {@link WorkerBeans} calls it for the deployed functions, and
 * the local runner and the benchmarks for the same tasks on the local Lambda endpoint.
 */
public final class PaymentWiring {

    /** The tables the payment tasks read and write, by their physical names. */
    public record Tables(String catalog, String seats, String orders) {
    }

    private PaymentWiring() {
    }

    public static PaymentWorkflowTasks tasks(DynamoDbClient dynamo, SfnClient sfn, SqsClient sqs,
                                             PaymentGateway gateway, Tables tables, String notificationQueueUrl,
                                             Clock clock) {
        DynamoCatalog catalog = new DynamoCatalog(dynamo, tables.catalog(), tables.seats());
        DynamoBooking booking = new DynamoBooking(dynamo, tables.seats());
        DynamoOrders orders = new DynamoOrders(dynamo, tables.orders());
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), clock, Duration.ofSeconds(10),
                Runnable::run);
        ClosingOrders closing = new ClosingOrders(orders, new Refunds(gateway, new OrderLifecycle(orders)),
                booking.seatClaims(), booking.holdLedgers(), cached);
        ConfirmingBookings bookings = new ConfirmingBookings(orders, gateway, booking.seatClaims(),
                booking.holdLedgers(), cached, catalog.performances(),
                StepFunctionsPaymentWorkflows.answeringOnly(sfn),
                new SqsBookingNotifications(sqs, notificationQueueUrl), closing, clock);
        // the sweep also finishes ticket cancellations whose refund failed: refunds only, so no fee policy is read
        CancellingTickets cancellations = TicketCancellationWiring.cancelling(dynamo, tables.orders(), tables.seats(),
                orders, cached, TicketCancellationWiring.standardPolicy(), gateway, clock);
        return new PaymentWorkflowTasks(bookings, new ExpiringUnpaidOrders(orders, closing, clock), cancellations);
    }
}
