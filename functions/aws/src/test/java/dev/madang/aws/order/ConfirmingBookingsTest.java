package dev.madang.aws.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.madang.domain.booking.SeatHold;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.order.CloseReason;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.PayingOrders;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.ConfirmingBookings;
import dev.madang.domain.order.PaymentWorkflows;
import dev.madang.domain.order.Ticket;
import dev.madang.localstack.TossSandbox.Endpoint;
import dev.madang.localstack.TossSandbox.PayMethod;
import dev.madang.localstack.TossSandbox;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The payment workflow's steps on their real adapters ({@link PaymentStepsFixture}): approval after expiry, a hold that
 * lapses mid-issue, late deposits, repeated callbacks, an early webhook, the unpaid sweep, repeated steps.
 */
class ConfirmingBookingsTest extends PaymentStepsFixture {

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

        assertThat(tasks.confirm(order.id()).outcome()).isEqualTo(ConfirmingBookings.Confirmation.PAID);
        assertThat(orders.byId(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.APPROVED);
        assertThat(toss.paymentJson(paymentKey).path("status").asText()).isEqualTo("DONE");

        assertThat(tasks.issueTickets(order.id())).isEqualTo(ConfirmingBookings.SEATS_LOST);
        // a lapsed hold becomes no ticket even on a seat nobody took: the first seat is refused already, so there is
        // nothing to revoke (the revocation path is the next test's)
        String firstSeat = order.seats().get(0).seatId();
        assertThat(seatClaims.issued).containsExactly(firstSeat + "=false");
        assertThat(seatClaims.revoked).isEmpty();
        assertThat(ticketsOn(round)).as("seats carrying a ticket").isEmpty();
        assertThat(orders.ticketsOf(order.id())).isEmpty();
        assertThat(holdersOf(round)).containsEntry(lostSeat, other.holdId());

        assertThat(close(order.id(), ConfirmingBookings.SEATS_LOST)).isEqualTo(OrderStatus.REFUNDED);
        Order closed = orders.byId(order.id()).orElseThrow();
        assertThat(closed.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(closed.closeReason()).isEqualTo(CloseReason.SEATS_LOST);
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
        assertThat(tasks.confirm(order.id()).outcome()).isEqualTo(ConfirmingBookings.Confirmation.PAID);

        // the first seat becomes a ticket; right then the hold runs out and another fan takes the second seat
        String firstSeat = order.seats().get(0).seatId();
        String lostSeat = order.seats().get(1).seatId();
        List<SeatHold> other = new ArrayList<>();
        seatClaims.afterFirstIssue = () -> {
            CLOCK.advance(HOLD_FOR.plusSeconds(1));
            other.add(hold("mid-issue-other", round, lostSeat));
        };
        assertThat(tasks.issueTickets(order.id())).isEqualTo(ConfirmingBookings.SEATS_LOST);
        assertThat(seatClaims.issued).containsExactly(firstSeat + "=true", lostSeat + "=false");
        assertThat(seatClaims.revoked).containsExactly(firstSeat);
        assertThat(ticketsOn(round)).as("seats carrying a ticket").isEmpty();
        assertThat(orders.ticketsOf(order.id())).isEmpty();

        assertThat(close(order.id(), ConfirmingBookings.SEATS_LOST)).isEqualTo(OrderStatus.REFUNDED);
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
        OrderStatus closedAs = close(order.id(), "DEPOSIT_EXPIRED");

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
    void a_deposit_callback_after_the_order_closed_its_virtual_account_changes_nothing() throws Exception {
        Round round = roundOnSale(4);
        Order order = awaitingDeposit("closed-depositor", round);
        String paymentKey = order.paymentKey();
        String secret = orders.depositSecret(order.id()).orElseThrow();

        // the deadline passes with no deposit: the order closes and the account is closed at Toss
        CLOCK.set(order.payBy().plusSeconds(1));
        assertThat(close(order.id(), "DEPOSIT_EXPIRED")).isEqualTo(OrderStatus.EXPIRED);
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
        assertThat(after.closeReason()).isEqualTo(CloseReason.DEPOSIT_EXPIRED);
        assertThat(toss.effectCount(Endpoint.CANCEL)).isEqualTo(cancels);
        assertThat(orders.ticketsOf(order.id())).isEmpty();
        assertThat(ticketsOn(round)).isEmpty();
        // the fan was told where to deposit, then that the order closed: ids, amounts and the PG's account only
        assertThat(toldAbout(order.id())).extracting(m -> m.path("type").asText())
                .contains("DEPOSIT_WAITING", "ORDER_CLOSED");
        assertThat(toldAbout(order.id())).filteredOn(m -> m.path("type").asText().equals("DEPOSIT_WAITING"))
                .allSatisfy(m -> {
                    assertThat(m.path("accountId").asText()).isEqualTo(order.userId());
                    assertThat(m.path("amount").asLong()).isEqualTo(order.amount());
                    assertThat(m.path("dueAt").asText()).isEqualTo(order.payBy().toString());
                    assertThat(m.path("accountNumber").asText()).isNotBlank();
                });
        assertThat(toldAbout(order.id())).filteredOn(m -> m.path("type").asText().equals("ORDER_CLOSED"))
                .allSatisfy(m -> assertThat(m.path("reason").asText()).isEqualTo("DEPOSIT_EXPIRED"));
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
        assertThat(closed.closeReason()).isEqualTo(CloseReason.EXPIRED);
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
    void issuing_from_the_booking_the_execution_carries_reads_nothing_and_writes_what_reading_would() {
        Round round = roundOnSale(6);
        Order read = paidApproved("booked-reader", round, "A-1-1", "A-1-2");
        Order booked = paidApproved("booked-fan", round, "A-1-3", "A-1-4");
        PaymentWorkflows.Booking booking = workflows.bookings.get(booked.id());
        assertThat(booking.userId()).isEqualTo("booked-fan");
        assertThat(booking.seats()).extracting(s -> s.seat().id()).containsExactly("A-1-3", "A-1-4");

        assertThat(tasks.issueTickets(read.id())).isEqualTo(ConfirmingBookings.ISSUED);
        List<String> orderReads = new java.util.concurrent.CopyOnWriteArrayList<>();
        orderCalls.before(call -> !call.method().equals("markPaid"), () -> orderReads.add("read"));
        assertThat(tasks.issueTickets(booked.id(), booking))
                .isEqualTo(new ConfirmingBookings.Issue(ConfirmingBookings.ISSUED, "booked-fan", 2));
        assertThat(orderReads).as("order reads while issuing from the booking").isEmpty();
        orderCalls.clear();

        // the same tickets as the reading path writes, field for field but the ids, seats and owner
        List<Ticket> viaBooking = orders.ticketsOf(booked.id());
        List<Ticket> viaReading = orders.ticketsOf(read.id());
        assertThat(viaBooking).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Ticket b = viaBooking.get(i);
            Ticket r = viaReading.get(i);
            assertThat(List.of(b.performanceId(), b.roundId(), b.startsAt(), b.sectionId(), b.grade(), b.price(),
                    b.status())).isEqualTo(List.of(r.performanceId(), r.roundId(), r.startsAt(), r.sectionId(),
                    r.grade(), r.price(), r.status()));
            assertThat(b.performanceTitle()).isEqualTo(r.performanceTitle()).isNotBlank();
        }
        assertThat(orders.byId(booked.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);

        // a repeat (a retried step) answers the same and writes nothing new
        assertThat(tasks.issueTickets(booked.id(), booking).outcome()).isEqualTo(ConfirmingBookings.ISSUED);
        assertThat(orders.ticketsOf(booked.id())).isEqualTo(viaBooking);
        assertThat(ticketsOn(round)).containsOnlyKeys("A-1-1", "A-1-2", "A-1-3", "A-1-4");
    }

    @Test
    void issuing_from_the_booking_still_refuses_a_closed_order_and_a_lapsed_hold() {
        Round round = roundOnSale(6);
        // closed by the sweep between approval and issue: refused, no seat ticketed, nothing PAID
        Order closed = paidApproved("booked-closed", round, "A-1-1");
        assertThat(close(closed.id(), "PAYMENT_UNCERTAIN")).isEqualTo(OrderStatus.REFUNDED);
        assertThatThrownBy(() -> tasks.issueTickets(closed.id(), workflows.bookings.get(closed.id())))
                .isInstanceOf(dev.madang.domain.payment.PaymentRefused.class);
        assertThat(ticketsOn(round)).isEmpty();
        assertThat(orders.ticketsOf(closed.id())).isEmpty();

        // the hold ran out and another fan took a seat: SEATS_LOST, as the reading path answers
        Order lapsed = paidApproved("booked-lapsed", round, "A-1-2", "A-1-3");
        CLOCK.advance(HOLD_FOR.plusSeconds(1));
        hold("booked-other", round, "A-1-3");
        assertThat(tasks.issueTickets(lapsed.id(), workflows.bookings.get(lapsed.id())).outcome())
                .isEqualTo(ConfirmingBookings.SEATS_LOST);
        assertThat(ticketsOn(round)).isEmpty();
        assertThat(orders.byId(lapsed.id()).orElseThrow().status()).isEqualTo(OrderStatus.APPROVED);
    }

    @Test
    void placing_again_answers_the_same_order_open_or_closed_and_only_to_its_fan() {
        Round round = roundOnSale(4);
        SeatHold hold = hold("again-fan", round, "A-1-1");
        Order order = place("again-fan", hold, PaymentMethod.CARD);
        // the ledger marks the hold ordered, so the order is looked up and answered, not made twice
        assertThat(place("again-fan", hold, PaymentMethod.CARD)).isEqualTo(order);
        assertThatThrownBy(() -> placing.place(new dev.madang.domain.order.PlacingOrders.PlaceOrder("again-other",
                true, hold.holdId(), PaymentMethod.CARD))).isInstanceOf(DomainException.class)
                .hasFieldOrPropertyWithValue("kind", DomainException.Kind.NOT_FOUND);

        // closed: its hold is gone from the ledger, and the closed order is what a retry gets
        assertThat(close(order.id(), "CANCELLED")).isEqualTo(OrderStatus.CANCELLED);
        Order again = placing.place(new dev.madang.domain.order.PlacingOrders.PlaceOrder("again-fan", true,
                hold.holdId(), PaymentMethod.CARD));
        assertThat(again.id()).isEqualTo(order.id());
        assertThat(again.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThatThrownBy(() -> placing.place(new dev.madang.domain.order.PlacingOrders.PlaceOrder("again-fan",
                true, "no-such-hold", PaymentMethod.CARD))).isInstanceOf(DomainException.class)
                .hasFieldOrPropertyWithValue("kind", DomainException.Kind.NOT_FOUND);
    }

    /** A card order placed, paid in the PG window and approved: ready for Issue Tickets. */
    private Order paidApproved(String fan, Round round, String... seats) {
        Order order = place(fan, hold(fan, round, seats), PaymentMethod.CARD);
        submit(fan, order, toss.authorize(order.id(), order.amount(), PayMethod.CARD));
        assertThat(tasks.confirm(order.id()).outcome()).isEqualTo(ConfirmingBookings.Confirmation.PAID);
        return order;
    }

    @Test
    void every_step_repeated_acts_once() {
        Round round = roundOnSale(6);
        Order order = place("repeat-fan", hold("repeat-fan", round, "A-1-1", "A-1-2"), PaymentMethod.CARD);
        String paymentKey = toss.authorize(order.id(), order.amount(), PayMethod.CARD);
        submit("repeat-fan", order, paymentKey);
        int confirms = toss.effectCount(Endpoint.CONFIRM);

        assertThat(tasks.confirm(order.id()).outcome()).isEqualTo(ConfirmingBookings.Confirmation.PAID);
        assertThat(tasks.confirm(order.id()).outcome()).isEqualTo(ConfirmingBookings.Confirmation.PAID);
        assertThat(toss.effectCount(Endpoint.CONFIRM) - confirms).isEqualTo(1);

        assertThat(tasks.issueTickets(order.id())).isEqualTo(ConfirmingBookings.ISSUED);
        List<Ticket> tickets = orders.ticketsOf(order.id());
        assertThat(tasks.issueTickets(order.id())).isEqualTo(ConfirmingBookings.ISSUED);
        assertThat(orders.ticketsOf(order.id())).isEqualTo(tickets).hasSize(2);
        assertThat(orders.byId(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(ticketsOn(round)).containsOnlyKeys("A-1-1", "A-1-2");

        // closing a paid order (a late timer, the sweep) leaves it paid and refunds nothing
        int cancels = toss.effectCount(Endpoint.CANCEL);
        assertThat(close(order.id(), "EXPIRED")).isEqualTo(OrderStatus.PAID);
        assertThat(toss.effectCount(Endpoint.CANCEL)).isEqualTo(cancels);

        // an approved order closed twice: one refund, the same status both times
        Order other = place("repeat-other", hold("repeat-other", round, "A-1-3"), PaymentMethod.CARD);
        String otherKey = toss.authorize(other.id(), other.amount(), PayMethod.CARD);
        submit("repeat-other", other, otherKey);
        tasks.confirm(other.id());
        assertThat(close(other.id(), "PAYMENT_UNCERTAIN")).isEqualTo(OrderStatus.REFUNDED);
        Map<String, AttributeValue> afterFirstClose = orderItem(other.id());
        assertThat(close(other.id(), "PAYMENT_UNCERTAIN")).isEqualTo(OrderStatus.REFUNDED);
        assertThat(orderItem(other.id())).isEqualTo(afterFirstClose);
        assertThat(toss.effectCount(Endpoint.CANCEL) - cancels).isEqualTo(1);
        assertThat(toss.paymentJson(otherKey).path("status").asText()).isEqualTo("CANCELED");
        assertThat(holdersOf(round)).doesNotContainValue(other.holdId());
    }

}
