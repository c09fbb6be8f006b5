package dev.madang.aws.order;

import dev.madang.aws.support.Interception;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.SeatHold;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.PayingOrders;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.ConfirmingBookings;
import dev.madang.domain.order.Ticket;
import dev.madang.localstack.TossSandbox.PayMethod;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.madang.aws.support.Interception.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The races between the fan, the payment workflow and the unpaid sweep, each put at the moment it hurts: a failing
 * store call, a sweep run between a PG call and the write that records it, a release while the order is being paid.
 * Every test ends with the payment invariants checked ({@link PaymentStepsFixture#invariantsHold()}).
 */
class PaymentRacesTest extends PaymentStepsFixture {

    /** Past a card order's deadline (the hold's expiry) by more than the sweep's grace. */
    static final Duration PAST_SWEEP = HOLD_FOR.plus(ExpiringUnpaidOrders.GRACE).plusSeconds(1);

    @Test
    void a_store_fault_after_the_first_ticket_leaves_no_seat_sold_to_nobody() {
        Round round = roundOnSale(4);
        Order order = approved("fault-late", round);
        // the seats become tickets; then the write that records the booking (the order PAID with its tickets) fails:
        // a timeout, a throttled request
        orderCalls.failBefore(PaymentStepsFixture::writesPaid);

        assertThat(workflowFromIssue(order.id())).isEqualTo("Order Closed PAYMENT_UNCERTAIN");

        Order closed = orders.byId(order.id()).orElseThrow();
        System.out.println("fault after the first ticket: order " + closed.status() + ", seats ticketed "
                + ticketsOn(round) + ", PG " + toss.paymentJson(closed.paymentKey()).path("status").asText());
        assertThat(closed.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(ticketsOn(round)).as("seats carrying a ticket").isEmpty();
        assertThat(orders.ticketsOf(order.id())).noneMatch(t -> t.status() == Ticket.TicketStatus.ISSUED);
        assertThat(toss.paymentJson(closed.paymentKey()).path("status").asText()).isEqualTo("CANCELED");
        hold("fault-late-next", round, "A-1-1", "A-1-2"); // the seats are for sale again
    }

    @Test
    void a_sweep_that_closes_the_order_while_its_tickets_are_issued_means_no_booking_is_announced() {
        Round round = roundOnSale(4);
        Order order = approved("sweep-mid-issue", round);
        // every seat is a ticket; just before the order is marked PAID, the sweep finds it past its deadline
        orderCalls.before(PaymentStepsFixture::writesPaid, () -> {
            CLOCK.advance(PAST_SWEEP);
            expiring.sweep();
        });

        String end = workflowFromIssue(order.id());

        Order after = orders.byId(order.id()).orElseThrow();
        System.out.println("sweep during issue: workflow ended at " + end + ", order " + after.status()
                + ", seats ticketed " + ticketsOn(round));
        assertThat(end).as("the workflow must not announce a booking the sweep closed").isNotEqualTo("Booked");
        assertThat(after.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(ticketsOn(round)).isEmpty();
        assertThat(orders.ticketsOf(order.id())).noneMatch(t -> t.status() == Ticket.TicketStatus.ISSUED);
        assertThat(toss.paymentJson(after.paymentKey()).path("status").asText()).isEqualTo("CANCELED");
    }

    @Test
    void a_sweep_that_closes_the_order_while_the_pg_confirms_it_gets_the_money_refunded() {
        Round round = roundOnSale(4);
        Order order = place("sweep-mid-confirm", hold("sweep-mid-confirm", round, "A-1-1", "A-1-2"),
                PaymentMethod.CARD);
        String paymentKey = toss.authorize(order.id(), order.amount(), PayMethod.CARD);
        submit("sweep-mid-confirm", order, paymentKey);
        // the confirm is on its way to the PG (a slow network, a retried Lambda) when the sweep closes the order
        pgCalls.before(method("confirm"), () -> {
            CLOCK.advance(PAST_SWEEP);
            expiring.sweep();
        });

        String end = workflowFromConfirm(order.id());

        Order after = orders.byId(order.id()).orElseThrow();
        System.out.println("sweep during confirm: workflow ended at " + end + ", order " + after.status() + " ("
                + after.closeReason() + "), PG " + toss.paymentJson(paymentKey).path("status").asText());
        assertThat(toss.paymentJson(paymentKey).path("status").asText()).isEqualTo("CANCELED");
        assertThat(toss.paymentJson(paymentKey).path("balanceAmount").asLong()).isZero();
        assertThat(after.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(holdersOf(round)).doesNotContainValue(order.holdId());
    }

    @Test
    void a_hold_with_an_order_cannot_be_released_while_its_deposit_is_awaited() {
        Round round = roundOnSale(4);
        Order order = awaitingDeposit("leaving-depositor", round);

        // the fan leaves the page: the hold now belongs to the order, so only cancelling the order frees it
        assertThatThrownBy(() -> holding.release("leaving-depositor", order.holdId()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.type()).isEqualTo("hold-has-order");
                });
        assertThat(holdersOf(round)).containsEntry("A-1-1", order.holdId()).containsEntry("A-1-2", order.holdId());
        assertThatThrownBy(() -> hold("someone-else", round, "A-1-1"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT));
        assertThat(orders.byId(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.AWAITING_DEPOSIT);
    }

    @Test
    void an_idempotency_key_reused_for_another_request_is_refused_and_expires_after_a_day() {
        Round first = roundOnSale(4);
        Round second = roundOnSale(4);
        SeatHold firstHold = holding.hold(new HoldingSeats.HoldRequest("key-reuser", true, first.id(),
                List.of("A-1-1"), "1"));
        Order firstOrder = place("key-reuser", firstHold, PaymentMethod.CARD);
        // a retry of the same request answers the same hold
        assertThat(holding.hold(new HoldingSeats.HoldRequest("key-reuser", true, first.id(), List.of("A-1-1"), "1"))
                .holdId()).isEqualTo(firstHold.holdId());

        // the same key for another round is another request: refused, nothing held
        assertThatThrownBy(() -> holding.hold(new HoldingSeats.HoldRequest("key-reuser", true, second.id(),
                List.of("A-1-2"), "1"))).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.type()).isEqualTo("idempotency-key-reused"));
        assertThat(holdersOf(second)).isEmpty();

        // another fan's key "1" is theirs alone
        SeatHold otherFan = holding.hold(new HoldingSeats.HoldRequest("key-other-fan", true, second.id(),
                List.of("A-1-2"), "1"));
        assertThat(otherFan.holdId()).isNotEqualTo(firstHold.holdId());

        // a day later the key is free again: a new hold, a new order, not the old ones
        CLOCK.advance(Duration.ofHours(25));
        SeatHold later = holding.hold(new HoldingSeats.HoldRequest("key-reuser", true, second.id(),
                List.of("A-1-3"), "1"));
        assertThat(later.holdId()).isNotEqualTo(firstHold.holdId());
        Order laterOrder = place("key-reuser", later, PaymentMethod.CARD);
        assertThat(laterOrder.id()).isNotEqualTo(firstOrder.id());
        assertThat(laterOrder.roundId()).isEqualTo(second.id());
    }

    @Test
    void a_fan_can_cancel_a_virtual_account_awaiting_its_deposit() {
        Round round = roundOnSale(4);
        Order order = awaitingDeposit("changed-mind", round);
        tasks.awaitPayment(order.id(), PayingOrders.DEPOSIT_STAGE, "deposit-token-" + order.id());

        paying.cancel("changed-mind", order.id());

        assertThat(workflows.failed).containsExactly("deposit-token-" + order.id() + " OrderCancelled");
        // the workflow's Await Deposit catches OrderCancelled: Mark Cancelled, Close Order
        close(order.id(), "CANCELLED");
        Order closed = orders.byId(order.id()).orElseThrow();
        assertThat(closed.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(toss.paymentJson(closed.paymentKey()).path("status").asText()).isEqualTo("CANCELED");
        assertThat(holdersOf(round)).doesNotContainValue(order.holdId());
    }

    @Test
    void a_virtual_accounts_seats_keep_counting_until_the_deposit_deadline() {
        Round round = roundOnSale(6); // at most 4 seats per fan
        Order order = awaitingDeposit("slow-depositor", round);

        // the card hold's 8 minutes are long gone; the deposit deadline is not
        CLOCK.advance(HOLD_FOR.plusMinutes(5));
        SeatHold hold = holding.find("slow-depositor", order.holdId());
        assertThat(hold.liveAt(CLOCK.instant())).as("the hold lives as long as its deposit may take").isTrue();
        // two seats held for the deposit plus three more is over the limit of four
        assertThatThrownBy(() -> hold("slow-depositor", round, "A-1-3", "A-1-4", "A-1-5"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.type()).isEqualTo("per-person-limit"));
        assertThat(holdersOf(round)).doesNotContainKeys("A-1-3", "A-1-4", "A-1-5");
    }

    @Test
    void a_payment_key_issued_for_another_order_is_refused_and_the_order_stays_payable() {
        Round round = roundOnSale(4);
        Order dear = place("two-tabs", hold("two-tabs", round, "A-1-1", "A-1-2"), PaymentMethod.CARD);
        Order cheap = place("two-tabs", hold("two-tabs", round, "A-1-3"), PaymentMethod.CARD);
        String cheapKey = toss.authorize(cheap.id(), cheap.amount(), PayMethod.CARD);

        // the cheaper order's key, sent with the dearer order's amount (a client bug, two open tabs)
        assertThatThrownBy(() -> submit("two-tabs", dear, cheapKey))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
                    assertThat(e.type()).isEqualTo("payment-key-mismatch");
                });
        Order untouched = orders.byId(dear.id()).orElseThrow();
        assertThat(untouched.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(untouched.paymentKey()).isNull();

        // the honest key still pays the order
        String dearKey = toss.authorize(dear.id(), dear.amount(), PayMethod.CARD);
        assertThat(submit("two-tabs", dear, dearKey).status()).isEqualTo(OrderStatus.CONFIRMING);
        assertThat(workflowFromConfirm(dear.id())).isEqualTo("Booked");
        assertThat(submit("two-tabs", cheap, cheapKey).status()).isEqualTo(OrderStatus.CONFIRMING);
        assertThat(workflowFromConfirm(cheap.id())).isEqualTo("Booked");
    }

    /** A card order the PG approved: the workflow is about to issue its tickets. */
    Order approved(String fan, Round round) {
        Order order = place(fan, hold(fan, round, "A-1-1", "A-1-2"), PaymentMethod.CARD);
        submit(fan, order, toss.authorize(order.id(), order.amount(), PayMethod.CARD));
        assertThat(tasks.confirm(order.id()).outcome()).isEqualTo(ConfirmingBookings.Confirmation.PAID);
        assertThat(orders.byId(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.APPROVED);
        return order;
    }
}
