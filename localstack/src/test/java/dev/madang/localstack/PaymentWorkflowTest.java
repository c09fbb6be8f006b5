package dev.madang.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The REAL {@code statemachines/payment.asl.json}, provisioned through a fixture template
 * ({@code payment-workflow/template.yaml}) into the local stack, run against scripted Java task functions that
 * record every call. The contract under test is written down in {@code statemachines/README.md}.
 *
 * <p>Retry intervals run at {@value #SCALE} of real time (2 s becomes 20 ms); task timeouts
 * ({@code TimeoutSecondsPath}) are never scaled, so the timeout tests wait 1 s.
 */
class PaymentWorkflowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double SCALE = 0.01;
    private static final String MACHINE = "PaymentStateMachine";

    private static final String AWAIT = "AwaitPaymentFunction";
    private static final String CONFIRM = "ConfirmPaymentFunction";
    private static final String ISSUE = "IssueTicketsFunction";
    private static final String NOTIFY = "NotifyBookingFunction";
    private static final String CLOSE = "CloseOrderFunction";
    private static final List<String> FUNCTIONS = List.of(AWAIT, CONFIRM, ISSUE, NOTIFY, CLOSE);

    /** The name the AWS Java runtime gives a thrown dev.madang.domain.payment.PaymentGatewayUnavailable. */
    private static final String GATEWAY_UNAVAILABLE_JAVA = "dev.madang.domain.payment.PaymentGatewayUnavailable";

    private static LocalAws aws;
    private static SfnClient sfn;
    private static WorkflowRuns runs;
    private static String machineArn;

    /** How each function answers, per order id and function; absent = the happy answer. */
    private static final Map<String, Map<String, Answer>> scripts = new ConcurrentHashMap<>();
    /** Every invocation payload, per order id and function. */
    private static final Map<String, Map<String, List<JsonNode>>> calls = new ConcurrentHashMap<>();
    /** AwaitPaymentFunction invocations (they carry the task token), per order id. */
    private static final Map<String, BlockingQueue<JsonNode>> tokens = new ConcurrentHashMap<>();

    /** A scripted answer of a test function; {@code attempt} counts this function's calls for the order, from 1. */
    @FunctionalInterface
    interface Answer {
        String answer(int attempt) throws Exception;
    }

    /**
     * An error whose Step Functions error name is {@link #errorType()} (LambdaDispatcher reports it as the
     * invocation's errorType; the bridge names the task failure after it).
     */
    static final class NamedError extends RuntimeException {
        private final String name;

        NamedError(String name, String message) {
            super(message);
            this.name = name;
        }

        public String errorType() {
            return name;
        }
    }

    @BeforeAll
    static void startStack() throws Exception {
        aws = LocalAws.start(LocalstackDir.localstackDir(), SCALE);
        for (String function : FUNCTIONS) {
            aws.lambdas().register(function, event -> invoke(function, event));
        }
        // parsed as if it sat next to template.yaml: DefinitionUri statemachines/payment.asl.json is the real file
        SamTemplate fixture = SamTemplate.parse(fixtureText(), LocalAws.templatePath());
        aws.provision(fixture, Map.of());
        machineArn = aws.stateMachineArn(MACHINE);
        sfn = aws.sfn();
        runs = new WorkflowRuns(sfn);
    }

    @AfterAll
    static void stopStack() {
        if (aws != null) {
            aws.close();
        }
    }

    private static String invoke(String function, String eventJson) throws Exception {
        JsonNode event = JSON.readTree(eventJson);
        String orderId = event.path("orderId").asText();
        List<JsonNode> made = calls.computeIfAbsent(orderId, id -> new ConcurrentHashMap<>())
                .computeIfAbsent(function, f -> new CopyOnWriteArrayList<>());
        made.add(event);
        int attempt = made.size();
        Answer scripted = scripts.getOrDefault(orderId, Map.of()).get(function);
        if (function.equals(AWAIT)) {
            if (scripted != null) {
                return scripted.answer(attempt); // may throw before the token is handed out
            }
            tokens.computeIfAbsent(orderId, id -> new LinkedBlockingQueue<>()).add(event);
            return "{\"stored\":true}";
        }
        if (scripted != null) {
            return scripted.answer(attempt);
        }
        return switch (function) {
            case CONFIRM -> "{\"outcome\":\"PAID\"}";
            case ISSUE -> "{\"outcome\":\"ISSUED\"}";
            case NOTIFY -> "{\"queued\":true}";
            case CLOSE -> "{\"closed\":true}";
            default -> throw new IllegalStateException(function);
        };
    }

    // ------------------------------------------------------------------------------------------ provisioning

    @Test
    void the_real_definition_is_provisioned_with_every_placeholder_substituted() {
        String definition = aws.provisioned().get(0).stateMachineDefinition(MACHINE);
        assertThat(definition).doesNotContain("${");
        for (String function : FUNCTIONS) {
            assertThat(definition).contains("arn:aws:lambda:ap-northeast-2:000000000000:function:" + function + ":live");
        }
        assertThat(aws.provisioned().get(0).template().stateMachine(MACHINE).definitionFile())
                .isEqualTo(LocalAws.templatePath().resolveSibling("statemachines").resolve("payment.asl.json"));
    }

    // ------------------------------------------------------------------------------------------ paths to a booking

    @Test
    void card_payment_confirms_issues_and_notifies_once_each() throws Exception {
        String orderId = newOrder();
        // as the API starts it: the booking the tickets will carry rides in the input, for Issue Tickets
        JsonNode booking = JSON.readTree("{\"userId\":\"fan-1\",\"roundId\":\"r-1\",\"seats\":[{\"seatId\":\"A-1-1\"}]}");
        String input = ((ObjectNode) JSON.readTree(input(orderId, 30))).set("booking", booking).toString();
        String executionArn = sfn.startExecution(b -> b.stateMachineArn(machineArn).name(orderId).input(input))
                .executionArn();
        assertThat(executionArn).endsWith(":execution:" + MACHINE + ":" + orderId);

        JsonNode request = awaitTokenRequest(orderId);
        assertThat(request.path("stage").asText()).isEqualTo("PAYMENT");
        assertThat(fieldNames(request)).containsExactlyInAnyOrder("orderId", "stage", "taskToken");
        assertThat(runs.describe(executionArn).status()).isEqualTo(ExecutionStatus.RUNNING);
        sfn.sendTaskSuccess(b -> b.taskToken(request.path("taskToken").asText())
                .output("{\"paymentKey\":\"pk-" + orderId + "\"}"));

        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(runs.entered(executionArn)).containsExactly("Await Payment", "Confirm Payment", "Route Confirmation",
                "Issue Tickets", "Route Issue", "Notify Booking", "Booked");
        JsonNode output = JSON.readTree(done.output());
        assertThat(output.path("orderId").asText()).isEqualTo(orderId);
        assertThat(output.path("payment").path("paymentKey").asText()).isEqualTo("pk-" + orderId);
        assertThat(output.has("closeReason")).isFalse();

        assertThat(calls(orderId, AWAIT)).hasSize(1);
        assertThat(calls(orderId, CONFIRM)).singleElement().isEqualTo(JSON.createObjectNode().put("orderId", orderId));
        // Issue Tickets is handed the execution's state, booking included; Notify Booking what Issue Tickets answered
        assertThat(calls(orderId, ISSUE)).singleElement().satisfies(e -> {
            assertThat(e.path("orderId").asText()).isEqualTo(orderId);
            assertThat(e.path("booking")).isEqualTo(booking);
            assertThat(e.path("confirmation").path("Payload").path("outcome").asText()).isEqualTo("PAID");
        });
        assertThat(calls(orderId, NOTIFY)).singleElement().isEqualTo(JSON.createObjectNode().put("orderId", orderId)
                .set("issued", JSON.createObjectNode().put("outcome", "ISSUED")));
        assertThat(calls(orderId, CLOSE)).isEmpty();

        List<HistoryEvent> history = runs.history(executionArn);
        assertThat(history).filteredOn(e -> e.type() == HistoryEventType.TASK_SCHEDULED)
                .extracting(e -> JSON.readTree(e.taskScheduledEventDetails().parameters()).path("FunctionName").asText())
                .containsExactly(functionArn(AWAIT), functionArn(CONFIRM), functionArn(ISSUE), functionArn(NOTIFY));
        assertThat(history).filteredOn(e -> e.type() == HistoryEventType.TASK_SCHEDULED).first()
                .satisfies(e -> assertThat(e.taskScheduledEventDetails().timeoutInSeconds()).isEqualTo(30L));
        assertThat(history).extracting(HistoryEvent::type).doesNotContain(HistoryEventType.TASK_FAILED);
    }

    @Test
    void virtual_account_waits_for_the_deposit_then_issues_and_notifies() throws Exception {
        String orderId = newOrder();
        script(orderId, CONFIRM, attempt -> "{\"outcome\":\"AWAITING_DEPOSIT\",\"depositWaitSeconds\":45}");
        String executionArn = start(orderId, 30);

        JsonNode payment = awaitTokenRequest(orderId);
        sfn.sendTaskSuccess(b -> b.taskToken(payment.path("taskToken").asText()).output("{\"paymentKey\":\"pk-va\"}"));
        JsonNode deposit = awaitTokenRequest(orderId);
        assertThat(deposit.path("stage").asText()).isEqualTo("DEPOSIT");
        assertThat(deposit.path("taskToken").asText()).isNotEqualTo(payment.path("taskToken").asText());
        assertThat(runs.describe(executionArn).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(calls(orderId, ISSUE)).isEmpty();
        sfn.sendTaskSuccess(b -> b.taskToken(deposit.path("taskToken").asText()).output("{\"deposited\":true}"));

        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(runs.entered(executionArn)).containsExactly("Await Payment", "Confirm Payment", "Route Confirmation",
                "Await Deposit", "Issue Tickets", "Route Issue", "Notify Booking", "Booked");
        assertThat(calls(orderId, AWAIT)).extracting(e -> e.path("stage").asText())
                .containsExactly("PAYMENT", "DEPOSIT");
        assertThat(calls(orderId, CONFIRM)).hasSize(1);
        assertThat(calls(orderId, ISSUE)).hasSize(1);
        assertThat(calls(orderId, NOTIFY)).hasSize(1);
        assertThat(calls(orderId, CLOSE)).isEmpty();
        assertThat(JSON.readTree(done.output()).path("deposit").path("deposited").asBoolean()).isTrue();
        // the deposit wait is the deadline the confirmation gave
        assertThat(runs.history(executionArn)).filteredOn(e -> e.type() == HistoryEventType.TASK_SCHEDULED)
                .extracting(e -> e.taskScheduledEventDetails().timeoutInSeconds())
                .containsExactly(30L, null, 45L, null, null);
    }

    @Test
    void transient_gateway_errors_are_retried_until_the_payment_confirms() throws Exception {
        String orderId = newOrder();
        script(orderId, CONFIRM, attempt -> switch (attempt) {
            // first as the AWS Java runtime names a thrown exception (its class name), then by its short name
            case 1 -> throw new NamedError(GATEWAY_UNAVAILABLE_JAVA, "PG answered 503");
            case 2 -> throw new NamedError("PaymentGatewayUnavailable", "PG timed out");
            default -> "{\"outcome\":\"PAID\"}";
        });
        String executionArn = startAndPay(orderId);

        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(calls(orderId, CONFIRM)).hasSize(3);
        assertThat(calls(orderId, ISSUE)).hasSize(1);
        assertThat(calls(orderId, NOTIFY)).hasSize(1);
        assertThat(calls(orderId, CLOSE)).isEmpty();
        assertThat(failedTaskErrors(executionArn)).containsExactly(GATEWAY_UNAVAILABLE_JAVA, "PaymentGatewayUnavailable");
        assertThat(runs.entered(executionArn)).endsWith("Booked").containsOnlyOnce("Confirm Payment");
    }

    @Test
    void a_failing_notification_does_not_undo_the_booking() throws Exception {
        String orderId = newOrder();
        script(orderId, NOTIFY, attempt -> {
            throw new NamedError("Lambda.TooManyRequestsException", "throttled, attempt " + attempt);
        });
        String executionArn = startAndPay(orderId);

        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(runs.entered(executionArn)).endsWith("Notify Booking", "Booked Without Notice");
        assertThat(calls(orderId, NOTIFY)).hasSize(4); // the first call and 3 retries
        assertThat(calls(orderId, ISSUE)).hasSize(1);
        assertThat(calls(orderId, CLOSE)).isEmpty();
        JsonNode output = JSON.readTree(done.output());
        assertThat(output.path("error").path("Error").asText()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(output.has("closeReason")).isFalse();
    }

    // ------------------------------------------------------------------------------------------ compensations

    @Test
    void no_payment_before_the_hold_expires_closes_the_order_as_expired() throws Exception {
        String orderId = newOrder();
        long started = System.nanoTime();
        String executionArn = start(orderId, 1);
        String token = awaitTokenRequest(orderId).path("taskToken").asText();

        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertClosed(orderId, executionArn, done, "EXPIRED");
        assertThat(runs.entered(executionArn)).containsExactly("Await Payment", "Mark Expired", "Close Order",
                "Order Closed");
        assertThat(runs.history(executionArn)).extracting(HistoryEvent::type).contains(HistoryEventType.TASK_TIMED_OUT);
        assertThat(calls(orderId, CONFIRM)).isEmpty();
        assertThat(JSON.readTree(done.output()).path("error").path("Error").asText()).isEqualTo("States.Timeout");

        // the customer coming back after the expiry is refused by the service
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"paymentKey\":\"late\"}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void a_customer_cancel_closes_the_order_as_cancelled() throws Exception {
        String orderId = newOrder();
        String executionArn = start(orderId, 30);
        String token = awaitTokenRequest(orderId).path("taskToken").asText();
        sfn.sendTaskFailure(b -> b.taskToken(token).error("OrderCancelled").cause("customer closed the order"));

        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        assertClosed(orderId, executionArn, done, "CANCELLED");
        assertThat(runs.entered(executionArn)).containsExactly("Await Payment", "Mark Cancelled", "Close Order",
                "Order Closed");
        assertThat(calls(orderId, CONFIRM)).isEmpty();
    }

    @Test
    void a_refused_payment_is_not_retried_and_closes_the_order() throws Exception {
        String orderId = newOrder();
        script(orderId, CONFIRM, attempt -> {
            throw new NamedError("PaymentRefused", "card declined");
        });
        String executionArn = startAndPay(orderId);

        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        assertClosed(orderId, executionArn, done, "PAYMENT_REFUSED");
        assertThat(calls(orderId, CONFIRM)).hasSize(1);
        assertThat(failedTaskErrors(executionArn)).containsExactly("PaymentRefused");
        assertThat(runs.entered(executionArn)).containsExactly("Await Payment", "Confirm Payment", "Mark Payment Refused",
                "Close Order", "Order Closed");
        assertThat(calls(orderId, ISSUE)).isEmpty();
    }

    @Test
    void a_refusal_named_the_java_runtime_way_is_not_retried_either() throws Exception {
        String orderId = newOrder();
        script(orderId, CONFIRM, attempt -> {
            throw new NamedError("dev.madang.domain.payment.PaymentRefused", "card declined");
        });
        String executionArn = startAndPay(orderId);

        assertClosed(orderId, executionArn, runs.awaitEnd(executionArn, Duration.ofSeconds(15)), "PAYMENT_REFUSED");
        assertThat(calls(orderId, CONFIRM)).hasSize(1);
    }

    @Test
    void a_gateway_that_stays_unavailable_leaves_the_payment_uncertain() throws Exception {
        String orderId = newOrder();
        script(orderId, CONFIRM, attempt -> {
            throw new NamedError("PaymentGatewayUnavailable", "PG answered 503, attempt " + attempt);
        });
        String executionArn = startAndPay(orderId);

        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        assertClosed(orderId, executionArn, done, "PAYMENT_UNCERTAIN");
        assertThat(calls(orderId, CONFIRM)).hasSize(4); // the first call and 3 retries
        assertThat(failedTaskErrors(executionArn)).hasSize(4).containsOnly("PaymentGatewayUnavailable");
        assertThat(calls(orderId, ISSUE)).isEmpty();
    }

    @Test
    void an_unexpected_confirm_error_is_not_retried_and_leaves_the_payment_uncertain() throws Exception {
        String orderId = newOrder();
        script(orderId, CONFIRM, attempt -> {
            throw new IllegalStateException("amount mismatch");
        });
        String executionArn = startAndPay(orderId);

        assertClosed(orderId, executionArn, runs.awaitEnd(executionArn, Duration.ofSeconds(15)), "PAYMENT_UNCERTAIN");
        assertThat(calls(orderId, CONFIRM)).hasSize(1);
        assertThat(failedTaskErrors(executionArn)).containsExactly("IllegalStateException");
    }

    @Test
    void an_unknown_confirmation_outcome_leaves_the_payment_uncertain() throws Exception {
        String orderId = newOrder();
        script(orderId, CONFIRM, attempt -> "{\"outcome\":\"SOMETHING_NEW\"}");
        String executionArn = startAndPay(orderId);

        assertClosed(orderId, executionArn, runs.awaitEnd(executionArn, Duration.ofSeconds(15)), "PAYMENT_UNCERTAIN");
        assertThat(runs.entered(executionArn)).containsSubsequence("Route Confirmation", "Mark Payment Uncertain");
    }

    @Test
    void no_deposit_before_the_deadline_closes_the_order_as_deposit_expired() throws Exception {
        String orderId = newOrder();
        script(orderId, CONFIRM, attempt -> "{\"outcome\":\"AWAITING_DEPOSIT\",\"depositWaitSeconds\":1}");
        String executionArn = startAndPay(orderId);
        JsonNode deposit = awaitTokenRequest(orderId);
        assertThat(deposit.path("stage").asText()).isEqualTo("DEPOSIT");

        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        assertClosed(orderId, executionArn, done, "DEPOSIT_EXPIRED");
        assertThat(runs.entered(executionArn)).containsExactly("Await Payment", "Confirm Payment", "Route Confirmation",
                "Await Deposit", "Mark Deposit Expired", "Close Order", "Order Closed");
        assertThat(calls(orderId, ISSUE)).isEmpty();
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(deposit.path("taskToken").asText())
                .output("{\"deposited\":true}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void a_cancel_while_waiting_for_the_deposit_closes_the_order_as_cancelled() throws Exception {
        String orderId = newOrder();
        script(orderId, CONFIRM, attempt -> "{\"outcome\":\"AWAITING_DEPOSIT\",\"depositWaitSeconds\":60}");
        String executionArn = startAndPay(orderId);
        String token = awaitTokenRequest(orderId).path("taskToken").asText();
        sfn.sendTaskFailure(b -> b.taskToken(token).error("OrderCancelled"));

        assertClosed(orderId, executionArn, runs.awaitEnd(executionArn, Duration.ofSeconds(15)), "CANCELLED");
        assertThat(runs.entered(executionArn)).containsSubsequence("Await Deposit", "Mark Cancelled", "Close Order");
    }

    @Test
    void seats_lost_after_approval_close_the_order_for_a_full_refund() throws Exception {
        String orderId = newOrder();
        script(orderId, ISSUE, attempt -> "{\"outcome\":\"SEATS_LOST\"}");
        String executionArn = startAndPay(orderId);

        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        assertClosed(orderId, executionArn, done, "SEATS_LOST");
        assertThat(runs.entered(executionArn)).containsExactly("Await Payment", "Confirm Payment", "Route Confirmation",
                "Issue Tickets", "Route Issue", "Mark Seats Lost", "Close Order", "Order Closed");
        assertThat(calls(orderId, CONFIRM)).hasSize(1);
        assertThat(calls(orderId, ISSUE)).hasSize(1);
        assertThat(calls(orderId, NOTIFY)).isEmpty();
    }

    @Test
    void a_failing_await_handler_leaves_the_payment_uncertain() throws Exception {
        String orderId = newOrder();
        script(orderId, AWAIT, attempt -> {
            throw new IllegalStateException("order is not awaiting payment");
        });
        String executionArn = start(orderId, 30);

        assertClosed(orderId, executionArn, runs.awaitEnd(executionArn, Duration.ofSeconds(15)), "PAYMENT_UNCERTAIN");
        assertThat(calls(orderId, AWAIT)).hasSize(1);
        assertThat(calls(orderId, CONFIRM)).isEmpty();
    }

    @Test
    void a_close_that_keeps_failing_ends_in_the_manual_attention_fail_state() throws Exception {
        String orderId = newOrder();
        script(orderId, CLOSE, attempt -> {
            throw new NamedError("Lambda.ServiceException", "Lambda is having a bad day, attempt " + attempt);
        });
        String executionArn = start(orderId, 30);
        String token = awaitTokenRequest(orderId).path("taskToken").asText();
        sfn.sendTaskFailure(b -> b.taskToken(token).error("OrderCancelled"));

        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("OrderCloseFailed");
        assertThat(done.cause()).contains("manual attention");
        assertThat(calls(orderId, CLOSE)).hasSize(4).allSatisfy(call ->
                assertThat(call.path("reason").asText()).isEqualTo("CANCELLED"));
        assertThat(runs.entered(executionArn)).endsWith("Close Order", "Close Failed");
    }

    // ------------------------------------------------------------------------------------------ service behaviour

    @Test
    void a_duplicate_send_task_success_for_a_spent_token_is_refused_and_changes_nothing() throws Exception {
        String orderId = newOrder();
        String executionArn = start(orderId, 30);
        String token = awaitTokenRequest(orderId).path("taskToken").asText();
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"paymentKey\":\"pk-first\"}"));

        // the customer's double click: the same token again, at once and after the end
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"paymentKey\":\"pk-second\"}")))
                .isInstanceOf(TaskTimedOutException.class);
        DescribeExecutionResponse done = runs.awaitEnd(executionArn, Duration.ofSeconds(15));
        int eventsAtEnd = runs.history(executionArn).size();
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"paymentKey\":\"pk-third\"}")))
                .isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken(token).error("OrderCancelled")))
                .isInstanceOf(TaskTimedOutException.class);

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(done.output()).path("payment").path("paymentKey").asText()).isEqualTo("pk-first");
        assertThat(runs.history(executionArn)).hasSize(eventsAtEnd)
                .filteredOn(e -> e.type() == HistoryEventType.TASK_SUCCEEDED).hasSize(4);
        assertThat(calls(orderId, CONFIRM)).hasSize(1);
        assertThat(calls(orderId, ISSUE)).hasSize(1);
        assertThat(calls(orderId, CLOSE)).isEmpty();
    }

    @Test
    void starting_twice_with_the_order_id_as_name_runs_one_execution() throws Exception {
        String orderId = newOrder();
        String input = input(orderId, 30);
        StartExecutionResponse first = sfn.startExecution(b -> b.stateMachineArn(machineArn).name(orderId).input(input));
        JsonNode request = awaitTokenRequest(orderId);

        // same name and input while it runs: the same execution, as AWS answers for Standard workflows
        StartExecutionResponse again = sfn.startExecution(b -> b.stateMachineArn(machineArn).name(orderId).input(input));
        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(again.startDate()).isEqualTo(first.startDate());
        // same name, other input: refused
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machineArn).name(orderId)
                .input(input(orderId, 29))))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        Thread.sleep(100);
        assertThat(calls(orderId, AWAIT)).hasSize(1);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machineArn)).executions())
                .filteredOn(e -> e.name().equals(orderId)).hasSize(1);

        sfn.sendTaskFailure(b -> b.taskToken(request.path("taskToken").asText()).error("OrderCancelled"));
        assertClosed(orderId, first.executionArn(), runs.awaitEnd(first.executionArn(), Duration.ofSeconds(15)), "CANCELLED");
        // once closed, the name is spent even with the same input
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machineArn).name(orderId).input(input)))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        assertThat(calls(orderId, AWAIT)).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void assertClosed(String orderId, String executionArn, DescribeExecutionResponse done,
                                     String reason) throws IOException {
        assertThat(done.status()).as(done.error() + ": " + done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(runs.entered(executionArn)).last().isEqualTo("Order Closed");
        assertThat(calls(orderId, CLOSE)).singleElement()
                .isEqualTo(JSON.createObjectNode().put("orderId", orderId).put("reason", reason));
        JsonNode output = JSON.readTree(done.output());
        assertThat(output.path("closeReason").asText()).isEqualTo(reason);
        assertThat(output.path("orderId").asText()).isEqualTo(orderId);
        assertThat(calls(orderId, NOTIFY)).isEmpty();
    }

    private static String newOrder() {
        return "ord-" + UUID.randomUUID();
    }

    private static void script(String orderId, String function, Answer answer) {
        scripts.computeIfAbsent(orderId, id -> new ConcurrentHashMap<>()).put(function, answer);
    }

    private static String input(String orderId, int paymentWaitSeconds) {
        return JSON.createObjectNode().put("orderId", orderId).put("paymentWaitSeconds", paymentWaitSeconds)
                .toString();
    }

    private static String start(String orderId, int paymentWaitSeconds) {
        return sfn.startExecution(b -> b.stateMachineArn(machineArn).name(orderId)
                .input(input(orderId, paymentWaitSeconds))).executionArn();
    }

    /** Starts the order's execution and completes its payment wait as the API does. */
    private static String startAndPay(String orderId) throws Exception {
        String executionArn = start(orderId, 30);
        String token = awaitTokenRequest(orderId).path("taskToken").asText();
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"paymentKey\":\"pk-" + orderId + "\"}"));
        return executionArn;
    }

    private static JsonNode awaitTokenRequest(String orderId) throws InterruptedException {
        JsonNode request = tokens.computeIfAbsent(orderId, id -> new LinkedBlockingQueue<>()).poll(10, TimeUnit.SECONDS);
        assertThat(request).as("AwaitPaymentFunction called for " + orderId).isNotNull();
        assertThat(request.path("taskToken").asText()).isNotBlank();
        return request;
    }

    private static List<JsonNode> calls(String orderId, String function) {
        return List.copyOf(calls.getOrDefault(orderId, Map.of()).getOrDefault(function, List.of()));
    }

    private static String functionArn(String function) {
        return "arn:aws:lambda:ap-northeast-2:000000000000:function:" + function + ":live";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> failedTaskErrors(String executionArn) {
        return runs.history(executionArn).stream().filter(e -> e.type() == HistoryEventType.TASK_FAILED)
                .map(e -> e.taskFailedEventDetails().error()).filter(Objects::nonNull).toList();
    }

    private static String fixtureText() {
        try (InputStream in = PaymentWorkflowTest.class.getResourceAsStream("/payment-workflow/template.yaml")) {
            assertThat(in).as("test resource payment-workflow/template.yaml").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
