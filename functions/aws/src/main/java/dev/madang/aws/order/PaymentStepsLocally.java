package dev.madang.aws.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.PaymentTasks;
import dev.madang.domain.payment.PaymentGateway;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The payment workflow's steps for a local Lambda endpoint (the local runner and the API tests): the same
 * {@link PaymentTasks} the deployed workers run, wired to the same adapters, answering the events the state machine
 * sends, by the function's logical id in template.yaml. Deployed, the workers' Quarkus handlers do this instead; both
 * are thin, so the two cannot drift in anything but wiring.
 */
public final class PaymentStepsLocally {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PaymentTasks tasks;
    private final ExpiringUnpaidOrders expiring;

    public PaymentStepsLocally(DynamoDbClient dynamo, SfnClient sfn, SqsClient sqs, PaymentGateway gateway,
                               Map<String, String> tables, String notificationQueueUrl, Clock clock) {
        DynamoCatalog catalog = new DynamoCatalog(dynamo, tables.get("CatalogTable"), tables.get("SeatsTable"));
        DynamoBooking booking = new DynamoBooking(dynamo, tables.get("SeatsTable"));
        DynamoOrders orders = new DynamoOrders(dynamo, tables.get("OrdersTable"));
        this.tasks = new PaymentTasks(orders, gateway, booking.seatClaims(), booking.holdLedgers(),
                new CachedCatalog(catalog.rounds(), catalog.venues(), clock, Duration.ofSeconds(10), Runnable::run),
                catalog.performances(), new StepFunctionsPaymentWorkflows(sfn, "none"),
                new SqsBookingNotifications(sqs, notificationQueueUrl), clock);
        this.expiring = new ExpiringUnpaidOrders(orders, tasks, clock);
    }

    public PaymentTasks tasks() {
        return tasks;
    }

    public ExpiringUnpaidOrders expiring() {
        return expiring;
    }

    /** The function behind each logical id of template.yaml: event JSON in, result JSON out. */
    public Map<String, Function<String, String>> functions() {
        return Map.of(
                "AwaitPaymentFunction", event -> {
                    JsonNode e = read(event);
                    tasks.awaitPayment(e.path("orderId").asText(), e.path("stage").asText(),
                            e.path("taskToken").asText());
                    return "{\"waiting\":true}";
                },
                "ConfirmPaymentFunction", event -> {
                    PaymentTasks.Confirmation c = tasks.confirm(read(event).path("orderId").asText());
                    ObjectNode out = JSON.createObjectNode().put("outcome", c.outcome());
                    if (c.depositWaitSeconds() != null) {
                        out.put("depositWaitSeconds", c.depositWaitSeconds());
                    }
                    return out.toString();
                },
                "IssueTicketsFunction", event -> JSON.createObjectNode()
                        .put("outcome", tasks.issueTickets(read(event).path("orderId").asText())).toString(),
                "NotifyBookingFunction", event -> {
                    tasks.notifyBooking(read(event).path("orderId").asText());
                    return "{\"notified\":true}";
                },
                "CloseOrderFunction", event -> {
                    JsonNode e = read(event);
                    return JSON.createObjectNode().put("status",
                            tasks.close(e.path("orderId").asText(), e.path("reason").asText()).name()).toString();
                },
                "ExpireUnpaidOrdersFunction", event -> {
                    ExpiringUnpaidOrders.Swept swept = expiring.sweep();
                    return JSON.createObjectNode().put("closed", swept.closed()).put("failed", swept.failed())
                            .toString();
                });
    }

    private static JsonNode read(String event) {
        try {
            return JSON.readTree(event);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON event", e);
        }
    }
}
