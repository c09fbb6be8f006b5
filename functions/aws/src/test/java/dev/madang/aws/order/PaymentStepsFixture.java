package dev.madang.aws.order;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.support.Interception;
import dev.madang.aws.support.MovableClock;
import dev.madang.aws.toss.TossPayments;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.RecentlyTakenSeats;
import dev.madang.domain.booking.SeatClaims;
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
import dev.madang.domain.order.ClosingOrders;
import dev.madang.domain.order.CloseReason;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.OrderLifecycle;
import dev.madang.domain.order.Refunds;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.Orders;
import dev.madang.domain.order.PayingOrders;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.ConfirmingBookings;
import dev.madang.domain.order.PaymentWorkflows;
import dev.madang.domain.order.PlacingOrders;
import dev.madang.domain.order.ReceivingPaymentEvents;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.domain.payment.RefundAccount;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.PaymentInvariants;
import dev.madang.localstack.TossSandbox.PayMethod;
import dev.madang.localstack.TossSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment steps and use cases wired on their real adapters: DynamoDB (dynalite), the Toss sandbox behind the real
 * HTTP adapter, SQS for notifications, and a movable clock for holds and deadlines. The workflow engine is replaced by
 * a recording {@link PaymentWorkflows} (our own port): each test plays the state machine's part by calling the steps
 * in its order, which lets it put a clock move, a sweep or a competing fan between two steps. The orders store and the
 * gateway are reached through {@link Interception}s, so a test can also act between a call and its effect, or make a
 * call fail. After each test the {@link PaymentInvariants} of every round it made must hold.
 */
abstract class PaymentStepsFixture {

    static final String TOSS_SECRET = "test_sk_" + UUID.randomUUID().toString().replace("-", "");
    static final Duration HOLD_FOR = Duration.ofMinutes(8);
    static final long PRICE = 99_000;

    static LocalAws aws;
    static TossSandbox toss;
    static DynamoCatalog catalog;
    static DynamoBooking booking;
    static DynamoOrders orders;
    static String seatsTable;

    static final MovableClock CLOCK = new MovableClock();

    RecordingWorkflows workflows;
    RecordingSeatClaims seatClaims;
    HoldingSeats holding;
    PlacingOrders placing;
    PayingOrders paying;
    ConfirmingBookings tasks;
    ReceivingPaymentEvents events;
    ExpiringUnpaidOrders expiring;
    /** The orders store, the PG and the seats as the use cases and steps reach them: a test may hook or fail their calls. */
    Interception<Orders> orderCalls;
    Interception<PaymentGateway> pgCalls;
    Interception<SeatClaims> seatCalls;
    /** The rounds this test made: their invariants are checked after it. */
    static final List<Round> ROUNDS_MADE = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        toss = TossSandbox.start(TOSS_SECRET);
        seatsTable = aws.tableName("SeatsTable");
        catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"), seatsTable);
        booking = new DynamoBooking(aws.dynamo(), seatsTable);
        orders = new DynamoOrders(aws.dynamo(), aws.tableName("OrdersTable"));
    }

    @AfterAll
    static void stop() {
        if (toss != null) {
            toss.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @BeforeEach
    void wire() {
        CLOCK.reset();
        ROUNDS_MADE.clear();
        toss.webhookUrl(null); // webhooks are delivered by each test itself, when it wants them
        workflows = new RecordingWorkflows();
        seatClaims = new RecordingSeatClaims(booking.seatClaims());
        seatCalls = Interception.of(SeatClaims.class, seatClaims);
        SeatClaims claims = seatCalls.proxy();
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), catalog.performances(), CLOCK,
                Duration.ofSeconds(10),
                Runnable::run);
        // short timeouts: nothing here waits on a stalled PG, and a hung request should fail the test quickly
        pgCalls = Interception.of(PaymentGateway.class, new TossPayments(toss.baseUrl(), TOSS_SECRET,
                new TossPayments.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(50))));
        PaymentGateway gateway = pgCalls.proxy();
        orderCalls = Interception.of(Orders.class, orders);
        Orders orders = orderCalls.proxy();
        holding = new HoldingSeats(cached, RecentlyTakenSeats.none(CLOCK), claims, booking.holdLedgers(),
                booking.idempotencyKeys(), new Ids(Clock.systemUTC()), CLOCK, HOLD_FOR);
        placing = new PlacingOrders(holding, orders, catalog.rounds(), workflows, CLOCK);
        paying = new PayingOrders(orders, gateway, workflows);
        Refunds refunds = new Refunds(gateway, new OrderLifecycle(orders));
        SqsBookingNotifications told = new SqsBookingNotifications(aws.sqs(), aws.queueUrl("NotificationQueue"));
        ClosingOrders closing = new ClosingOrders(orders, refunds, claims, booking.holdLedgers(), cached,
                dev.madang.domain.order.SeatHandovers.NONE, told);
        tasks = new ConfirmingBookings(orders, gateway, claims, booking.holdLedgers(), cached, catalog.performances(),
                workflows, told, closing, CLOCK);
        events = new ReceivingPaymentEvents(orders, gateway, workflows, refunds);
        expiring = new ExpiringUnpaidOrders(orders, closing, CLOCK);
    }

    /** The notification queue's messages about {@code orderId} (read and left there: visibility 0). */
    static java.util.List<com.fasterxml.jackson.databind.JsonNode> toldAbout(String orderId) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> byId = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            for (var m : aws.sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl("NotificationQueue"))
                    .maxNumberOfMessages(10).visibilityTimeout(0)).messages()) {
                if (m.body().contains(orderId)) {
                    byId.put(m.messageId(), json.readTree(m.body()));
                }
            }
        }
        return java.util.List.copyOf(byId.values());
    }

    /** Whatever a test did, it must leave seats, orders, tickets and money agreeing in every round it made. */
    @AfterEach
    void invariantsHold() {
        orderCalls.clear();
        pgCalls.clear();
        seatCalls.clear();
        PaymentInvariants invariants = PaymentInvariants.of(aws, toss);
        for (Round round : ROUNDS_MADE) {
            invariants.check(round.id(), CLOCK.instant()).assertHolds();
        }
    }

    /**
     * Plays the state machine from Confirm Payment to its end as statemachines/payment.asl.json does, one try per
     * step (a test makes its own retries), and answers where it ended.
     */
    String workflowFromConfirm(String orderId) {
        String reason;
        try {
            if (tasks.confirm(orderId).outcome().equals(ConfirmingBookings.Confirmation.AWAITING_DEPOSIT)) {
                return "Await Deposit";
            }
            return workflowFromIssue(orderId);
        } catch (PaymentRefused refused) {
            reason = "PAYMENT_REFUSED";
        } catch (RuntimeException fault) {
            reason = "PAYMENT_UNCERTAIN";
        }
        close(orderId, reason);
        return "Order Closed " + reason;
    }

    /** The state machine from Issue Tickets to its end. */
    String workflowFromIssue(String orderId) {
        String reason;
        try {
            if (tasks.issueTickets(orderId).equals(ConfirmingBookings.ISSUED)) {
                tasks.notifyBooking(orderId);
                return "Booked";
            }
            reason = ConfirmingBookings.SEATS_LOST;
        } catch (RuntimeException any) { // the ASL catches States.ALL here
            reason = "PAYMENT_UNCERTAIN";
        }
        close(orderId, reason);
        return "Order Closed " + reason;
    }

    /** The Close Order step with the reason a Mark state names. */
    OrderStatus close(String orderId, String reason) {
        return tasks.close(orderId, CloseReason.valueOf(reason));
    }

    /** Matches the orders store's call that makes an order PAID. */
    static boolean writesPaid(Interception.Call call) {
        return call.method().equals("markPaid");
    }


    /** A virtual-account order confirmed at the PG, AWAITING_DEPOSIT, its seats kept until the deposit deadline. */
    Order awaitingDeposit(String fan, Round round) {
        Order order = place(fan, hold(fan, round, "A-1-1", "A-1-2"), PaymentMethod.VIRTUAL_ACCOUNT);
        String paymentKey = toss.authorize(order.id(), order.amount(), PayMethod.VIRTUAL_ACCOUNT, order.orderName(),
                "김마당", Duration.ofHours(1));
        submit(fan, order, paymentKey);
        ConfirmingBookings.Confirmation c = tasks.confirm(order.id());
        assertThat(c.outcome()).isEqualTo(ConfirmingBookings.Confirmation.AWAITING_DEPOSIT);
        Order waiting = orders.byId(order.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(OrderStatus.AWAITING_DEPOSIT);
        assertThat(waiting.payBy()).isAfter(CLOCK.instant().plus(Duration.ofMinutes(50)));
        assertThat(holdersOf(round)).containsEntry("A-1-1", order.holdId()).containsEntry("A-1-2", order.holdId());
        return waiting;
    }

    SeatHold hold(String fan, Round round, String... seats) {
        return holding.hold(new HoldingSeats.HoldRequest(fan, true, round.id(), List.of(seats), null));
    }

    /** Where a virtual account's deposit goes back (asked for when ordering, as Korean PGs require). */
    static final RefundAccount REFUND_TO = new RefundAccount("088", "110123456789", "김마당");

    Order place(String fan, SeatHold hold, PaymentMethod method) {
        Order order = placing.place(new PlacingOrders.PlaceOrder(fan, true, hold.holdId(), method,
                method == PaymentMethod.VIRTUAL_ACCOUNT ? REFUND_TO : null));
        assertThat(order.amount()).isEqualTo(PRICE * hold.seats().size());
        return order;
    }

    Order submit(String fan, Order order, String paymentKey) {
        return paying.submitPayment(new PayingOrders.Submission(fan, order.id(), paymentKey, order.amount()));
    }

    /** A round on sale since yesterday (so a clock moved back still finds it open): one row of seats at R. */
    static Round roundOnSale(int seats) {
        Ids ids = new Ids(Clock.systemUTC());
        List<Seat> row = new ArrayList<>();
        for (int n = 1; n <= seats; n++) {
            row.add(new Seat(Seat.idOf("A", "1", n), "A", "1", n, n * 10, 0));
        }
        String venue = new ManagingVenues(catalog.venues(), ids).register("Pay Hall", null,
                List.of(new Section("A", "A", row))).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails("결제",
                Genre.CONCERT, List.of(), 90, 0, null, null)).id();
        Round round = new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids,
                Clock.systemUTC()).schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(10)),
                        Instant.now().minus(Duration.ofDays(1)), 4, List.of(new GradePrice("R", PRICE))),
                Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "R")));
        ROUNDS_MADE.add(round);
        return round;
    }

    /** seat id → holdId of every seat of the round whose record carries a hold. */
    static Map<String, String> holdersOf(Round round) {
        return seatAttribute(round, "holdId");
    }

    /** seat id → ticketId of every seat of the round whose record carries a ticket. */
    static Map<String, String> ticketsOn(Round round) {
        return seatAttribute(round, "ticketId");
    }

    static Map<String, String> seatAttribute(Round round, String attribute) {
        Map<String, String> found = new HashMap<>();
        String prefix = "SEAT#" + round.id() + "#";
        // a test may scan: the round's seat records are the items under its SEAT# partitions
        for (Map<String, AttributeValue> item : aws.dynamo().scanPaginator(ScanRequest.builder().tableName(seatsTable)
                .consistentRead(true).build()).items()) {
            if (item.get("pk").s().startsWith(prefix) && item.containsKey(attribute)) {
                found.put(item.get("sk").s(), item.get(attribute).s());
            }
        }
        return found;
    }

    /** The stored order item as it is (updatedAt included): equal maps mean no write touched the order. */
    static Map<String, AttributeValue> orderItem(String orderId) {
        Map<String, AttributeValue> item = new HashMap<>(aws.dynamo().getItem(r -> r.tableName(
                aws.tableName("OrdersTable")).key(Map.of("pk", AttributeValue.fromS("ORDER#" + orderId),
                "sk", AttributeValue.fromS("META"))).consistentRead(true)).item());
        return item;
    }

    static <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The workflow port, recording what the use cases ask of it (the engine itself is tested elsewhere). */
    static final class RecordingWorkflows implements PaymentWorkflows {
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        final List<String> succeeded = Collections.synchronizedList(new ArrayList<>());
        final List<String> failed = Collections.synchronizedList(new ArrayList<>());
        /** The booking each order's execution would carry (what Issue Tickets is handed). */
        final Map<String, Booking> bookings = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void start(String orderId, long paymentWaitSeconds) {
            started.add(orderId + " " + paymentWaitSeconds);
        }

        @Override
        public void start(String orderId, long paymentWaitSeconds, Booking booking) {
            start(orderId, paymentWaitSeconds);
            bookings.put(orderId, booking);
        }

        @Override
        public boolean succeed(String taskToken, String outputJson) {
            succeeded.add(taskToken + " " + outputJson);
            return true;
        }

        @Override
        public boolean fail(String taskToken, String error, String cause) {
            failed.add(taskToken + " " + error);
            return true;
        }
    }

    /** The real seat claims, with a record of ticket writes and revocations (which leave no trace once undone). */
    static final class RecordingSeatClaims implements SeatClaims {
        final SeatClaims real;
        final List<String> issued = Collections.synchronizedList(new ArrayList<>());
        final List<String> revoked = Collections.synchronizedList(new ArrayList<>());

        RecordingSeatClaims(SeatClaims real) {
            this.real = real;
        }

        @Override
        public boolean claim(String roundId, Seat seat, String holdId, String userId, Instant now, Instant expiresAt) {
            return real.claim(roundId, seat, holdId, userId, now, expiresAt);
        }

        @Override
        public void release(String roundId, Seat seat, String holdId) {
            real.release(roundId, seat, holdId);
        }

        @Override
        public boolean extend(String roundId, Seat seat, String holdId, Instant now, Instant newExpiresAt) {
            return real.extend(roundId, seat, holdId, now, newExpiresAt);
        }

        /** Runs once, after the first ticket write: a test's way to put an event between two seat writes. */
        volatile Runnable afterFirstIssue;

        @Override
        public boolean issueTicket(String roundId, Seat seat, String holdId, String ticketId, String ownerId,
                                   Instant now) {
            boolean ok = real.issueTicket(roundId, seat, holdId, ticketId, ownerId, now);
            issued.add(seat.id() + "=" + ok);
            Runnable hook = afterFirstIssue;
            afterFirstIssue = null;
            if (hook != null) {
                hook.run();
            }
            return ok;
        }

        @Override
        public void returnToSale(String roundId, Seat seat, String holdId) {
            real.returnToSale(roundId, seat, holdId);
        }

        @Override
        public void revokeTicket(String roundId, Seat seat, String ticketId) {
            real.revokeTicket(roundId, seat, ticketId);
            revoked.add(seat.id());
        }
    }
}
