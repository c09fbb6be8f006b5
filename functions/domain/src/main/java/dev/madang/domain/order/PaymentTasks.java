package dev.madang.domain.order;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.booking.HoldLedgers;
import dev.madang.domain.booking.SeatClaims;
import dev.madang.domain.booking.SeatHold;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.Performances;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.domain.payment.PgPayment;
import dev.madang.domain.payment.PgStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The payment workflow's steps (statemachines/payment.asl.json). Step Functions may run a step twice (a retry after a
 * lost answer), so every step is idempotent: it reads the order, does nothing the order shows as done, and moves the
 * order only by conditional transitions. A business refusal is a {@link PaymentRefused} (the workflow closes the
 * order, no retry); anything transient is thrown as is (the workflow retries with backoff).
 */
public final class PaymentTasks {

    /** What the confirm step answers the workflow. */
    public record Confirmation(String outcome, Long depositWaitSeconds) {
        public static final String PAID = "PAID";
        public static final String AWAITING_DEPOSIT = "AWAITING_DEPOSIT";
    }

    public static final String ISSUED = "ISSUED";
    public static final String SEATS_LOST = "SEATS_LOST";
    /** The close reason of an order whose virtual account was deposited but could not be refunded automatically. */
    public static final String REFUND_NEEDS_ACCOUNT = "LATE_DEPOSIT_REFUND_NEEDS_ACCOUNT";
    private static final System.Logger LOG = System.getLogger("dev.madang.security");

    private final Orders orders;
    private final PaymentGateway gateway;
    private final SeatClaims seats;
    private final HoldLedgers ledgers;
    private final CachedCatalog catalog;
    private final Performances performances;
    private final PaymentWorkflows workflows;
    private final BookingNotifications notifications;
    private final Clock clock;

    public PaymentTasks(Orders orders, PaymentGateway gateway, SeatClaims seats, HoldLedgers ledgers,
                        CachedCatalog catalog, Performances performances, PaymentWorkflows workflows,
                        BookingNotifications notifications, Clock clock) {
        this.orders = orders;
        this.gateway = gateway;
        this.seats = seats;
        this.ledgers = ledgers;
        this.catalog = catalog;
        this.performances = performances;
        this.workflows = workflows;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * The wait steps: keep the token where the API and the webhook find it. If what the wait is for already happened
     * (the fan submitted the key, or the deposit arrived, before this step ran), answer it at once.
     */
    public void awaitPayment(String orderId, String stage, String taskToken) {
        orders.saveTaskToken(orderId, stage, taskToken);
        Order order = order(orderId);
        if (PayingOrders.PAYMENT_STAGE.equals(stage) && order.status() == OrderStatus.CONFIRMING) {
            workflows.succeed(taskToken, PayingOrders.paymentKeyJson(order.paymentKey()));
        } else if (PayingOrders.DEPOSIT_STAGE.equals(stage) && order.status() == OrderStatus.APPROVED) {
            workflows.succeed(taskToken, "{\"deposited\":true}");
        }
    }

    /** Confirms with the PG, with the stored amount and one idempotency key per order (reused on every retry). */
    public Confirmation confirm(String orderId) {
        Order order = order(orderId);
        switch (order.status()) {
            case APPROVED, PAID:
                return new Confirmation(Confirmation.PAID, null);
            case AWAITING_DEPOSIT:
                return awaitingDeposit(order.payBy());
            case CONFIRMING:
                break;
            default:
                throw new PaymentRefused("ORDER_CLOSED", "the order is " + order.status());
        }
        PgPayment payment = gateway.confirm(order.paymentKey(), order.id(), order.amount(), "confirm-" + order.id());
        if (payment.totalAmount() != order.amount() || !order.id().equals(payment.orderId())) {
            throw new PaymentRefused("AMOUNT_MISMATCH", "the PG approved another amount or order");
        }
        if (payment.status() == PgStatus.DONE) {
            orders.transition(orderId, Set.of(OrderStatus.CONFIRMING), Orders.Change.to(OrderStatus.APPROVED));
            return new Confirmation(Confirmation.PAID, null);
        }
        if (payment.status() == PgStatus.WAITING_FOR_DEPOSIT && payment.virtualAccount() != null) {
            Instant deadline = payment.virtualAccount().dueDate();
            // the seats wait as long as the deposit may take; a hold that lapsed meanwhile cannot be kept
            if (!extendHold(order, deadline)) {
                throw new PaymentRefused("HOLD_EXPIRED", "the hold expired before the virtual account was issued");
            }
            orders.transition(orderId, Set.of(OrderStatus.CONFIRMING), new Orders.Change(OrderStatus.AWAITING_DEPOSIT,
                    null, deadline, payment.depositSecret(), null));
            return awaitingDeposit(deadline);
        }
        throw new PaymentRefused("NOT_APPROVED", "the PG answered " + payment.status());
    }

    /** Each seat's hold becomes its ticket (a conditional write on the hold id); then the order is PAID. */
    public String issueTickets(String orderId) {
        Order order = order(orderId);
        if (order.status() == OrderStatus.PAID) {
            return ISSUED;
        }
        if (order.status() != OrderStatus.APPROVED) {
            throw new PaymentRefused("ORDER_NOT_APPROVED", "the order is " + order.status());
        }
        Round round = catalog.round(order.roundId());
        SeatLayout layout = catalog.layout(round);
        Performance show = performances.find(round.performanceId()).orElse(null);
        Instant now = clock.instant();
        List<Ticket> tickets = new ArrayList<>();
        List<Seat> issued = new ArrayList<>();
        for (int i = 0; i < order.seats().size(); i++) {
            HeldSeat held = order.seats().get(i);
            Seat seat = layout.seat(held.seatId()).orElseThrow();
            String ticketId = ticketId(order, i);
            if (!seats.issueTicket(round.id(), seat, order.holdId(), ticketId, order.userId(), now)) {
                // the hold lapsed between approval and now and the seat may be sold again: undo, refund in full
                for (int j = 0; j < issued.size(); j++) {
                    seats.revokeTicket(round.id(), issued.get(j), ticketId(order, j));
                }
                return SEATS_LOST;
            }
            issued.add(seat);
            tickets.add(new Ticket(ticketId, order.id(), order.userId(), round.performanceId(),
                    show == null ? null : show.title(), round.id(), round.startsAt(), held.seatId(), held.sectionId(),
                    held.grade(), held.price(), Ticket.TicketStatus.ISSUED, now));
        }
        orders.saveTickets(tickets);
        orders.transition(orderId, Set.of(OrderStatus.APPROVED), Orders.Change.to(OrderStatus.PAID));
        return ISSUED;
    }

    public void notifyBooking(String orderId) {
        Order order = order(orderId);
        notifications.bookingConfirmed(order, orders.ticketsOf(orderId).size());
    }

    /**
     * Closes an order that will not be paid (reason from the workflow: EXPIRED, CANCELLED, DEPOSIT_EXPIRED,
     * PAYMENT_REFUSED, PAYMENT_UNCERTAIN, SEATS_LOST): the seats go back, and whatever the PG approved or issued is
     * cancelled in full. Closing a closed order does nothing.
     */
    public OrderStatus close(String orderId, String reason) {
        Order order = order(orderId);
        if (!order.status().isOpen()) {
            return order.status();
        }
        releaseSeats(order);
        boolean refunded;
        boolean refundOwed = false;
        try {
            refunded = cancelAtPg(order, reason);
        } catch (RefundNeedsAccount refused) {
            // the deposit reached the PG, but Toss refunds a deposited virtual account only to an account the
            // customer names, and we have none. Failing here would leave the order open with its seats already
            // given back (and a later callback would even approve it); every sweep would fail the same way. So the
            // order closes, and says a person has to refund it.
            LOG.log(System.Logger.Level.WARNING, "order {0} closed ({1}) with a deposit at the PG that needs a manual "
                    + "refund ({2})", order.id(), reason, refused.getCause().code());
            refunded = false;
            refundOwed = true;
        }
        OrderStatus to = switch (reason) {
            case "EXPIRED", "DEPOSIT_EXPIRED" -> refunded ? OrderStatus.REFUNDED : OrderStatus.EXPIRED;
            case "CANCELLED" -> OrderStatus.CANCELLED;
            case "SEATS_LOST" -> refundOwed ? OrderStatus.FAILED : OrderStatus.REFUNDED;
            default -> refunded ? OrderStatus.REFUNDED : OrderStatus.FAILED;
        };
        orders.transition(orderId, OrderStatus.OPEN, new Orders.Change(to, null, null, null,
                refundOwed ? REFUND_NEEDS_ACCOUNT : reason));
        return to;
    }

    private boolean cancelAtPg(Order order, String reason) {
        Optional<PgPayment> payment = order.paymentKey() != null ? Optional.of(gateway.payment(order.paymentKey()))
                : gateway.paymentOfOrder(order.id());
        if (payment.isEmpty()) {
            return false;
        }
        PgStatus status = payment.get().status();
        if (status == PgStatus.DONE || status == PgStatus.PARTIAL_CANCELED || status == PgStatus.WAITING_FOR_DEPOSIT) {
            try {
                gateway.cancel(payment.get().paymentKey(), "Madang: order closed (" + reason + ")", null,
                        status.paid() ? order.refundAccount() : null, "close-" + order.id());
            } catch (PaymentRefused refused) {
                if (order.method() == PaymentMethod.VIRTUAL_ACCOUNT && status.paid()) {
                    throw new RefundNeedsAccount(refused);
                }
                throw refused;
            }
            return status != PgStatus.WAITING_FOR_DEPOSIT; // closing an unpaid virtual account refunds nothing
        }
        return false;
    }

    private void releaseSeats(Order order) {
        Round round = catalog.round(order.roundId());
        SeatLayout layout = catalog.layout(round);
        for (HeldSeat held : order.seats()) {
            layout.seat(held.seatId()).ifPresent(seat -> seats.release(round.id(), seat, order.holdId()));
        }
        ledgers.remove(new SeatHold(order.holdId(), order.roundId(), order.userId(), order.seats(), order.payBy()));
    }

    private boolean extendHold(Order order, Instant deadline) {
        Round round = catalog.round(order.roundId());
        SeatLayout layout = catalog.layout(round);
        Instant now = clock.instant();
        for (HeldSeat held : order.seats()) {
            Seat seat = layout.seat(held.seatId()).orElseThrow();
            if (!seats.extend(round.id(), seat, order.holdId(), now, deadline)) {
                return false;
            }
        }
        return true;
    }

    private Confirmation awaitingDeposit(Instant deadline) {
        return new Confirmation(Confirmation.AWAITING_DEPOSIT,
                Math.max(1, Duration.between(clock.instant(), deadline).toSeconds()));
    }

    private Order order(String orderId) {
        return orders.byId(orderId).orElseThrow(() -> new PaymentRefused("NO_SUCH_ORDER", "no order " + orderId));
    }

    /** The PG refused to refund a deposited virtual account without the customer's refund account. */
    private static final class RefundNeedsAccount extends RuntimeException {
        RefundNeedsAccount(PaymentRefused cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized PaymentRefused getCause() {
            return (PaymentRefused) super.getCause();
        }
    }

    /** Stable per seat, so a repeated issue writes the same tickets. */
    static String ticketId(Order order, int index) {
        return order.id() + "-" + (index + 1);
    }
}
