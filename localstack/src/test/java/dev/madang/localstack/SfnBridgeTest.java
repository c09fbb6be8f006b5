package dev.madang.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The Step Functions bridge driven through the real AWS SDK v2 SfnClient, with its Task states served by Java
 * functions in a {@link LambdaDispatcher}.
 */
class SfnBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/madang-test";
    private static final double WAIT_SCALE = 0.01;

    private static LambdaDispatcher lambdas;
    private static SfnBridge bridge;
    private static SfnClient sfn;
    private static String paymentMachine;
    private static String holdMachine;
    private static String flowMachine;

    /** Task tokens received by requestPayment, per order id. */
    private static final Map<String, CompletableFuture<JsonNode>> paymentRequests = new ConcurrentHashMap<>();
    /** releaseSeats invocations (their payloads), per order id. */
    private static final Map<String, List<JsonNode>> releases = new ConcurrentHashMap<>();
    /** holdSeat invocations per order id. */
    private static final Map<String, AtomicInteger> holdAttempts = new ConcurrentHashMap<>();

    /** A business error: its Step Functions error name comes from errorType(), not from the class name. */
    static final class SeatLostException extends RuntimeException {
        SeatLostException(String message) {
            super(message);
        }

        public String errorType() {
            return "SeatLost";
        }
    }

    /** A transient error: its Step Functions error name is the simple class name. */
    static final class SeatStoreBusy extends RuntimeException {
        SeatStoreBusy(String message) {
            super(message);
        }
    }

    @BeforeAll
    static void startStack() {
        lambdas = LambdaDispatcher.start();
        registerFunctions();
        bridge = SfnBridge.start(LocalstackDir.localstackDir(), lambdas.endpoint(), WAIT_SCALE);
        sfn = SfnClient.builder()
                .endpointOverride(bridge.endpoint())
                .region(Region.of(SfnBridge.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        paymentMachine = createMachine("payment", "scripted-payment-fixture.asl.json");
        holdMachine = createMachine("hold-retry", "hold-retry.asl.json");
        flowMachine = createMachine("flow", "flow.asl.json");
    }

    @AfterAll
    static void stopStack() {
        if (sfn != null) {
            sfn.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (lambdas != null) {
            lambdas.close();
        }
    }

    private static void registerFunctions() {
        lambdas.register("createOrder", event -> {
            JsonNode in = JSON.readTree(event);
            return JSON.createObjectNode()
                    .put("orderId", in.path("orderId").asText())
                    .put("amount", 55_000 * in.path("seats").size())
                    .toString();
        });
        lambdas.register("requestPayment", event -> {
            JsonNode in = JSON.readTree(event);
            paymentRequests.computeIfAbsent(in.path("orderId").asText(), id -> new CompletableFuture<>()).complete(in);
            return "{\"accepted\":true}";
        });
        lambdas.register("confirmOrder", event -> {
            JsonNode in = JSON.readTree(event);
            String orderId = in.path("orderId").asText();
            ObjectNode out = JSON.createObjectNode();
            out.putArray("ticketIds").add("T-" + orderId + "-1").add("T-" + orderId + "-2");
            return out.toString();
        });
        lambdas.register("releaseSeats", event -> {
            JsonNode in = JSON.readTree(event);
            releases.computeIfAbsent(in.path("orderId").asText(), id -> new CopyOnWriteArrayList<>()).add(in);
            return "{\"released\":true}";
        });
        lambdas.register("holdSeat", event -> {
            JsonNode in = JSON.readTree(event);
            int attempt = holdAttempts.computeIfAbsent(in.path("orderId").asText(), id -> new AtomicInteger())
                    .incrementAndGet();
            switch (in.path("scenario").asText()) {
                case "lost" -> throw new SeatLostException("seat A-12 was sold to someone else");
                case "busy-twice" -> {
                    if (attempt <= 2) {
                        throw new SeatStoreBusy("throttled, attempt " + attempt);
                    }
                }
                case "busy-always" -> throw new SeatStoreBusy("throttled, attempt " + attempt);
                default -> {
                }
            }
            return "{\"held\":true,\"attempt\":" + attempt + "}";
        });
        lambdas.register("echo", event -> {
            JsonNode in = JSON.readTree(event);
            ObjectNode out = in.isObject() ? ((ObjectNode) in).deepCopy() : JSON.createObjectNode().set("value", in);
            return out.put("echoed", true).toString();
        });
    }

    // ------------------------------------------------------------------------------------------ (a) happy path

    @Test
    void lambdaInvokeThenCallbackCompletedBySendTaskSuccess() throws Exception {
        String orderId = "order-" + UUID.randomUUID();
        String executionArn = start(paymentMachine, null, paymentInput(orderId, 30));

        JsonNode request = awaitPaymentRequest(orderId);
        assertThat(request.path("amount").asInt()).isEqualTo(110_000);
        assertThat(request.path("executionId").asText()).isEqualTo(executionArn);
        String token = request.path("taskToken").asText();
        assertThat(token).isNotBlank().doesNotContain("sfn-bridge-task-token");
        assertThat(describe(executionArn).status()).isEqualTo(ExecutionStatus.RUNNING);

        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"paymentKey\":\"pk-1\",\"approved\":true}"));

        DescribeExecutionResponse done = awaitEnd(executionArn);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = JSON.readTree(done.output());
        assertThat(output.path("status").asText()).isEqualTo("PAID");
        assertThat(output.path("paymentKey").asText()).isEqualTo("pk-1");
        assertThat(output.path("ticketIds")).hasSize(2);
        assertThat(output.path("ticketIds").get(0).asText()).isEqualTo("T-" + orderId + "-1");
        assertThat(releases).doesNotContainKey(orderId);

        List<HistoryEventType> types = history(executionArn).stream().map(HistoryEvent::type).toList();
        assertThat(types).first().isEqualTo(HistoryEventType.EXECUTION_STARTED);
        assertThat(types).last().isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(types).filteredOn(HistoryEventType.TASK_STATE_ENTERED::equals).hasSize(3);
        assertThat(types).filteredOn(HistoryEventType.PASS_STATE_ENTERED::equals).hasSize(1);
        assertThat(history(executionArn)).filteredOn(e -> e.type() == HistoryEventType.TASK_SCHEDULED)
                .extracting(e -> e.taskScheduledEventDetails().resource())
                .containsExactly("invoke", "invoke.waitForTaskToken", "invoke");
        assertThat(types).filteredOn(HistoryEventType.TASK_SUCCEEDED::equals).hasSize(3);
        List<String> entered = history(executionArn).stream()
                .filter(e -> e.stateEnteredEventDetails() != null)
                .map(e -> e.stateEnteredEventDetails().name())
                .toList();
        assertThat(entered).containsExactly("CreateOrder", "AwaitPayment", "ConfirmOrder", "Paid");

        // a completed task's token is closed
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    // ------------------------------------------------------------------------------------------ (b) timeout

    @Test
    void callbackTimeoutIsCaughtAndCompensated() throws Exception {
        String orderId = "order-" + UUID.randomUUID();
        long started = System.nanoTime();
        String executionArn = start(paymentMachine, null, paymentInput(orderId, 1));
        String token = awaitPaymentRequest(orderId).path("taskToken").asText();

        DescribeExecutionResponse done = awaitEnd(executionArn);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("PaymentExpired");
        assertThat(done.cause()).isEqualTo("No payment result before the hold expired");
        assertThat(releases.get(orderId)).singleElement()
                .satisfies(release -> assertThat(release.path("reason").asText()).isEqualTo("States.Timeout"));
        List<HistoryEventType> types = history(executionArn).stream().map(HistoryEvent::type).toList();
        assertThat(types).contains(HistoryEventType.TASK_TIMED_OUT, HistoryEventType.FAIL_STATE_ENTERED);

        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    // ------------------------------------------------------------------------------------------ (c) failure

    @Test
    void sendTaskFailureIsCaughtByItsErrorName() throws Exception {
        String orderId = "order-" + UUID.randomUUID();
        String executionArn = start(paymentMachine, null, paymentInput(orderId, 30));
        String token = awaitPaymentRequest(orderId).path("taskToken").asText();

        sfn.sendTaskFailure(b -> b.taskToken(token).error("PaymentDeclined").cause("card limit exceeded"));

        DescribeExecutionResponse done = awaitEnd(executionArn);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = JSON.readTree(done.output());
        assertThat(output.path("status").asText()).isEqualTo("DECLINED");
        assertThat(output.path("reason").asText()).isEqualTo("card limit exceeded");
        assertThat(releases.get(orderId)).singleElement()
                .satisfies(release -> assertThat(release.path("reason").asText()).isEqualTo("PaymentDeclined"));
        assertThat(history(executionArn)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(HistoryEventType.TASK_FAILED);
            assertThat(e.taskFailedEventDetails().error()).isEqualTo("PaymentDeclined");
        });
    }

    // ------------------------------------------------------------------------------------------ (d) retry

    @Test
    void businessErrorIsNotRetriedButCaught() throws Exception {
        String orderId = "order-" + UUID.randomUUID();
        String executionArn = start(holdMachine, null, holdInput(orderId, "lost"));

        DescribeExecutionResponse done = awaitEnd(executionArn);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("SeatLost");
        JsonNode cause = JSON.readTree(done.cause());
        assertThat(cause.path("errorType").asText()).isEqualTo("SeatLost");
        assertThat(cause.path("errorMessage").asText()).isEqualTo("seat A-12 was sold to someone else");
        assertThat(holdAttempts.get(orderId)).hasValue(1);
    }

    @Test
    void transientErrorIsRetriedWithBackoff() throws Exception {
        String orderId = "order-" + UUID.randomUUID();
        String executionArn = start(holdMachine, null, holdInput(orderId, "busy-twice"));

        DescribeExecutionResponse done = awaitEnd(executionArn);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(done.output()).path("hold").path("attempt").asInt()).isEqualTo(3);
        assertThat(holdAttempts.get(orderId)).hasValue(3);
        List<HistoryEvent> events = history(executionArn);
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_SCHEDULED).hasSize(3);
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_FAILED)
                .extracting(e -> e.taskFailedEventDetails().error())
                .containsExactly("SeatStoreBusy", "SeatStoreBusy");
    }

    @Test
    void transientErrorFailsAfterMaxAttempts() {
        String orderId = "order-" + UUID.randomUUID();
        String executionArn = start(holdMachine, null, holdInput(orderId, "busy-always"));

        DescribeExecutionResponse done = awaitEnd(executionArn);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("SeatStoreBusy");
        assertThat(holdAttempts.get(orderId)).hasValue(4); // the first attempt and 3 retries
    }

    // ------------------------------------------------------------------------------------------ (e) names

    @Test
    void executionNamesAreUniquePerStateMachine() {
        String orderId = "order-" + UUID.randomUUID();
        String name = "pay-" + orderId;
        String input = paymentInput(orderId, 60);
        StartExecutionResponse first = sfn.startExecution(b -> b.stateMachineArn(paymentMachine).name(name).input(input));
        assertThat(first.executionArn())
                .isEqualTo("arn:aws:states:ap-northeast-2:000000000000:execution:payment:" + name);

        // same name and input while running: idempotent, like AWS for Standard workflows
        StartExecutionResponse again = sfn.startExecution(b -> b.stateMachineArn(paymentMachine).name(name).input(input));
        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(again.startDate()).isEqualTo(first.startDate());

        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(paymentMachine).name(name)
                .input(paymentInput(orderId, 61))))
                .isInstanceOf(ExecutionAlreadyExistsException.class);

        sfn.stopExecution(b -> b.executionArn(first.executionArn()));
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(paymentMachine).name(name).input(input)))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    // ------------------------------------------------------------------------------------------ (f) stop

    @Test
    void stopExecutionAbortsAndClosesThePendingTask() throws Exception {
        String orderId = "order-" + UUID.randomUUID();
        String executionArn = start(paymentMachine, null, paymentInput(orderId, 60));
        String token = awaitPaymentRequest(orderId).path("taskToken").asText();

        sfn.stopExecution(b -> b.executionArn(executionArn).error("UserCancelled").cause("left the page"));

        DescribeExecutionResponse stopped = describe(executionArn);
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.stopDate()).isNotNull();
        assertThat(stopped.error()).isEqualTo("UserCancelled");
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
        Thread.sleep(200);
        assertThat(releases).doesNotContainKey(orderId); // no Catch runs after a stop
        assertThat(describe(executionArn).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(history(executionArn)).last().extracting(HistoryEvent::type)
                .isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    }

    // ------------------------------------------------------------------------------------------ (g) tokens

    @Test
    void unknownTokensAreRejected() {
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken("not-a-task-token").output("{}")))
                .isInstanceOfAny(InvalidTokenException.class, TaskDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken("not-a-task-token").error("X")))
                .isInstanceOfAny(InvalidTokenException.class, TaskDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken("SFNB1" + "A".repeat(64))))
                .isInstanceOfAny(InvalidTokenException.class, TaskDoesNotExistException.class);
    }

    // ------------------------------------------------------------------------------------------ more ASL

    @Test
    void waitParallelMapAndPlainLambdaArn() throws Exception {
        long started = System.nanoTime();
        String executionArn = start(flowMachine, null,
                "{\"pauseSeconds\": 20, \"seats\": [\"A-1\", \"A-2\", \"A-3\"]}");

        DescribeExecutionResponse done = awaitEnd(executionArn);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(done.status()).as(done.error() + ": " + done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // 30 s + 20 s of Wait at scale 0.01
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(480));
        JsonNode output = JSON.readTree(done.output());
        assertThat(output.path("sides").get(0).path("side").asText()).isEqualTo("left");
        assertThat(output.path("sides").get(0).path("echoed").asBoolean()).isTrue();
        assertThat(output.path("sides").get(1).path("side").asText()).isEqualTo("right");
        assertThat(output.path("labels")).hasSize(3);
        assertThat(output.path("labels").get(2).path("seat").asText()).isEqualTo("A-3");
        assertThat(output.path("labels").get(2).path("index").asInt()).isEqualTo(2);

        List<HistoryEventType> types = history(executionArn).stream().map(HistoryEvent::type).toList();
        assertThat(types).filteredOn(HistoryEventType.WAIT_STATE_ENTERED::equals).hasSize(2);
        assertThat(types).filteredOn(HistoryEventType.WAIT_STATE_EXITED::equals).hasSize(2);
        assertThat(types).contains(HistoryEventType.PARALLEL_STATE_ENTERED, HistoryEventType.MAP_STATE_ENTERED,
                HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED);
        assertThat(types).filteredOn(HistoryEventType.MAP_ITERATION_STARTED::equals).hasSize(3);
    }

    @Test
    void unsupportedResourceFailsTheExecutionClearly() {
        String arn = sfn.createStateMachine(b -> b.name("unsupported").roleArn(ROLE).definition("""
                {"StartAt": "Put", "States": {"Put": {"Type": "Task",
                  "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Parameters": {"TableName": "t", "Item": {}}, "End": true}}}""")).stateMachineArn();

        DescribeExecutionResponse done = awaitEnd(start(arn, null, "{}"));
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Runtime");
        assertThat(done.cause()).contains("arn:aws:states:::dynamodb:putItem").contains("Put");
    }

    @Test
    void stateMachineApi() {
        String definition = resource("hold-retry.asl.json");
        // creating the same machine again returns the same ARN; a different definition under that name is refused
        assertThat(sfn.createStateMachine(b -> b.name("hold-retry").roleArn(ROLE).definition(definition))
                .stateMachineArn()).isEqualTo(holdMachine);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("hold-retry").roleArn(ROLE)
                .definition(resource("flow.asl.json"))))
                .isInstanceOf(StateMachineAlreadyExistsException.class);
        assertThat(holdMachine).isEqualTo("arn:aws:states:ap-northeast-2:000000000000:stateMachine:hold-retry");
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(holdMachine)).definition()).isEqualTo(definition);
        assertThat(sfn.listStateMachines().stateMachines()).extracting(m -> m.name())
                .contains("payment", "hold-retry", "flow");

        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("broken").roleArn(ROLE).definition("{not json")))
                .isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("broken").roleArn(ROLE)
                .definition("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Nowhere\"}}}")))
                .isInstanceOf(InvalidDefinitionException.class);
        String missing = "arn:aws:states:ap-northeast-2:000000000000:stateMachine:missing";
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(missing)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(
                "arn:aws:states:ap-northeast-2:000000000000:execution:payment:missing")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    // ------------------------------------------------------------------------------------------ dispatcher

    @Test
    void lambdaDispatcherSpeaksTheInvokeApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String arn = urlEncoded("arn:aws:lambda:ap-northeast-2:000000000000:function:holdSeat");
        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(
                        lambdas.endpoint().resolve("/2015-03-31/functions/" + arn + "/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"direct-" + UUID.randomUUID()
                        + "\",\"scenario\":\"lost\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
        assertThat(JSON.readTree(failed.body()).path("errorType").asText()).isEqualTo("SeatLost");

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
                        lambdas.endpoint().resolve("/2015-03-31/functions/nope/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("X-Amzn-ErrorType")).hasValue("ResourceNotFoundException");

        HttpResponse<String> async = http.send(HttpRequest.newBuilder(
                        lambdas.endpoint().resolve("/2015-03-31/functions/echo/invocations"))
                .header("X-Amz-Invocation-Type", "Event")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(async.statusCode()).isEqualTo(202);
        assertThat(LambdaDispatcher.errorType(new SeatStoreBusy("x"))).isEqualTo("SeatStoreBusy");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static String urlEncoded(String arn) {
        return java.net.URLEncoder.encode(arn, StandardCharsets.UTF_8);
    }

    private static String createMachine(String name, String resource) {
        return sfn.createStateMachine(b -> b.name(name).roleArn(ROLE).definition(resource(resource)))
                .stateMachineArn();
    }

    private static String resource(String name) {
        try (InputStream in = SfnBridgeTest.class.getResourceAsStream("/asl/" + name)) {
            assertThat(in).as("test resource asl/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String paymentInput(String orderId, int paymentTimeoutSeconds) {
        ObjectNode input = JSON.createObjectNode()
                .put("orderId", orderId)
                .put("paymentTimeoutSeconds", paymentTimeoutSeconds);
        input.putArray("seats").add("A-1").add("A-2");
        return input.toString();
    }

    private static String holdInput(String orderId, String scenario) {
        return JSON.createObjectNode().put("orderId", orderId).put("scenario", scenario).toString();
    }

    private static String start(String machineArn, String name, String input) {
        return sfn.startExecution(b -> b.stateMachineArn(machineArn).name(name).input(input)).executionArn();
    }

    private static JsonNode awaitPaymentRequest(String orderId) throws Exception {
        return paymentRequests.computeIfAbsent(orderId, id -> new CompletableFuture<>()).get(10, TimeUnit.SECONDS);
    }

    private static DescribeExecutionResponse describe(String executionArn) {
        return sfn.describeExecution(b -> b.executionArn(executionArn));
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            DescribeExecutionResponse response = describe(executionArn);
            if (response.status() != ExecutionStatus.RUNNING) {
                return response;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still running after 15 s: " + executionArn);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<HistoryEvent> history(String executionArn) {
        List<HistoryEvent> events = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn).maxResults(7))
                .forEach(page -> events.addAll(page.events()));
        return events;
    }
}
