package dev.madang.aws.order;

import dev.madang.aws.notification.SqsNotificationQueue;
import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.membership.DynamoMemberships;
import dev.madang.aws.ticket.DynamoTickets;
import dev.madang.aws.trade.DynamoTrades;
import dev.madang.aws.trade.DynamoTransferFees;
import dev.madang.domain.cancellation.CancellingTickets;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.membership.GrantingMemberships;
import dev.madang.domain.order.BookingNotifications;
import dev.madang.domain.order.ClosingOrders;
import dev.madang.domain.order.ConfirmingBookings;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.OrderLifecycle;
import dev.madang.domain.order.PaymentWorkflows;
import dev.madang.domain.order.Refunds;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.trade.HandingOverTickets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;

/**
 * The payment workflow's tasks on their adapters, in plain Java: one composition for the deployed workers, the local
 * runner, the benchmarks and the tests (the API's tests cannot have the workers artifact on their classpath, so it
 * lives here rather than there).
 */
public final class PaymentTaskWiring {

    /** The tables the payment tasks read and write, by their physical names. */
    public record Tables(String catalog, String seats, String orders) {
    }

    private PaymentTaskWiring() {
    }

    public static PaymentWorkflowTasks tasks(DynamoDbClient dynamo, SfnClient sfn, SqsClient sqs,
                                             PaymentGateway gateway, Tables tables, String notificationQueueUrl,
                                             Clock clock) {
        DynamoCatalog catalog = new DynamoCatalog(dynamo, tables.catalog(), tables.seats());
        DynamoBooking booking = new DynamoBooking(dynamo, tables.seats());
        DynamoOrders orders = new DynamoOrders(dynamo, tables.orders());
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), clock, Duration.ofSeconds(10),
                Runnable::run);
        PaymentWorkflows workflows = StepFunctionsPaymentWorkflows.answeringOnly(sfn);
        // the sweep also finishes ticket cancellations whose refund failed: refunds only, so no fee policy is read
        SqsNotificationQueue told = new SqsNotificationQueue(sqs, notificationQueueUrl);
        BookingNotifications notifications = new SqsBookingNotifications(sqs, notificationQueueUrl);
        CancellingTickets cancellations = TicketCancellationWiring.cancelling(dynamo, tables.orders(), tables.seats(),
                orders, cached, TicketCancellationWiring.standardPolicy(), gateway, told.ticketRefunds(), clock);
        HandingOverTickets transfers = new HandingOverTickets(new DynamoTrades(dynamo, tables.orders(),
                tables.seats()), new DynamoTickets(dynamo, tables.orders()), orders,
                new DynamoTransferFees(dynamo, tables.catalog()), cancellations, told.trades(), clock);
        ClosingOrders closing = new ClosingOrders(orders, new Refunds(gateway, new OrderLifecycle(orders)),
                booking.seatClaims(), booking.holdLedgers(), cached, transfers, notifications);
        DynamoMemberships memberships = new DynamoMemberships(dynamo, tables.orders());
        ConfirmingBookings bookings = new ConfirmingBookings(orders, gateway, booking.seatClaims(),
                booking.holdLedgers(), cached, catalog.performances(), workflows, notifications, closing, transfers,
                new GrantingMemberships(memberships, memberships, clock), clock);
        return new PaymentWorkflowTasks(bookings, new ExpiringUnpaidOrders(orders, closing, clock), cancellations,
                transfers);
    }
}
