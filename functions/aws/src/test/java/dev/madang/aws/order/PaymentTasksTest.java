package dev.madang.aws.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
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
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.PayingOrders;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.PaymentTasks;
import dev.madang.domain.order.PaymentWorkflows;
import dev.madang.domain.order.PlacingOrders;
import dev.madang.domain.order.ReceivingPaymentEvents;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.payment.RefundAccount;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.TossSandbox;
import dev.madang.localstack.TossSandbox.Endpoint;
import dev.madang.localstack.TossSandbox.PayMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The payment workflow's steps and the payment use cases on their real adapters: DynamoDB (dynalite), the Toss sandbox
 * behind the real HTTP adapter, SQS for notifications, and a movable clock for holds and deadlines. The workflow
 * engine is replaced by a recording {@link PaymentWorkflows} (our own port): each test plays the state machine's part
 * by calling the steps in its order, which lets it put a clock move or a competing fan between two steps.
 */
class PaymentTasksTest {

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
    PaymentTasks tasks;
    ReceivingPaymentEvents events;
    ExpiringUnpaidOrders expiring;

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
        toss.webhookUrl(null); // webhooks are delivered by each test itself, when it wants them
        workflows = new RecordingWorkflows();
        seatClaims = new RecordingSeatClaims(booking.seatClaims());
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), CLOCK, Duration.ofSeconds(10),
                Runnable::run);
        // short timeouts: nothing here waits on a stalled PG, and a hung request should fail the test quickly
        TossPayments gateway = new TossPayments(toss.baseUrl(), TOSS_SECRET, new TossPayments.Settings(
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(50)));
        holding = new HoldingSeats(cached, RecentlyTakenSeats.none(CLOCK), seatClaims, booking.holdLedgers(),
                new Ids(Clock.systemUTC()), CLOCK, HOLD_FOR);
        placing = new PlacingOrders(holding, orders, catalog.rounds(), catalog.performances(), workflows, CLOCK);
        paying = new PayingOrders(orders, workflows);
        tasks = new PaymentTasks(orders, gateway, seatClaims, booking.holdLedgers(), cached, catalog.performances(),
                workflows, new SqsBookingNotifications(aws.sqs(), aws.queueUrl("NotificationQueue")), CLOCK);
        events = new ReceivingPaymentEvents(orders, gateway, workflows);
        expiring = new ExpiringUnpaidOrders(orders, tasks, CLOCK);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void an_approval_after_the_hold_expired_refunds_in_full_and_no_seat_is_sold_twice() {
        Round round = roundOnSale(4);
        SeatHold hold = hold("late-fan", round, "A-1-1", "A-1-2");
        Order order = place("late-fan", hold, PaymentMethod.CARD);
        String paymentKey = toss.authorize(order.id(), order.amount(), PayMethod.CARD);
        assertThat(submit("late-fan", order, paymentKey).status()).isEqualTo(OrderStatus.CONFIRMING);

        // the workflow was slow (a retried confirm, a cold start): the hold lapses, and another fan takes the order's
        // second seat
        CLOCK.advance(HOLD_FOR.plusSeconds(1));
        String lostSeat = order.seats().get(1).seatId();
        SeatHold other = hold("other-fan", round, lostSeat);

        assertThat(tasks.confirm(order.id()).outcome()).isEqualTo(PaymentTasks.Confirmation.PAID);
        assertThat(orders.byId(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.APPROVED);
        assertThat(toss.paymentJson(paymentKey).path("status").asText()).isEqualTo("DONE");

        assertThat(tasks.issueTickets(order.id())).isEqualTo(PaymentTasks.SEATS_LOST);
        // a lapsed hold becomes no ticket even on a seat nobody took: the first seat is refused already, so there is
        // nothing to revoke (the revocation path is the next test's)
        String firstSeat = order.seats().get(0).seatId();
        assertThat(seatClaims.issued).containsExactly(firstSeat + "=false");
        assertThat(seatClaims.revoked).isEmpty();
        assertThat(ticketsOn(round)).as("seats carrying a ticket").isEmpty();
        assertThat(orders.ticketsOf(order.id())).isEmpty();
        assertThat(holdersOf(round)).containsEntry(lostSeat, other.holdId());

        assertThat(tasks.close(order.id(), PaymentTasks.SEATS_LOST)).isEqualTo(OrderStatus.REFUNDED);
        Order closed = orders.byId(order.id()).orElseThrow();
        assertThat(closed.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(closed.closeReason()).isEqualTo("SEATS_LOST");
        JsonNode payment = toss.paymentJson(paymentKey);
        assertThat(payment.path("status").asText()).isEqualTo("CANCELED");
        assertThat(payment.path("balanceAmount").asLong()).isZero();
        assertThat(payment.path("cancels").get(0).path("cancelAmount").asLong()).isEqualTo(order.amount());

        Map<String, String> holders = holdersOf(round);
        assertThat(holders).doesNotContainValue(order.holdId());
        assertThat(holders).containsEntry(lostSeat, other.holdId()); // the other fan keeps their seat
        long soldTwice = order.seats().stream().filter(s -> ticketsOn(round).containsKey(s.seatId())
                && holders.containsKey(s.seatId())).count();
        System.out.println("approval after expiry: seats sold twice = " + soldTwice);
        assertThat(soldTwice).isZero();
    }

    @Test
    void a_hold_that_lapses_between_two_seat_writes_revokes_the_ticket_already_written_and_refunds() {
        Round round = roundOnSale(4);
        Order order = place("mid-issue", hold("mid-issue", round, "A-1-1", "A-1-2"), PaymentMethod.CARD);
        String paymentKey = toss.authorize(order.id(), order.amount(), PayMethod.CARD);
        submit("mid-issue", order, paymentKey);
        assertThat(tasks.confirm(order.id()).outcome()).isEqualTo(PaymentTasks.Confirmation.PAID);

        // the first seat becomes a ticket; right then the hold runs out and another fan takes the second seat
        String firstSeat = order.seats().get(0).seatId();
        String lostSeat = order.seats().get(1).seatId();
        List<SeatHold> other = new ArrayList<>();
        seatClaims.afterFirstIssue = () -> {
            CLOCK.advance(HOLD_FOR.plusSeconds(1));
            other.add(hold("mid-issue-other", round, lostSeat));
        };
        assertThat(tasks.issueTickets(order.id())).isEqualTo(PaymentTasks.SEATS_LOST);
        assertThat(seatClaims.issued).containsExactly(firstSeat + "=true", lostSeat + "=false");
        assertThat(seatClaims.revoked).containsExactly(firstSeat);
        assertThat(ticketsOn(round)).as("seats carrying a ticket").isEmpty();
        assertThat(orders.ticketsOf(order.id())).isEmpty();

        assertThat(tasks.close(order.id(), PaymentTasks.SEATS_LOST)).isEqualTo(OrderStatus.REFUNDED);
        assertThat(toss.paymentJson(paymentKey).path("status").asText()).isEqualTo("CANCELED");
        Map<String, String> holders = holdersOf(round);
        assertThat(holders).doesNotContainValue(order.holdId()).containsEntry(lostSeat, other.get(0).holdId());
        // the revoked seat is free again
        hold("mid-issue-next", round, firstSeat);
    }

    @Test
    void a_deposit_that_reaches_the_pg_before_the_deadline_but_is_heard_of_after_it_is_refunded_automatically() {
        Round round = roundOnSale(4);
        Order order = awaitingDeposit("late-depositor", round);
        String paymentKey = order.paymentKey();
        String secret = orders.depositSecret(order.id()).orElseThrow();

        // the fan deposits in the last second; Toss's callback has not reached us when our deadline timer fires
        toss.deposit(paymentKey, 0);
        CLOCK.set(order.payBy().plusSeconds(1));
        OrderStatus closedAs = tasks.close(order.id(), "DEPOSIT_EXPIRED");

        Order closed = orders.byId(order.id()).orElseThrow();
        System.out.println("deposit at the PG, then our close: close answered " + closedAs + ", order " + closed.status()
                + " (" + closed.closeReason() + ")");
        // the seats went back, so the money goes back too: in full, to the account the fan named when ordering
        assertThat(closed.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(holdersOf(round)).doesNotContainValue(order.holdId());
        assertThat(toss.paymentJson(paymentKey).path("status").asText()).isEqualTo("CANCELED");
        assertThat(toss.paymentJson(paymentKey).path("balanceAmount").asLong()).isZero();
        assertThat(toss.refundAccountOf(paymentKey)).containsValue(REFUND_TO.accountNumber());

        // the callback arrives at last, as many times as Toss retries it: nothing changes any more
        int cancels = toss.effectCount(TossSandbox.Endpoint.CANCEL);
        for (int i = 0; i < 3; i++) {
            events.depositCallback(order.id(), secret, "DONE");
        }
        Order after = orders.byId(order.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(toss.effectCount(TossSandbox.Endpoint.CANCEL)).isEqualTo(cancels);
        assertThat(orders.ticketsOf(order.id())).isEmpty();
        assertThat(ticketsOn(round)).isEmpty();
        assertThat(workflows.succeeded).isEmpty(); // the deposit wait had ended: nobody woke a workflow
        // the seats are free to sell again
        hold("next-fan", round, order.seats().get(0).seatId(), order.seats().get(1).seatId());
    }

    @Test
    void a_deposit_callback_after_the_order_closed_its_virtual_account_changes_nothing() {
        Round round = roundOnSale(4);
        Order order = awaitingDeposit("closed-depositor", round);
        String paymentKey = order.paymentKey();
        String secret = orders.depositSecret(order.id()).orElseThrow();

        // the deadline passes with no deposit: the order closes and the account is closed at Toss
        CLOCK.set(order.payBy().plusSeconds(1));
        assertThat(tasks.close(order.id(), "DEPOSIT_EXPIRED")).isEqualTo(OrderStatus.EXPIRED);
        assertThat(holdersOf(round)).doesNotContainValue(order.holdId());
        assertThat(toss.paymentJson(paymentKey).path("status").asText()).isEqualTo("CANCELED");
        int cancels = toss.effectCount(Endpoint.CANCEL);

        // then a DEPOSIT_CALLBACK DONE with the right secret (a replayed delivery): the PG says nothing was paid, so
        // there is nothing to refund and the order must not claim a refund
        events.depositCallback(order.id(), secret, "DONE");
        Order after = orders.byId(order.id()).orElseThrow();
        System.out.println("callback after the account was closed: order " + after.status() + " ("
                + after.closeReason() + ")");
        assertThat(after.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(after.closeReason()).isEqualTo("DEPOSIT_EXPIRED");
        assertThat(toss.effectCount(Endpoint.CANCEL)).isEqualTo(cancels);
        assertThat(orders.ticketsOf(order.id())).isEmpty();
        assertThat(ticketsOn(round)).isEmpty();
    }

    @Test
    void seven_deposit_callbacks_approve_the_order_once_and_wake_the_workflow_once() throws Exception {
        Round round = roundOnSale(4);
        Order order = awaitingDeposit("seven-callbacks", round);
        String secret = orders.depositSecret(order.id()).orElseThrow();
        // the workflow's Await Deposit step has stored its token
        tasks.awaitPayment(order.id(), PayingOrders.DEPOSIT_STAGE, "deposit-token-" + order.id());
        workflows.succeeded.clear();

        // a forged secret first: refused as unauthenticated, the order untouched
        Map<String, AttributeValue> before = orderItem(order.id());
        assertThatThrownBy(() -> events.depositCallback(order.id(), "ps_forged" + secret.substring(9), "DONE"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAUTHENTICATED));
        assertThatThrownBy(() -> events.depositCallback(order.id(), null, "DONE"))
                .isInstanceOf(DomainException.class);
        assertThat(orderItem(order.id())).isEqualTo(before);
        assertThat(workflows.succeeded).isEmpty();

        toss.deposit(order.paymentKey(), 0); // the money is at the PG; we deliver its callback ourselves, 7 times at once
        List<Boolean> changed = concurrently(7, () -> events.depositCallback(order.id(), secret, "DONE"));

        assertThat(changed).containsOnly(true, false);
        assertThat(changed.stream().filter(c -> c).count()).isEqualTo(1);
        assertThat(orders.byId(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.APPROVED);
        assertThat(workflows.succeeded).containsExactly("deposit-token-" + order.id() + " {\"deposited\":true}");
        assertThat(workflows.failed).isEmpty();
    }

    @Test
    void a_status_change_webhook_before_the_fan_returns_changes_nothing_and_the_submit_still_works() {
        Round round = roundOnSale(4);
        Order order = place("early-hook", hold("early-hook", round, "A-1-3"), PaymentMethod.CARD);
        tasks.awaitPayment(order.id(), PayingOrders.PAYMENT_STAGE, "payment-token-" + order.id());
        String paymentKey = toss.authorize(order.id(), order.amount(), PayMethod.CARD);
        Map<String, AttributeValue> before = orderItem(order.id());

        // Toss tells us about the payment before the fan's browser brings us its key: we read it back (IN_PROGRESS),
        // and since the order does not know this key yet, nothing is done
        assertThat(events.paymentStatusChanged(paymentKey)).isFalse();
        assertThat(orderItem(order.id())).isEqualTo(before);
        assertThat(workflows.succeeded).isEmpty();

        Order submitted = submit("early-hook", order, paymentKey);
        assertThat(submitted.status()).isEqualTo(OrderStatus.CONFIRMING);
        assertThat(submitted.paymentKey()).isEqualTo(paymentKey);
        assertThat(workflows.succeeded).containsExactly("payment-token-" + order.id() + " {\"paymentKey\":\""
                + paymentKey + "\"}");
        // the hint again, now that the order knows the key: still IN_PROGRESS at the PG, nothing to act on
        assertThat(events.paymentStatusChanged(paymentKey)).isFalse();
        assertThat(orders.byId(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMING);
    }

    @Test
    void the_unpaid_expiry_sweep_closes_orders_past_their_deadline_once_and_leaves_the_others() {
        Round round = roundOnSale(6);
        // an order from 20 minutes ago, whose workflow never closed it (its 8-minute hold is long gone)
        CLOCK.set(Instant.now().minus(Duration.ofMinutes(20)));
        Order stale = place("sweep-stale", hold("sweep-stale", round, "A-1-1", "A-1-2"), PaymentMethod.CARD);
        CLOCK.reset();
        // and one within its deadline
        Order fresh = place("sweep-fresh", hold("sweep-fresh", round, "A-1-3"), PaymentMethod.CARD);
        assertThat(holdersOf(round)).containsEntry("A-1-1", stale.holdId()).containsEntry("A-1-3", fresh.holdId());

        ExpiringUnpaidOrders.Swept first = expiring.sweep();
        System.out.println("first sweep: " + first);
        assertThat(first.closed()).isGreaterThanOrEqualTo(1);
        Order closed = orders.byId(stale.id()).orElseThrow();
        assertThat(closed.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(closed.closeReason()).isEqualTo("EXPIRED");
        assertThat(holdersOf(round)).doesNotContainValue(stale.holdId()).containsEntry("A-1-3", fresh.holdId());
        assertThat(orders.byId(fresh.id()).orElseThrow().status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);

        Map<String, AttributeValue> staleAfterFirst = orderItem(stale.id());
        Map<String, AttributeValue> freshAfterFirst = orderItem(fresh.id());
        ExpiringUnpaidOrders.Swept second = expiring.sweep();
        assertThat(second.closed()).isZero();
        assertThat(orderItem(stale.id())).isEqualTo(staleAfterFirst);
        assertThat(orderItem(fresh.id())).isEqualTo(freshAfterFirst);
        // the stale order's seats really are free
        hold("sweep-next", round, "A-1-1", "A-1-2");
    }

    @Test
    void every_step_repeated_acts_once() {
        Round round = roundOnSale(6);
        Order order = place("repeat-fan", hold("repeat-fan", round, "A-1-1", "A-1-2"), PaymentMethod.CARD);
        String paymentKey = toss.authorize(order.id(), order.amount(), PayMethod.CARD);
        submit("repeat-fan", order, paymentKey);
        int confirms = toss.effectCount(Endpoint.CONFIRM);

        assertThat(tasks.confirm(order.id()).outcome()).isEqualTo(PaymentTasks.Confirmation.PAID);
        assertThat(tasks.confirm(order.id()).outcome()).isEqualTo(PaymentTasks.Confirmation.PAID);
        assertThat(toss.effectCount(Endpoint.CONFIRM) - confirms).isEqualTo(1);

        assertThat(tasks.issueTickets(order.id())).isEqualTo(PaymentTasks.ISSUED);
        List<Ticket> tickets = orders.ticketsOf(order.id());
        assertThat(tasks.issueTickets(order.id())).isEqualTo(PaymentTasks.ISSUED);
        assertThat(orders.ticketsOf(order.id())).isEqualTo(tickets).hasSize(2);
        assertThat(orders.byId(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(ticketsOn(round)).containsOnlyKeys("A-1-1", "A-1-2");

        // closing a paid order (a late timer, the sweep) leaves it paid and refunds nothing
        int cancels = toss.effectCount(Endpoint.CANCEL);
        assertThat(tasks.close(order.id(), "EXPIRED")).isEqualTo(OrderStatus.PAID);
        assertThat(toss.effectCount(Endpoint.CANCEL)).isEqualTo(cancels);

        // an approved order closed twice: one refund, the same status both times
        Order other = place("repeat-other", hold("repeat-other", round, "A-1-3"), PaymentMethod.CARD);
        String otherKey = toss.authorize(other.id(), other.amount(), PayMethod.CARD);
        submit("repeat-other", other, otherKey);
        tasks.confirm(other.id());
        assertThat(tasks.close(other.id(), "PAYMENT_UNCERTAIN")).isEqualTo(OrderStatus.REFUNDED);
        Map<String, AttributeValue> afterFirstClose = orderItem(other.id());
        assertThat(tasks.close(other.id(), "PAYMENT_UNCERTAIN")).isEqualTo(OrderStatus.REFUNDED);
        assertThat(orderItem(other.id())).isEqualTo(afterFirstClose);
        assertThat(toss.effectCount(Endpoint.CANCEL) - cancels).isEqualTo(1);
        assertThat(toss.paymentJson(otherKey).path("status").asText()).isEqualTo("CANCELED");
        assertThat(holdersOf(round)).doesNotContainValue(other.holdId());
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A virtual-account order confirmed at the PG, AWAITING_DEPOSIT, its seats kept until the deposit deadline. */
    Order awaitingDeposit(String fan, Round round) {
        Order order = place(fan, hold(fan, round, "A-1-1", "A-1-2"), PaymentMethod.VIRTUAL_ACCOUNT);
        String paymentKey = toss.authorize(order.id(), order.amount(), PayMethod.VIRTUAL_ACCOUNT, order.orderName(),
                "김마당", Duration.ofHours(1));
        submit(fan, order, paymentKey);
        PaymentTasks.Confirmation c = tasks.confirm(order.id());
        assertThat(c.outcome()).isEqualTo(PaymentTasks.Confirmation.AWAITING_DEPOSIT);
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
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, Clock.systemUTC())
                .schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(10)),
                                Instant.now().minus(Duration.ofDays(1)), 4, List.of(new GradePrice("R", PRICE))),
                        Map.of("A", new SectionPlan(BookingMode.FIRST_COME, "R")));
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

        @Override
        public void start(String orderId, long paymentWaitSeconds) {
            started.add(orderId + " " + paymentWaitSeconds);
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
        public void revokeTicket(String roundId, Seat seat, String ticketId) {
            real.revokeTicket(roundId, seat, ticketId);
            revoked.add(seat.id());
        }
    }
}
