package dev.madang.api.order;

import dev.madang.aws.cancellation.DynamoCancellationPolicies;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.notification.SqsNotificationQueue;
import dev.madang.aws.order.DynamoBookingHistory;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.order.DynamoRoundCancellations;
import dev.madang.aws.order.DynamoTicketCancellations;
import dev.madang.aws.order.SqsRoundRefunds;
import dev.madang.aws.order.StepFunctionsPaymentWorkflows;
import dev.madang.aws.order.TicketCancellationWiring;
import dev.madang.aws.support.ProviderSecrets;
import dev.madang.aws.toss.TossPayments;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.cancellation.CancellingRounds;
import dev.madang.domain.cancellation.CancellingTickets;
import dev.madang.domain.cancellation.ReadingBookingHistory;
import dev.madang.domain.cancellation.SettingCancellationPolicies;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.coupon.PricingOrders;
import dev.madang.domain.order.OrderLifecycle;
import dev.madang.domain.order.PayingOrders;
import dev.madang.domain.order.PlacingOrders;
import dev.madang.domain.order.ReceivingPaymentEvents;
import dev.madang.domain.order.Refunds;
import dev.madang.domain.payment.PaymentGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** Wires the order use cases of the API to their adapters. */
@ApplicationScoped
public class OrderBeans {

    @Produces
    @Singleton
    DynamoOrders orders(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.orders") String table) {
        return new DynamoOrders(dynamo, table);
    }

    @Produces
    @Singleton
    StepFunctionsPaymentWorkflows workflows(SfnClient sfn,
                                            @ConfigProperty(name = "madang.payment.state-machine-arn") String arn) {
        return new StepFunctionsPaymentWorkflows(sfn, arn);
    }

    @Produces
    @Singleton
    PlacingOrders placing(HoldingSeats holding, DynamoOrders orders, DynamoCatalog catalog,
                          StepFunctionsPaymentWorkflows workflows, PricingOrders pricing, Clock clock) {
        return new PlacingOrders(holding, orders, catalog.rounds(), workflows, pricing, clock);
    }

    @Produces
    @Singleton
    PayingOrders paying(DynamoOrders orders, PaymentGateway gateway, StepFunctionsPaymentWorkflows workflows) {
        return new PayingOrders(orders, gateway, workflows);
    }

    @Produces
    @Singleton
    ReceivingPaymentEvents events(DynamoOrders orders, PaymentGateway gateway, StepFunctionsPaymentWorkflows workflows) {
        return new ReceivingPaymentEvents(orders, gateway, workflows,
                new Refunds(gateway, new OrderLifecycle(orders)));
    }

    /** "My page": a fan's bookings, read from the orders table (an order's partition holds its tickets and refunds). */
    @Produces
    @Singleton
    ReadingBookingHistory bookingHistory(DynamoDbClient dynamo,
                                         @ConfigProperty(name = "madang.tables.orders") String table) {
        return new ReadingBookingHistory(new DynamoBookingHistory(dynamo, table));
    }

    /** The performances' cancellation policies, kept beside them in the catalog table. */
    @Produces
    @Singleton
    SettingCancellationPolicies cancellationPolicies(DynamoDbClient dynamo, DynamoCatalog catalog, Clock clock,
                                                     @ConfigProperty(name = "madang.tables.catalog") String table) {
        return new SettingCancellationPolicies(catalog.performances(), catalog.rounds(),
                new DynamoCancellationPolicies(dynamo, table), clock);
    }

    /**
     * Ticket cancellation: each performance's policy (the Korean standard unless its organiser set one), the seats into
     * the release pool, the refund through the PG.
     */
    @Produces
    @Singleton
    CancellingTickets cancelling(DynamoOrders orders, DynamoDbClient dynamo, DynamoCatalog catalog,
                                 SettingCancellationPolicies policies, PaymentGateway gateway, SqsClient sqs,
                                 Clock clock,
                                 @ConfigProperty(name = "madang.notification.queue-url") String notificationQueueUrl,
                                 @ConfigProperty(name = "madang.tables.orders") String ordersTable,
                                 @ConfigProperty(name = "madang.tables.seats") String seatsTable,
                                 @ConfigProperty(name = "madang.holds.catalog-freshness") Duration catalogFreshness) {
        return TicketCancellationWiring.cancelling(dynamo, ordersTable, seatsTable, orders,
                new CachedCatalog(catalog.rounds(), catalog.venues(), clock, catalogFreshness, Runnable::run),
                policies::policyOf, gateway, new SqsNotificationQueue(sqs, notificationQueueUrl).ticketRefunds(), clock);
    }

    /**
     * Round cancellation: marks the catalog round, records the cancellation beside the orders, and queues one refund per
     * paid order on the round refund queue (the workers consume it; the API never refunds a round itself, so it tells
     * no fan of it).
     */
    @Produces
    @Singleton
    CancellingRounds cancellingRounds(DynamoOrders orders, DynamoDbClient dynamo, DynamoCatalog catalog,
                                      PaymentGateway gateway, SqsClient sqs, Clock clock,
                                      @ConfigProperty(name = "madang.tables.orders") String ordersTable,
                                      @ConfigProperty(name = "madang.round-refund.queue-url") String queueUrl) {
        return new CancellingRounds(catalog.rounds(), orders, orders,
                new DynamoTicketCancellations(dynamo, ordersTable), new DynamoRoundCancellations(dynamo, ordersTable),
                SqsRoundRefunds.queue(sqs, queueUrl), gateway, refund -> {
                    throw new IllegalStateException("the API does not refund rounds; the workers do");
                }, clock);
    }

    /**
     * Paying reads the submitted key's payment back from the PG, and webhooks read payments back before acting
     * (PAYMENT_STATUS_CHANGED) and refund late deposits, so both routes need Toss.
     */
    @Produces
    @Singleton
    PaymentGateway gateway(ProviderSecrets secrets, @ConfigProperty(name = "madang.toss.base-url") URI baseUrl) {
        return new TossPayments(baseUrl, secrets.get("tossSecretKey", "madang.toss.secret-key"));
    }
}
