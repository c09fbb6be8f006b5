package dev.madang.aws.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.madang.aws.support.Interception;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.PayingOrders;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.ConfirmingBookings;
import dev.madang.domain.payment.PaymentGatewayUnavailable;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.localstack.PaymentInvariants;
import dev.madang.localstack.TossSandbox.PayMethod;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many seeded runs of one booking in which the fan (pay, pay with the wrong key, cancel, release the hold), the payment
 * workflow (its steps in the ASL's order, some run twice as Step Functions may), the PG (a deposit), the webhooks,
 * the unpaid sweep, the clock and a rival fan take turns in a random order, with faults injected into the orders
 * store, the seat writes and the PG (a call that fails before it acts, or after: the answer lost). Each run is then
 * settled as production settles it (the workflow runs to its end, webhooks are delivered, the sweep passes after every
 * deadline) and the payment invariants are checked. {@code -Dmadang.interleavings=N} sets the number of runs.
 */
class PaymentInterleavingTest extends PaymentStepsFixture {

    static final int RUNS = Integer.getInteger("madang.interleavings", 40);
    static final int STEPS = 24;
    static final Duration PAST_SWEEP = HOLD_FOR.plus(ExpiringUnpaidOrders.GRACE).plusSeconds(1);

    /** What may happen next, each with a weight: the workflow and the fan most, the rest now and then. */
    enum Action {
        WORKFLOW(8), REPEAT_STEP(1), PAY(3), PAY_WRONG_KEY(1), CANCEL(1), RELEASE(1), DEPOSIT(2), WEBHOOK(2), SWEEP(1),
        CLOCK(1), RIVAL(1), FAULT(2);

        final int weight;

        Action(int weight) {
            this.weight = weight;
        }

        static Action pick(Random random) {
            int total = java.util.Arrays.stream(values()).mapToInt(a -> a.weight).sum();
            int r = random.nextInt(total);
            for (Action a : values()) {
                r -= a.weight;
                if (r < 0) {
                    return a;
                }
            }
            throw new AssertionError();
        }
    }

    @Test
    void every_interleaving_of_fan_workflow_pg_sweep_and_faults_keeps_seats_orders_and_money_in_step() {
        Set<List<Action>> schedules = new HashSet<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int faults = 0;
        PaymentInvariants invariants = PaymentInvariants.of(aws, toss);
        for (int seed = 1; seed <= RUNS; seed++) {
            Run run = new Run(seed);
            run.play();
            schedules.add(run.schedule);
            faults += run.faults;
            Order end = orders.byId(run.order.id()).orElseThrow();
            outcomes.merge(end.status() + (end.closeReason() == null ? "" : "/" + end.closeReason()), 1, Integer::sum);
            assertThat(end.status().isOpen()).as("seed %d settled (%s)", seed, run.schedule).isFalse();
            PaymentInvariants.Report report = invariants.check(run.round.id(), CLOCK.instant());
            assertThat(report.violations()).as("seed %d, schedule %s", seed, run.schedule).isEmpty();
        }
        System.out.println("interleavings: runs=" + RUNS + " distinct_schedules=" + schedules.size()
                + " steps_per_run=" + STEPS + " faults_injected=" + faults + " outcomes=" + outcomes);
        assertThat(schedules).hasSize(RUNS);
    }

    /** One booking, one seeded schedule. */
    final class Run {
        final Random random;
        final String fan;
        final Round round;
        final Order order;
        final boolean virtualAccount;
        final List<Action> schedule = new ArrayList<>();
        final Flow flow;
        final int seed;
        String paymentKey;
        int faults;

        Run(int seed) {
            CLOCK.reset();
            orderCalls.clear();
            pgCalls.clear();
            seatCalls.clear();
            this.seed = seed;
            random = new Random(seed);
            fan = "mix-" + seed;
            round = roundOnSale(4);
            virtualAccount = random.nextBoolean();
            order = place(fan, hold(fan, round, "A-1-1", "A-1-2"),
                    virtualAccount ? PaymentMethod.VIRTUAL_ACCOUNT : PaymentMethod.CARD);
            flow = new Flow(order.id());
        }

        void play() {
            for (int i = 0; i < STEPS && !flow.ended(); i++) {
                Action action = Action.pick(random);
                schedule.add(action);
                try {
                    act(action);
                } catch (DomainException | PaymentRefused | Interception.InjectedFault | PaymentGatewayUnavailable
                         | IllegalStateException refusedOrFailed) {
                    // what the fan's client or the PG's webhook sender would see as an error response (the sandbox
                    // says IllegalStateException to a deposit into an account that takes none)
                } catch (RuntimeException unexpected) {
                    throw new AssertionError("seed " + seed + ", schedule " + schedule + ": " + unexpected, unexpected);
                }
            }
            settle();
        }

        void act(Action action) {
            switch (action) {
                case WORKFLOW -> flow.step();
                case REPEAT_STEP -> flow.repeatLast();
                case PAY -> pay();
                case PAY_WRONG_KEY -> {
                    Order other = place(fan + "-other", hold(fan + "-other", round, "A-1-4"), PaymentMethod.CARD);
                    submit(fan, order, toss.authorize(other.id(), other.amount(), PayMethod.CARD));
                }
                case CANCEL -> paying.cancel(fan, order.id());
                case RELEASE -> holding.release(fan, order.holdId());
                case DEPOSIT -> {
                    if (paymentKey != null) {
                        toss.deposit(paymentKey, 0);
                    }
                }
                case WEBHOOK -> deliverWebhooks();
                case SWEEP -> expiring.sweep();
                case CLOCK -> CLOCK.advance(List.of(Duration.ofSeconds(30), HOLD_FOR, PAST_SWEEP, Duration.ofHours(1))
                        .get(random.nextInt(4)));
                case RIVAL -> holding.hold(new HoldingSeats.HoldRequest("rival-" + fan, true, round.id(),
                        List.of("A-1-1", "A-1-2"), null));
                case FAULT -> injectFault();
            }
        }

        void pay() {
            if (paymentKey == null) {
                paymentKey = virtualAccount
                        ? toss.authorize(order.id(), order.amount(), PayMethod.VIRTUAL_ACCOUNT, order.orderName(),
                        "김마당", Duration.ofHours(1))
                        : toss.authorize(order.id(), order.amount(), PayMethod.CARD);
            }
            submit(fan, order, paymentKey); // a second PAY is the double click
        }

        /** What Toss delivers, at least once: a DEPOSIT_CALLBACK for a deposited account, or a status change. */
        void deliverWebhooks() {
            if (paymentKey == null) {
                return;
            }
            JsonNode payment = toss.paymentJson(paymentKey);
            if (virtualAccount && "DONE".equals(payment.path("status").asText())) {
                events.depositCallback(order.id(), payment.path("secret").asText(), "DONE");
            }
            events.paymentStatusChanged(paymentKey);
        }

        void injectFault() {
            faults++;
            boolean after = random.nextBoolean();
            List<String> methods = List.of("transition", "markPaid", "confirm", "cancel", "payment", "issueTicket",
                    "returnToSale", "extend");
            String method = methods.get(random.nextInt(methods.size()));
            Predicate<Interception.Call> matches = Interception.method(method);
            Interception<?> target = switch (method) {
                case "transition", "markPaid" -> orderCalls;
                case "confirm", "cancel", "payment" -> pgCalls;
                default -> seatCalls;
            };
            if (after) {
                target.failAfter(matches);
            } else {
                target.failBefore(matches);
            }
        }

        /**
         * Production from here on, without faults: the workflow runs to its end (its waits time out), Toss delivers
         * its webhooks, and the sweep passes after every deadline.
         */
        void settle() {
            orderCalls.clear();
            pgCalls.clear();
            seatCalls.clear();
            for (int i = 0; i < 20 && !flow.ended(); i++) {
                if (!flow.step()) {
                    CLOCK.advance(Duration.ofHours(2)); // nothing to wait for any more: the wait times out
                }
            }
            deliverWebhooks();
            CLOCK.advance(Duration.ofHours(3));
            expiring.sweep();
            deliverWebhooks();
        }
    }

    /**
     * The payment state machine, one state at a time, as statemachines/payment.asl.json moves: the waits end on the
     * task token's answer or at their timeout; Confirm Payment retries an unavailable PG three times; any other error
     * of a step leads to Close Order as PAYMENT_UNCERTAIN; Close Order is retried three times, then the execution
     * fails (Close Failed) and only the sweep can close the order.
     */
    final class Flow {
        enum State { AWAIT_PAYMENT, CONFIRM, AWAIT_DEPOSIT, ISSUE, NOTIFY, CLOSE, END }

        final String orderId;
        final String paymentToken;
        final String depositToken;
        State state = State.AWAIT_PAYMENT;
        Instant waitUntil;
        String closeReason;
        int tries;
        Runnable last = () -> { };

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
                        go(state == State.AWAIT_PAYMENT ? State.CONFIRM : State.ISSUE);
                    } else if (!CLOCK.instant().isBefore(waitUntil)) {
                        toClose(state == State.AWAIT_PAYMENT ? "EXPIRED" : "DEPOSIT_EXPIRED");
                    } else {
                        return false;
                    }
                }
                case CONFIRM -> run(this::confirm);
                case ISSUE -> run(this::issue);
                case NOTIFY -> run(this::notifyBooking);
                case CLOSE -> run(this::close);
                case END -> {
                    return false;
                }
            }
            return true;
        }

        /** Step Functions ran the last task again (a retry after a lost answer): it must change nothing new. */
        void repeatLast() {
            last.run();
        }

        private void run(Runnable task) {
            last = () -> {
                try {
                    task.run();
                } catch (RuntimeException repeatedFailure) {
                    // the repeat's failure is not the workflow's: its own run decides the next state
                }
            };
            task.run();
        }

        private void confirm() {
            try {
                ConfirmingBookings.Confirmation c = tasks.confirm(orderId);
                if (c.outcome().equals(ConfirmingBookings.Confirmation.AWAITING_DEPOSIT)) {
                    enterWait(State.AWAIT_DEPOSIT, depositToken,
                            CLOCK.instant().plusSeconds(c.depositWaitSeconds()));
                } else {
                    go(State.ISSUE);
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
                    go(State.NOTIFY);
                } else {
                    toClose(ConfirmingBookings.SEATS_LOST);
                }
            } catch (RuntimeException any) {
                toClose("PAYMENT_UNCERTAIN");
            }
        }

        private void notifyBooking() {
            try {
                tasks.notifyBooking(orderId);
            } catch (RuntimeException any) {
                // Booked Without Notice: the booking stands
            }
            go(State.END);
        }

        private void close() {
            try {
                PaymentInterleavingTest.this.close(orderId, closeReason);
                go(State.END);
            } catch (RuntimeException failed) {
                if (++tries > 3) {
                    go(State.END); // Close Failed: the sweep is the belt
                }
            }
        }

        private void enterWait(State wait, String token, Instant until) {
            go(wait);
            waitUntil = until;
            tasks.awaitPayment(orderId, wait == State.AWAIT_PAYMENT ? PayingOrders.PAYMENT_STAGE
                    : PayingOrders.DEPOSIT_STAGE, token);
        }

        private void toClose(String reason) {
            closeReason = reason;
            go(State.CLOSE);
        }

        private void go(State next) {
            state = next;
            tries = 0;
        }
    }
}
