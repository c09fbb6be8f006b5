package dev.madang.aws.order;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.order.ClosingOrders;
import dev.madang.domain.order.CloseReason;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.OrderLifecycle;
import dev.madang.domain.order.ConfirmingBookings;
import dev.madang.domain.order.Refunds;
import dev.madang.domain.payment.PaymentGateway;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The payment workflow's Lambda steps (statemachines/payment.asl.json) and the unpaid-expiry sweep: {@link ConfirmingBookings}
 * wired to its adapters, and each step as event in, result out. The deployed workers' Quarkus handlers call these
 * methods; the local runner and the tests serve the same methods on the local Lambda endpoint ({@link #functions()}),
 * so the two differ in nothing but transport.
 *
 * <p>An exception leaves a step as it is, so Step Functions sees its class as the error:
 * {@code dev.madang.domain.payment.PaymentRefused} is caught by the state machine (no retry), anything else retried.
 */
public final class PaymentSteps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> EVENT = new TypeReference<>() {
    };

    private final ConfirmingBookings tasks;
    private final ExpiringUnpaidOrders expiring;

    /**
     * The workers only answer task tokens, never start executions, so their workflow port needs no state machine ARN
     * (and template.yaml could not give them one: the state machine names the workers' ARNs).
     */
    public PaymentSteps(DynamoDbClient dynamo, SfnClient sfn, SqsClient sqs, PaymentGateway gateway,
                        Map<String, String> tables, String notificationQueueUrl, Clock clock) {
        DynamoCatalog catalog = new DynamoCatalog(dynamo, tables.get("CatalogTable"), tables.get("SeatsTable"));
        DynamoBooking booking = new DynamoBooking(dynamo, tables.get("SeatsTable"));
        DynamoOrders orders = new DynamoOrders(dynamo, tables.get("OrdersTable"));
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), clock, Duration.ofSeconds(10),
                Runnable::run);
        ClosingOrders closing = new ClosingOrders(orders, new Refunds(gateway, new OrderLifecycle(orders)),
                booking.seatClaims(), booking.holdLedgers(), cached);
        this.tasks = new ConfirmingBookings(orders, gateway, booking.seatClaims(), booking.holdLedgers(), cached,
                catalog.performances(), new StepFunctionsPaymentWorkflows(sfn, "none"),
                new SqsBookingNotifications(sqs, notificationQueueUrl), closing, clock);
        this.expiring = new ExpiringUnpaidOrders(orders, closing, clock);
    }

    public Map<String, Object> awaitPayment(Map<String, Object> event) {
        tasks.awaitPayment(orderId(event), String.valueOf(event.get("stage")), String.valueOf(event.get("taskToken")));
        return Map.of("waiting", true);
    }

    public Map<String, Object> confirmPayment(Map<String, Object> event) {
        ConfirmingBookings.Confirmation c = tasks.confirm(orderId(event));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", c.outcome());
        if (c.depositWaitSeconds() != null) {
            out.put("depositWaitSeconds", c.depositWaitSeconds());
        }
        return out;
    }

    public Map<String, Object> issueTickets(Map<String, Object> event) {
        return Map.of("outcome", tasks.issueTickets(orderId(event)));
    }

    public Map<String, Object> notifyBooking(Map<String, Object> event) {
        tasks.notifyBooking(orderId(event));
        return Map.of("notified", true);
    }

    public Map<String, Object> closeOrder(Map<String, Object> event) {
        return Map.of("status", tasks.close(orderId(event), CloseReason.valueOf(String.valueOf(event.get("reason"))))
                .name());
    }

    /** The schedule's event carries nothing the sweep needs. */
    public Map<String, Object> expireUnpaidOrders(Map<String, Object> scheduledEvent) {
        ExpiringUnpaidOrders.Swept swept = expiring.sweep();
        return Map.of("closed", swept.closed(), "failed", swept.failed());
    }

    /** Each step by its function's logical id in template.yaml, as JSON text in and out (the local Lambda endpoint). */
    public Map<String, Function<String, String>> functions() {
        Map<String, Function<Map<String, Object>, Map<String, Object>>> steps = Map.of(
                "AwaitPaymentFunction", this::awaitPayment,
                "ConfirmPaymentFunction", this::confirmPayment,
                "IssueTicketsFunction", this::issueTickets,
                "NotifyBookingFunction", this::notifyBooking,
                "CloseOrderFunction", this::closeOrder,
                "ExpireUnpaidOrdersFunction", this::expireUnpaidOrders);
        Map<String, Function<String, String>> functions = new LinkedHashMap<>();
        steps.forEach((name, step) -> functions.put(name, event -> write(step.apply(read(event)))));
        return functions;
    }

    private static String orderId(Map<String, Object> event) {
        if (!(event.get("orderId") instanceof String id) || id.isBlank()) {
            throw new IllegalArgumentException("the task input has no orderId");
        }
        return id;
    }

    private static Map<String, Object> read(String event) {
        try {
            return JSON.readValue(event, EVENT);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON event", e);
        }
    }

    private static String write(Map<String, Object> result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
