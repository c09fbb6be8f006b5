package dev.madang.benchmarks;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.order.PaymentWorkflowTasks;
import dev.madang.aws.order.StepFunctionsPaymentWorkflows;
import dev.madang.aws.toss.TossPayments;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.RecentlyTakenSeats;
import dev.madang.domain.booking.SeatHold;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.Ids;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.PayingOrders;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.PlacingOrders;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.TossSandbox;
import dev.madang.aws.order.PaymentTaskWiring;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * What ONE card booking costs, counted on the real pieces: the local stack provisioned from template.yaml, the real
 * payment state machine (statemachines/payment.asl.json) on the Step Functions stand-in, its steps
 * ({@link PaymentWorkflowTasks}, wired by {@link PaymentTaskWiring}) on the local Lambda endpoint, the Toss sandbox behind the real {@link TossPayments}
 * adapter, and the use cases the API calls: hold 2 seats → place the order → submit the payment key → wait for PAID.
 * Every DynamoDB, Step Functions and SQS request our code sends goes through a {@link RequestCounter}; state
 * transitions are the StateEntered events of the execution's history (what a Standard workflow is billed for).
 * Prints one key=value per line. Counted, not estimated; timing plays no part in any figure.
 *
 * <p>Assumptions: the API's catalog cache is warm (as in {@link HoldBenchmark}: the round, its layout and its
 * performance), the workflow's task functions' caches cold; the waits for the workflow are done on an uncounted
 * client, so the HTTP API's own "wait for the outcome" polls (one GetItem per 150 ms while the order is CONFIRMING or
 * APPROVED, see OrdersResource.pay) are not included; the fan is identity-verified.
 */
public final class PaymentCost {

    static final int SEATS = 2;
    static final long PRICE = 150_000;

    public static void main(String[] args) throws Exception {
        run().forEach((k, v) -> System.out.println(k + "=" + v));
    }

    /** Runs the booking once on a fresh local stack and answers the figures, in print order. */
    static Map<String, Object> run() throws Exception {
        String tossSecret = "test_sk_" + UUID.randomUUID().toString().replace("-", ""); // made per run, never printed
        try (LocalAws aws = LocalAws.start().provision(LocalAws.templatePath());
             TossSandbox toss = TossSandbox.start(tossSecret)) {
            String catalogTable = aws.tableName("CatalogTable");
            String seatsTable = aws.tableName("SeatsTable");
            String ordersTable = aws.tableName("OrdersTable");
            Round round = scheduleRound(new DynamoCatalog(aws.dynamo(), catalogTable, seatsTable));

            // one counter per side, so the figures split into what the API's requests cost and what the workflow's
            // steps cost; and one each for the Step Functions and SQS calls our code makes
            RequestCounter apiDynamo = new RequestCounter();
            RequestCounter stepsDynamo = new RequestCounter();
            RequestCounter sfnCalls = new RequestCounter();
            RequestCounter sqsCalls = new RequestCounter();
            DynamoDbClient apiClient = dynamo(aws, apiDynamo);
            DynamoDbClient stepsClient = dynamo(aws, stepsDynamo);
            SfnClient sfn = SfnClient.builder().region(Region.of(LocalAws.REGION)).endpointOverride(aws.sfnEndpoint())
                    .credentialsProvider(LocalAws.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(counted(sfnCalls)).build();
            SqsClient sqs = SqsClient.builder().region(Region.of(LocalAws.REGION)).endpointOverride(aws.sqsEndpoint())
                    .credentialsProvider(LocalAws.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(counted(sqsCalls)).build();

            // the workflow's steps, as the state machine invokes them, each invocation counted
            String queueUrl = aws.queueUrl("NotificationQueue");
            TossPayments gateway = new TossPayments(toss.baseUrl(), tossSecret);
            PaymentWorkflowTasks tasks = PaymentTaskWiring.tasks(stepsClient, sfn, sqs, gateway,
                    new PaymentTaskWiring.Tables(catalogTable, seatsTable, ordersTable), queueUrl, Clock.systemUTC());
            Map<String, LongAdder> invocations = new ConcurrentHashMap<>();
            tasks.functions().forEach((name, fn) -> aws.lambdas().register(name, event -> {
                invocations.computeIfAbsent(name, k -> new LongAdder()).increment();
                return fn.apply(event);
            }));

            // the API side: the use cases on the counted client, the workflow started on the real state machine
            DynamoCatalog catalog = new DynamoCatalog(apiClient, catalogTable, seatsTable);
            DynamoBooking booking = new DynamoBooking(apiClient, seatsTable);
            DynamoOrders orders = new DynamoOrders(apiClient, ordersTable);
            StepFunctionsPaymentWorkflows workflows = new StepFunctionsPaymentWorkflows(sfn,
                    aws.stateMachineArn("PaymentStateMachine"));
            CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), catalog.performances(),
                    Clock.systemUTC(),
                    Duration.ofSeconds(10), Runnable::run);
            HoldingSeats holding = new HoldingSeats(cached, RecentlyTakenSeats.none(Clock.systemUTC()),
                    booking.seatClaims(), booking.holdLedgers(), booking.idempotencyKeys(), new Ids(Clock.systemUTC()),
                    Clock.systemUTC(),
                    Duration.ofMinutes(8));
            PlacingOrders placing = new PlacingOrders(holding, orders, catalog.rounds(), workflows,
                    Clock.systemUTC());
            PayingOrders paying = new PayingOrders(orders, gateway, workflows);
            // a warm API instance: the round, its layout and its performance are cached (as the hold path caches them)
            cached.layout(cached.round(round.id()));
            cached.performance(round.performanceId());

            // uncounted: what the benchmark itself reads while it waits
            DynamoOrders watch = new DynamoOrders(aws.dynamo(), ordersTable);
            String fan = "cost-fan";
            List<RequestCounter> all = List.of(apiDynamo, stepsDynamo, sfnCalls, sqsCalls);
            all.forEach(RequestCounter::start);
            List<Map<String, Long>> marks = new ArrayList<>();
            marks.add(snapshot(apiDynamo, stepsDynamo));

            SeatHold hold = holding.hold(new HoldingSeats.HoldRequest(fan, true, round.id(),
                    List.of(Seat.idOf("F", "1", 5), Seat.idOf("F", "1", 6)), null));
            marks.add(snapshot(apiDynamo, stepsDynamo));

            Order order = placing.place(new PlacingOrders.PlaceOrder(fan, true, hold.holdId(), PaymentMethod.CARD));
            // the phase ends when the workflow waits for the payment (its Await Payment step stored the token)
            waitFor("the workflow to wait for the payment", () -> watch.taskToken(order.id(),
                    PayingOrders.PAYMENT_STAGE).isPresent());
            marks.add(snapshot(apiDynamo, stepsDynamo));

            // the fan pays in Toss's window (no request of ours), then the API submits the key
            String paymentKey = toss.authorize(order.id(), order.amount(), TossSandbox.PayMethod.CARD);
            paying.submitPayment(new PayingOrders.Submission(fan, order.id(), paymentKey, order.amount()));
            String executionArn = executionArn(aws.stateMachineArn("PaymentStateMachine"), order.id());
            waitFor("the order to be PAID and its workflow to end", () -> watch.byId(order.id())
                    .map(o -> o.status() == OrderStatus.PAID).orElse(false)
                    && aws.sfn().describeExecution(r -> r.executionArn(executionArn)).status()
                    != ExecutionStatus.RUNNING);
            marks.add(snapshot(apiDynamo, stepsDynamo));
            all.forEach(RequestCounter::stop);

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("scenario", "one card booking of " + SEATS + " seats: hold -> order -> pay -> PAID; local stack "
                    + "from template.yaml, real payment ASL, Toss sandbox via TossPayments, warm catalog cache");
            Order done = watch.byId(order.id()).orElseThrow();
            out.put("order_status", done.status());
            out.put("execution_status", aws.sfn().describeExecution(r -> r.executionArn(executionArn)).status());
            out.put("tickets", watch.ticketsOf(order.id()).size());

            Map<String, Long> total = diff(marks.get(marks.size() - 1), marks.get(0));
            putDynamo(out, "ddb", total);
            putDynamo(out, "ddb_api", only(total, "api:"));
            putDynamo(out, "ddb_workflow", only(total, "steps:"));
            String[] phases = {"hold", "order", "pay_workflow"};
            for (int p = 0; p < phases.length; p++) {
                putDynamo(out, "ddb_" + phases[p], diff(marks.get(p + 1), marks.get(p)));
            }

            List<String> entered = statesEntered(aws.sfn(), executionArn);
            out.put("sfn_state_transitions", entered.size());
            out.put("sfn_states_entered", String.join(" > ", entered));
            out.put("sfn_requests", sum(sfnCalls.byOperation()));
            sfnCalls.byOperation().forEach((op, n) -> out.put("sfn_" + op, n));

            out.put("lambda_invocations", invocations.values().stream().mapToLong(LongAdder::sum).sum());
            new TreeMap<>(invocations).forEach((fn, n) -> out.put("lambda_" + fn, n.sum()));

            long pg = 0;
            for (TossSandbox.Endpoint e : TossSandbox.Endpoint.values()) {
                pg += toss.requestCount(e);
            }
            out.put("pg_requests", pg);
            for (TossSandbox.Endpoint e : TossSandbox.Endpoint.values()) {
                out.put("pg_" + e.name().toLowerCase() + "_requests", toss.requestCount(e));
            }

            out.put("sqs_requests", sum(sqsCalls.byOperation()));
            out.put("sqs_messages", drain(aws.sqs(), queueUrl, order.id()));
            return out;
        }
    }

    private static DynamoDbClient dynamo(LocalAws aws, RequestCounter counter) {
        return DynamoDbClient.builder().region(Region.of(LocalAws.REGION)).endpointOverride(aws.dynamoEndpoint())
                .credentialsProvider(LocalAws.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(counted(counter)).build();
    }

    private static ClientOverrideConfiguration counted(RequestCounter counter) {
        return ClientOverrideConfiguration.builder().addExecutionInterceptor(counter).build();
    }

    /** Both DynamoDB counters' per-operation counts so far, keyed {@code api:Op} and {@code steps:Op}. */
    private static Map<String, Long> snapshot(RequestCounter api, RequestCounter steps) {
        Map<String, Long> s = new TreeMap<>();
        api.byOperation().forEach((op, n) -> s.put("api:" + op, n));
        steps.byOperation().forEach((op, n) -> s.put("steps:" + op, n));
        return s;
    }

    private static Map<String, Long> diff(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((k, n) -> {
            long delta = n - before.getOrDefault(k, 0L);
            if (delta != 0) {
                d.put(k, delta);
            }
        });
        return d;
    }

    private static Map<String, Long> only(Map<String, Long> counts, String side) {
        Map<String, Long> d = new TreeMap<>();
        counts.forEach((k, n) -> {
            if (k.startsWith(side)) {
                d.put(k, n);
            }
        });
        return d;
    }

    /** {@code <prefix>_requests}, {@code _reads}, {@code _writes}, then {@code <prefix>_<Operation>} for each. */
    private static void putDynamo(Map<String, Object> out, String prefix, Map<String, Long> counts) {
        Map<String, Long> byOp = new TreeMap<>();
        counts.forEach((k, n) -> byOp.merge(k.substring(k.indexOf(':') + 1), n, Long::sum));
        long reads = byOp.entrySet().stream().filter(e -> RequestCounter.READS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long writes = byOp.entrySet().stream().filter(e -> RequestCounter.WRITES.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        out.put(prefix + "_requests" + ("ddb".equals(prefix) ? "_total" : ""), sum(byOp));
        out.put(prefix + "_reads", reads);
        out.put(prefix + "_writes", writes);
        byOp.forEach((op, n) -> out.put(prefix + "_" + op, n));
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The names of the states the execution entered, in order (one billed transition each). */
    static List<String> statesEntered(SfnClient sfn, String executionArn) {
        List<String> entered = new ArrayList<>();
        for (HistoryEvent e : sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events()) {
            if (e.typeAsString().endsWith("StateEntered")) {
                entered.add(e.stateEnteredEventDetails() == null ? e.typeAsString()
                        : e.stateEnteredEventDetails().name());
            }
        }
        return entered;
    }

    private static String executionArn(String stateMachineArn, String name) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    /** The notification messages for the order (and removes every message it reads, so a rerun starts clean). */
    private static int drain(SqsClient sqs, String queueUrl, String orderId) {
        int mine = 0;
        for (int empty = 0; empty < 2; ) {
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (got.isEmpty()) {
                empty++;
                continue;
            }
            for (Message m : got) {
                if (m.body().contains("\"orderId\":\"" + orderId + "\"")) {
                    mine++;
                }
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        return mine;
    }

    private static void waitFor(String what, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A small demo-like round on sale now: one section of 2 rows × 10 seats at 150,000 won. */
    private static Round scheduleRound(DynamoCatalog catalog) {
        Ids ids = new Ids(Clock.systemUTC());
        List<Seat> seats = new ArrayList<>();
        for (int r = 1; r <= 2; r++) {
            for (int n = 1; n <= 10; n++) {
                seats.add(new Seat(Seat.idOf("F", String.valueOf(r), n), "F", String.valueOf(r), n, n * 10, r * 10));
            }
        }
        String venue = new ManagingVenues(catalog.venues(), ids).register("마당 소극장", null,
                List.of(new Section("F", "Floor", seats))).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails(
                "레미제라블", Genre.MUSICAL, List.of(), 160, 8, null, null)).id();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, Clock.systemUTC())
                .schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(7)),
                                Instant.now().minusSeconds(1), 4, List.of(new GradePrice("VIP", PRICE))),
                        Map.of("F", new SectionPlan(BookingMode.SEAT_SELECTION, "VIP")));
    }
}
