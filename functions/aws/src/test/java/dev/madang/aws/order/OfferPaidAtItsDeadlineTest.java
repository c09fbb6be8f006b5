package dev.madang.aws.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.madang.aws.lottery.DynamoLotteries;
import dev.madang.aws.lottery.DynamoOfferPayments;
import dev.madang.aws.support.Interception;
import dev.madang.domain.booking.SeatClaims;
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
import dev.madang.domain.lottery.DrawEntry;
import dev.madang.domain.lottery.EnteringLotteries;
import dev.madang.domain.lottery.EntryIds;
import dev.madang.domain.lottery.EntryState;
import dev.madang.domain.lottery.FanEntry;
import dev.madang.domain.lottery.LotteryWorkflows;
import dev.madang.domain.lottery.Offer;
import dev.madang.domain.lottery.OpeningLotteries;
import dev.madang.domain.lottery.RunningLottery;
import dev.madang.domain.order.ConfirmingBookings;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.PayingOrders;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.PlacingOrders;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.payment.PaymentGatewayUnavailable;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.localstack.PaymentInvariants;
import dev.madang.localstack.TossSandbox.PayMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, acceptance "Concurrency": an offer paid at its deadline second either becomes a ticket or is released,
 * never both. A lottery offer is a hold until the payment deadline, recorded in the winner's ledger, so the winner pays
 * it as any hold (order, PG, the payment workflow's steps, {@code markPaid} making the order PAID with its tickets in
 * one write); after the deadline the lottery's {@link RunningLottery#expireOffers} marks each offer PAID or
 * WON_EXPIRED, and a redraw offers the seats that came back to the draw's losers.
 * <p>
 * Each seeded run draws a fresh one-winner lottery on the real adapters (dynalite, the Toss sandbox, the fixture's
 * movable clock) and lets the winner pay by card or virtual account around the deadline while the payment workflow's
 * steps (one state at a time, as statemachines/payment.asl.json moves), the lottery's expiry (and its redraw), a
 * deposit, another fan's hold on the offer's seats (the seat write is the only check it meets) and the unpaid sweep
 * take turns in a seeded order. The expiry, the redraw and the rival may also land inside a payment step: just before
 * or after the PG confirms, after the first ticket is written, just before or after the order is made PAID
 * ({@link Interception} on our ports, the adapters run for real). Every actor moves the one clock forward to its own
 * time: the payment runs 30 s, 1 s or 1 ms before the deadline, the expiry at the deadline or just after, so a step
 * that started before the deadline may finish after the expiry. The run is then settled as production settles it.
 * <p>
 * For every offer, exactly one of:
 * <ul>
 *   <li><b>paid</b>: the order PAID with one ticket per offered seat, the entry PAID, each seat carrying that ticket
 *       and no other hold;</li>
 *   <li><b>released</b>: no PAID order and no ticket, the entry WON_EXPIRED, each seat free or someone else's (the
 *       redraw's offer, the rival's hold), never this offer's.</li>
 * </ul>
 * and the payment invariants (seats, orders, tickets, money at the PG) hold for the round. {@code
 * -Dmadang.offerRuns=N} sets the number of runs.
 */
class OfferPaidAtItsDeadlineTest extends PaymentStepsFixture {

    static final int RUNS = Integer.getInteger("madang.offerRuns", 40);
    /** From the draw to the payment deadline: shorter than a virtual account's deposit window (1 h here). */
    static final Duration PAYMENT_WINDOW = Duration.ofMinutes(10);
    static final List<Duration> PAY_BEFORE = List.of(Duration.ofSeconds(30), Duration.ofSeconds(1),
            Duration.ofMillis(1));
    static final List<Duration> EXPIRE_AFTER = List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(1));

    static final LotteryWorkflows NO_LOTTERY_WORKFLOW = new LotteryWorkflows() {
        @Override
        public void start(String roundId, Instant entriesCloseAt, long closeWaitSeconds) {
        }

        @Override
        public void cancel(String roundId, Instant entriesCloseAt) {
        }
    };

    static DynamoLotteries lotteries;

    @BeforeAll
    static void lotteryTable() {
        lotteries = new DynamoLotteries(aws.dynamo(), aws.tableName("LotteryTable"));
    }

    /** Where one actor may run: at its turn in the schedule, or inside a payment step. */
    enum Point {
        TURN, BEFORE_PG_CONFIRM, AFTER_PG_CONFIRM, AFTER_FIRST_TICKET, BEFORE_MARK_PAID, AFTER_MARK_PAID;

        static Point pick(Random random) {
            return random.nextBoolean() ? TURN : values()[1 + random.nextInt(values().length - 1)];
        }
    }

    @Test
    void an_offer_paid_around_its_deadline_becomes_a_ticket_or_is_released_never_both() {
        Map<String, Integer> outcomes = new TreeMap<>();
        Set<String> schedules = new HashSet<>();
        List<String> broken = new ArrayList<>();
        PaymentInvariants invariants = PaymentInvariants.of(aws, toss);
        int paid = 0;
        int released = 0;
        int redrawnToOthers = 0;
        int rivalsHeld = 0;
        for (int seed = 1; seed <= RUNS; seed++) {
            Run run = new Run(seed);
            run.play();
            schedules.add(run.schedule.toString());
            String verdict = run.verdict();
            outcomes.merge(run.describe(), 1, Integer::sum);
            switch (verdict) {
                case "paid" -> paid++;
                case "released" -> released++;
                default -> broken.add("seed " + seed + " " + run.schedule + ": " + verdict);
            }
            redrawnToOthers += run.redrawHeldOurSeats ? 1 : 0;
            rivalsHeld += run.rivalHeld ? 1 : 0;
            PaymentInvariants.Report report = invariants.check(run.round.id(), CLOCK.instant());
            if (!report.holds()) {
                broken.add("seed " + seed + " " + run.schedule + ": " + report.violations());
            }
        }
        System.out.println("offer_deadline runs=" + RUNS + " distinct_schedules=" + schedules.size() + " paid=" + paid
                + " released=" + released + " broken=" + broken.size() + " released_seats_redrawn=" + redrawnToOthers
                + " released_seats_rival_held=" + rivalsHeld + " outcomes=" + outcomes);
        broken.forEach(b -> System.out.println("offer_deadline broken " + b));
        assertThat(broken).isEmpty();
        assertThat(paid).as("some offers were paid in time").isPositive();
        assertThat(released).as("some were released").isPositive();
    }

    /**
     * The case the seeded runs found before the expiry settled orders: the tickets are written a second before the
     * deadline, the expiry runs at the deadline before the order is made PAID. It used to read the order (APPROVED,
     * not PAID), mark the offer WON_EXPIRED, and then let {@code markPaid} make the order PAID with its tickets. Now
     * the expiry takes the order to CLOSING first, {@code markPaid} is refused, and the close returns the ticketed
     * seats and refunds the card.
     */
    @Test
    void an_expiry_between_the_tickets_and_mark_paid_closes_the_order_before_it_can_be_paid() {
        Run run = new Run(1_000);
        CLOCK.set(run.deadline.minus(Duration.ofMinutes(1)));
        run.order = placing.place(new PlacingOrders.PlaceOrder(run.winner, true, run.offer.holdId(),
                PaymentMethod.CARD));
        run.flow = new Flow(run.order.id());
        run.paymentKey = toss.authorize(run.order.id(), run.order.amount(), PayMethod.CARD);
        submit(run.winner, run.order, run.paymentKey);
        CLOCK.set(run.deadline.minusSeconds(1));
        run.flow.step(); // Await Payment: the key is in
        run.flow.step(); // Confirm Payment: APPROVED
        assertThat(orders.byId(run.order.id()).orElseThrow().status()).isEqualTo(OrderStatus.APPROVED);
        orderCalls.before(Interception.method("markPaid"), () -> run.expire(run.deadline));

        run.flow.step(); // Issue Tickets: both tickets written at D - 1 s, the expiry at D, then markPaid
        assertThat(seatClaims.issued).containsExactly("L-1-1=true", "L-1-2=true");
        assertThat(run.entryState()).isEqualTo(EntryState.WON_EXPIRED);
        assertThat(orders.byId(run.order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CLOSING);
        run.flow.step(); // Close Order, as the workflow does after Issue Tickets failed
        run.settle();

        assertThat(run.verdict()).isEqualTo("released");
        assertThat(run.describe()).isEqualTo("REFUNDED/EXPIRED+WON_EXPIRED");
        assertThat(ticketsOn(run.round)).isEmpty();
        PaymentInvariants.of(aws, toss).check(run.round.id(), CLOCK.instant()).assertHolds();
    }

    /** One lottery with one winner, one seeded schedule around its deadline. */
    final class Run {
        final int seed;
        final Random random;
        final Round round;
        final RunningLottery running;
        final String winner;
        final String winnerEntry;
        final Offer offer;
        final Instant deadline;
        final List<String> schedule = new ArrayList<>();
        final boolean virtualAccount;
        Order order;
        Flow flow;
        String paymentKey;
        boolean expired;
        boolean redrawn;
        boolean rivalDone;
        boolean redrawHeldOurSeats;
        boolean rivalHeld;
        String rivalHold;
        /** An actor that threw: none should (a refusal is an answer, not a failure of the run). */
        final List<String> failures = new ArrayList<>();

        Run(int seed) {
            this.seed = seed;
            this.random = new Random(seed);
            CLOCK.reset();
            orderCalls.clear();
            pgCalls.clear();
            seatCalls.clear();
            Instant t0 = CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);
            CLOCK.set(t0);
            round = lotteryRound();
            CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), CLOCK, Duration.ofSeconds(10),
                    Runnable::run);
            SeatClaims claims = seatCalls.proxy();
            running = new RunningLottery(cached, lotteries, catalog.seatInventory(), claims, booking.holdLedgers(),
                    new DynamoOfferPayments(orderCalls.proxy()), new Ids(Clock.systemUTC())::next,
                    () -> seedBytes(seed), CLOCK);

            // three entrants of two for the two seats: one winner, two losers for the redraw
            Instant close = t0.plus(Duration.ofMinutes(1));
            deadline = close.plus(PAYMENT_WINDOW);
            new OpeningLotteries(catalog.rounds(), lotteries, NO_LOTTERY_WORKFLOW, CLOCK).open(round.id(),
                    new OpeningLotteries.Schedule(t0.minusSeconds(60), close, deadline, 1));
            EnteringLotteries entering = new EnteringLotteries(catalog.rounds(), lotteries, new EntryIds(), CLOCK);
            Map<String, String> fans = new TreeMap<>();
            for (int i = 0; i < 3; i++) {
                String fan = "offer-" + seed + "-" + i + "-" + round.id();
                FanEntry e = entering.enter(new EnteringLotteries.Entering(fan, true, round.id(), "L", 2));
                fans.put(e.entryId(), fan);
            }
            CLOCK.set(close.plusSeconds(1));
            running.closeEntries(round.id());
            running.commitSeed(round.id(), 1);
            var draw = running.drawSection(round.id(), "L", 1);
            assertThat(draw.offers()).hasSize(1);
            winnerEntry = draw.offers().keySet().iterator().next();
            winner = fans.get(winnerEntry);
            offer = running.offerOf(winner, round.id()).orElseThrow();
            assertThat(offer.deadline()).isEqualTo(deadline);
            virtualAccount = random.nextInt(3) == 0;
        }

        void play() {
            // the winner orders a minute before the deadline (or never), and submits a payment (or not)
            CLOCK.set(deadline.minus(Duration.ofMinutes(1)));
            int fan = random.nextInt(10);
            if (fan == 0) {
                schedule.add("never-ordered");
            } else {
                order = placing.place(new PlacingOrders.PlaceOrder(winner, true, offer.holdId(),
                        virtualAccount ? PaymentMethod.VIRTUAL_ACCOUNT : PaymentMethod.CARD,
                        virtualAccount ? REFUND_TO : null));
                flow = new Flow(order.id());
                if (fan == 1) {
                    schedule.add("ordered-never-paid");
                } else {
                    paymentKey = virtualAccount
                            ? toss.authorize(order.id(), order.amount(), PayMethod.VIRTUAL_ACCOUNT, order.orderName(),
                            "김마당", Duration.ofHours(1))
                            : toss.authorize(order.id(), order.amount(), PayMethod.CARD);
                    submit(winner, order, paymentKey);
                    schedule.add(virtualAccount ? "va" : "card");
                }
            }
            Instant payAt = deadline.minus(PAY_BEFORE.get(random.nextInt(PAY_BEFORE.size())));
            Instant expireAt = deadline.plus(EXPIRE_AFTER.get(random.nextInt(EXPIRE_AFTER.size())));
            schedule.add("pay@D-" + Duration.between(payAt, deadline).toMillis() + "ms");
            schedule.add("expire@D+" + Duration.between(deadline, expireAt).toMillis() + "ms");

            // who runs inside a payment step, and who at its turn
            List<Runnable> turns = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                turns.add(guarded("workflow", () -> step(payAt)));
            }
            Point expiry = Point.pick(random);
            boolean redrawWithExpiry = random.nextBoolean();
            Runnable expire = () -> {
                expire(expireAt);
                if (redrawWithExpiry) {
                    redraw(expireAt);
                }
            };
            place(expiry, expire, turns, "expire" + (redrawWithExpiry ? "+redraw" : ""));
            if (!redrawWithExpiry) {
                place(Point.TURN, () -> redraw(expireAt.plusSeconds(1)), turns, "redraw");
            }
            if (random.nextBoolean()) {
                Instant rivalAt = random.nextBoolean() ? expireAt : deadline.minusMillis(1);
                place(Point.pick(random), () -> rival(rivalAt), turns,
                        "rival@D" + (rivalAt.isBefore(deadline) ? "-1ms" : "+" + Duration.between(deadline, rivalAt)
                                .toMillis() + "ms"));
            }
            if (virtualAccount && paymentKey != null && random.nextBoolean()) {
                Instant depositAt = random.nextBoolean() ? deadline.minusSeconds(1) : deadline.plusSeconds(1);
                turns.add(random.nextInt(turns.size() + 1), guarded("deposit", () -> deposit(depositAt)));
                schedule.add("deposit@D" + (depositAt.isBefore(deadline) ? "-1s" : "+1s"));
            }
            if (random.nextInt(4) == 0) {
                turns.add(random.nextInt(turns.size() + 1), guarded("sweep", () -> {
                    at(deadline.plus(ExpiringUnpaidOrders.GRACE).plusSeconds(1));
                    expiring.sweep();
                }));
                schedule.add("sweep");
            }
            for (Runnable turn : turns) {
                turn.run();
            }
            settle();
        }

        /** Runs {@code actor} at its turn (a random place among the turns) or inside the payment step at {@code p}. */
        void place(Point p, Runnable actor, List<Runnable> turns, String name) {
            schedule.add(name + "@" + p);
            Runnable once = once(guarded(name, actor));
            switch (p) {
                case TURN -> turns.add(random.nextInt(turns.size() + 1), once);
                case BEFORE_PG_CONFIRM -> pgCalls.before(Interception.method("confirm"), once);
                case AFTER_PG_CONFIRM -> pgCalls.after(Interception.method("confirm"), once);
                case AFTER_FIRST_TICKET -> seatCalls.after(Interception.method("issueTicket"), once);
                case BEFORE_MARK_PAID -> orderCalls.before(Interception.method("markPaid"), once);
                case AFTER_MARK_PAID -> orderCalls.after(Interception.method("markPaid"), once);
            }
            if (p != Point.TURN) {
                turns.add(once); // when the step never makes that call, the actor runs at the end of the schedule
            }
        }

        /** Runs {@code actor}; what it throws is recorded (and fails the run), not thrown into a payment step. */
        Runnable guarded(String name, Runnable actor) {
            return () -> {
                try {
                    actor.run();
                } catch (RuntimeException e) {
                    failures.add(name + " threw " + e);
                }
            };
        }

        Runnable once(Runnable actor) {
            boolean[] ran = {false};
            return () -> {
                if (!ran[0]) {
                    ran[0] = true;
                    actor.run();
                }
            };
        }

        /** The clock only moves forward: an actor's time, or later if the run is past it already. */
        void at(Instant t) {
            if (CLOCK.instant().isBefore(t)) {
                CLOCK.set(t);
            }
        }

        void step(Instant payAt) {
            if (flow == null || flow.ended()) {
                return;
            }
            at(payAt);
            flow.step();
        }

        void expire(Instant t) {
            at(t);
            running.expireOffers(round.id(), 1);
            expired = true;
        }

        void redraw(Instant t) {
            if (!expired || redrawn) {
                return; // the lottery workflow redraws only after the expiry
            }
            at(t);
            redrawn = true;
            RunningLottery.Expiry expiry = running.expireOffers(round.id(), 1); // a repeat: answers the same
            if (expiry.redrawsRemain()) {
                running.commitSeed(round.id(), 2);
                running.drawSection(round.id(), "L", 2);
            }
        }

        /** Another fan's hold on the offer's seats, through the seat write alone (as a stale cache would let it). */
        void rival(Instant t) {
            at(t);
            rivalHold = "rival-" + seed;
            Instant now = CLOCK.instant();
            List<Seat> taken = new ArrayList<>();
            for (String id : offer.seatIds()) {
                Seat seat = seat(id);
                if (!booking.seatClaims().claim(round.id(), seat, rivalHold, rivalHold, now, now.plus(HOLD_FOR))) {
                    taken.forEach(s -> booking.seatClaims().release(round.id(), s, rivalHold));
                    return;
                }
                taken.add(seat);
            }
        }

        void deposit(Instant t) {
            at(t);
            try {
                toss.deposit(paymentKey, 0);
            } catch (IllegalStateException closedAccount) {
                return; // the account was closed with the order: the sandbox takes no deposit
            }
            deliverWebhooks();
        }

        void deliverWebhooks() {
            if (paymentKey == null) {
                return;
            }
            JsonNode payment = toss.paymentJson(paymentKey);
            try {
                if (virtualAccount && "DONE".equals(payment.path("status").asText())) {
                    events.depositCallback(order.id(), payment.path("secret").asText(), "DONE");
                }
                events.paymentStatusChanged(paymentKey);
            } catch (DomainException | PaymentRefused refused) {
                // what the webhook sender would see as an error response
            }
        }

        /** Production from here on: hooks gone, every step runs, the deadlines pass, the sweep and webhooks run. */
        void settle() {
            orderCalls.clear();
            pgCalls.clear();
            seatCalls.clear();
            if (!expired) {
                expire(deadline);
            }
            if (!redrawn) {
                redraw(deadline.plusSeconds(1));
            }
            for (int i = 0; i < 20 && flow != null && !flow.ended(); i++) {
                if (!flow.step()) {
                    CLOCK.advance(Duration.ofHours(2)); // nothing to wait for any more: the wait times out
                }
            }
            deliverWebhooks();
            CLOCK.advance(Duration.ofHours(3));
            expiring.sweep();
            deliverWebhooks();
            running.expireOffers(round.id(), 1); // a late repeat changes nothing
        }

        /** "paid", "released", or what is wrong. */
        String verdict() {
            Instant now = CLOCK.instant();
            Optional<Order> stored = orders.byId(offer.holdId());
            boolean orderPaid = stored.map(o -> o.status() == OrderStatus.PAID).orElse(false);
            List<Ticket> tickets = orders.ticketsOf(offer.holdId());
            EntryState entry = entryState();
            Map<String, String> holds = holdersOf(round);
            Map<String, String> ticketIds = ticketsOn(round);
            Map<String, String> holdExpiries = seatAttributeNumbers(round, "holdExpiresAt");
            List<String> wrong = new ArrayList<>(failures);
            if (orderPaid) {
                if (entry != EntryState.PAID) {
                    wrong.add("order PAID but entry " + entry);
                }
                if (tickets.size() != offer.seatIds().size()) {
                    wrong.add("order PAID with " + tickets.size() + " tickets");
                }
                for (String seat : offer.seatIds()) {
                    Optional<Ticket> ticket = tickets.stream().filter(t -> t.seatId().equals(seat)).findFirst();
                    if (ticket.isEmpty() || !ticket.get().ticketId().equals(ticketIds.get(seat))
                            || !offer.holdId().equals(holds.get(seat))) {
                        wrong.add("seat " + seat + " carries ticket " + ticketIds.get(seat) + " of hold "
                                + holds.get(seat));
                    }
                }
                return wrong.isEmpty() ? "paid" : String.join("; ", wrong);
            }
            if (entry != EntryState.WON_EXPIRED) {
                wrong.add("order " + stored.map(Order::status).orElse(null) + " but entry " + entry);
            }
            if (!tickets.isEmpty()) {
                wrong.add("unpaid order with " + tickets.size() + " tickets");
            }
            for (String seat : offer.seatIds()) {
                boolean ours = offer.holdId().equals(holds.get(seat));
                if (ours && ticketIds.containsKey(seat)) {
                    wrong.add("seat " + seat + " ticketed for the released offer");
                } else if (ours && Long.parseLong(holdExpiries.get(seat)) > now.toEpochMilli()) {
                    wrong.add("seat " + seat + " still held by the released offer");
                }
                if (!ours && holds.containsKey(seat)) {
                    if (holds.get(seat).equals(rivalHold)) {
                        rivalHeld = true;
                    } else {
                        redrawHeldOurSeats = true;
                    }
                }
            }
            return wrong.isEmpty() ? "released" : String.join("; ", wrong);
        }

        String describe() {
            Optional<Order> stored = orders.byId(offer.holdId());
            return stored.map(o -> o.status() + (o.closeReason() == null ? "" : "/" + o.closeReason()))
                    .orElse("no order") + "+" + entryState();
        }

        EntryState entryState() {
            return lotteries.drawEntries(round.id(), "L").stream().filter(e -> e.entryId().equals(winnerEntry))
                    .map(DrawEntry::state).findFirst().orElseThrow();
        }

        Seat seat(String id) {
            return catalog.venues().layout(round.venueId(), round.layoutVersion()).orElseThrow().seat(id)
                    .orElseThrow();
        }
    }

    /** The payment state machine, one state per call, without faults (see {@code PaymentInterleavingTest.Flow}). */
    final class Flow {
        enum State { AWAIT_PAYMENT, CONFIRM, AWAIT_DEPOSIT, ISSUE, NOTIFY, CLOSE, END }

        final String orderId;
        final String paymentToken;
        final String depositToken;
        State state;
        Instant waitUntil;
        String closeReason;
        int tries;

        Flow(String orderId) {
            this.orderId = orderId;
            this.paymentToken = "pay-" + orderId;
            this.depositToken = "dep-" + orderId;
            enterWait(State.AWAIT_PAYMENT, paymentToken, orders.byId(orderId).orElseThrow().payBy());
        }

        boolean ended() {
            return state == State.END;
        }

        /** Runs the current state once; false when it is a wait with nothing to act on yet. */
        boolean step() {
            switch (state) {
                case AWAIT_PAYMENT, AWAIT_DEPOSIT -> {
                    String token = state == State.AWAIT_PAYMENT ? paymentToken : depositToken;
                    if (workflows.failed.stream().anyMatch(f -> f.startsWith(token + " "))) {
                        toClose("CANCELLED");
                    } else if (workflows.succeeded.stream().anyMatch(s -> s.startsWith(token + " "))) {
                        state = state == State.AWAIT_PAYMENT ? State.CONFIRM : State.ISSUE;
                    } else if (!CLOCK.instant().isBefore(waitUntil)) {
                        toClose(state == State.AWAIT_PAYMENT ? "EXPIRED" : "DEPOSIT_EXPIRED");
                    } else {
                        return false;
                    }
                }
                case CONFIRM -> confirm();
                case ISSUE -> issue();
                case NOTIFY -> {
                    tasks.notifyBooking(orderId);
                    state = State.END;
                }
                case CLOSE -> {
                    try {
                        close(orderId, closeReason);
                        state = State.END;
                    } catch (RuntimeException failed) {
                        if (++tries > 3) {
                            state = State.END; // Close Failed: the sweep is the belt
                        }
                    }
                }
                case END -> {
                    return false;
                }
            }
            return true;
        }

        private void confirm() {
            try {
                ConfirmingBookings.Confirmation c = tasks.confirm(orderId);
                if (c.outcome().equals(ConfirmingBookings.Confirmation.AWAITING_DEPOSIT)) {
                    enterWait(State.AWAIT_DEPOSIT, depositToken, CLOCK.instant().plusSeconds(c.depositWaitSeconds()));
                } else {
                    state = State.ISSUE;
                }
            } catch (PaymentRefused refused) {
                toClose("PAYMENT_REFUSED");
            } catch (PaymentGatewayUnavailable unavailable) {
                if (++tries > 3) {
                    toClose("PAYMENT_UNCERTAIN");
                }
            } catch (RuntimeException other) {
                toClose("PAYMENT_UNCERTAIN");
            }
        }

        private void issue() {
            try {
                if (tasks.issueTickets(orderId).equals(ConfirmingBookings.ISSUED)) {
                    state = State.NOTIFY;
                } else {
                    toClose(ConfirmingBookings.SEATS_LOST);
                }
            } catch (RuntimeException any) {
                toClose("PAYMENT_UNCERTAIN");
            }
        }

        private void enterWait(State wait, String token, Instant until) {
            state = wait;
            tries = 0;
            waitUntil = until;
            tasks.awaitPayment(orderId, wait == State.AWAIT_PAYMENT ? PayingOrders.PAYMENT_STAGE
                    : PayingOrders.DEPOSIT_STAGE, token);
        }

        private void toClose(String reason) {
            closeReason = reason;
            state = State.CLOSE;
            tries = 0;
        }
    }

    /** A round on sale whose one section L (two seats side by side) is sold by lottery. */
    static Round lotteryRound() {
        Ids ids = new Ids(Clock.systemUTC());
        List<Seat> seats = List.of(new Seat(Seat.idOf("L", "1", 1), "L", "1", 1, 10, 0),
                new Seat(Seat.idOf("L", "1", 2), "L", "1", 2, 20, 0));
        String venue = new ManagingVenues(catalog.venues(), ids).register("Deadline Hall", null,
                List.of(new Section("L", "L", seats))).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails("마감",
                Genre.CONCERT, List.of(), 90, 0, null, null)).id();
        Round round = new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids,
                Clock.systemUTC()).schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(10)),
                        Instant.now().minus(Duration.ofDays(1)), 4, List.of(new GradePrice("R", PRICE))),
                Map.of("L", new SectionPlan(BookingMode.LOTTERY, "R")));
        ROUNDS_MADE.add(round);
        return round;
    }

    static Map<String, String> seatAttributeNumbers(Round round, String attribute) {
        Map<String, String> found = new java.util.HashMap<>();
        String prefix = "SEAT#" + round.id() + "#";
        for (var item : aws.dynamo().scanPaginator(software.amazon.awssdk.services.dynamodb.model.ScanRequest.builder()
                .tableName(seatsTable).consistentRead(true).build()).items()) {
            if (item.get("pk").s().startsWith(prefix) && item.containsKey(attribute)) {
                found.put(item.get("sk").s(), item.get(attribute).n());
            }
        }
        return found;
    }

    static byte[] seedBytes(int seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(4).putInt(seed).array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
