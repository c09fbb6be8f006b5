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
import dev.madang.domain.membership.GrantingMemberships;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.domain.payment.PgPayment;
import dev.madang.domain.payment.PgStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The payment workflow's steps (statemachines/payment.asl.json). Step Functions may run a step twice (a retry after a
 * lost answer), so every step is idempotent: it reads the order, does nothing the order shows as done, and moves the
 * order only by conditional transitions. A business refusal is a {@link PaymentRefused} (the workflow closes the
 * order, no retry); anything transient is thrown as is (the workflow retries with backoff).
 */
public final class ConfirmingBookings {

    /** What the confirm step answers the workflow. */
    public record Confirmation(String outcome, Long depositWaitSeconds) {
        public static final String PAID = "PAID";
        public static final String AWAITING_DEPOSIT = "AWAITING_DEPOSIT";
    }

    public static final String ISSUED = "ISSUED";
    public static final String SEATS_LOST = "SEATS_LOST";

    /**
     * What issuing answers the workflow: the outcome, and for {@link #ISSUED} the fan and the number of tickets, which
     * the notify step takes from the execution's state (null when this step read the order and so could not count
     * what another step issued for a transfer: notifying reads them then).
     */
    public record Issue(String outcome, String userId, Integer tickets) {
        static Issue of(String outcome) {
            return new Issue(outcome, null, null);
        }
    }

    private final Orders orders;
    private final OrderLifecycle lifecycle;
    private final PaymentGateway gateway;
    private final SeatClaims seats;
    private final HoldLedgers ledgers;
    private final CachedCatalog catalog;
    private final Performances performances;
    private final PaymentWorkflows workflows;
    private final BookingNotifications notifications;
    private final ClosingOrders closing;
    private final SeatHandovers handovers;
    private final GrantingMemberships grants;
    private final Clock clock;

    /** For wiring that never sees a transfer order. */
    public ConfirmingBookings(Orders orders, PaymentGateway gateway, SeatClaims seats, HoldLedgers ledgers,
                        CachedCatalog catalog, Performances performances, PaymentWorkflows workflows,
                        BookingNotifications notifications, ClosingOrders closing, Clock clock) {
        this(orders, gateway, seats, ledgers, catalog, performances, workflows, notifications, closing,
                SeatHandovers.NONE, clock);
    }

    public ConfirmingBookings(Orders orders, PaymentGateway gateway, SeatClaims seats, HoldLedgers ledgers,
                        CachedCatalog catalog, Performances performances, PaymentWorkflows workflows,
                        BookingNotifications notifications, ClosingOrders closing, SeatHandovers handovers,
                        Clock clock) {
        this(orders, gateway, seats, ledgers, catalog, performances, workflows, notifications, closing, handovers,
                null, clock);
    }

    /** {@code grants} fulfils membership orders (one period on the fan's card instead of tickets). */
    public ConfirmingBookings(Orders orders, PaymentGateway gateway, SeatClaims seats, HoldLedgers ledgers,
                        CachedCatalog catalog, Performances performances, PaymentWorkflows workflows,
                        BookingNotifications notifications, ClosingOrders closing, SeatHandovers handovers,
                        GrantingMemberships grants, Clock clock) {
        this.grants = grants;
        this.handovers = handovers;
        this.orders = orders;
        this.lifecycle = new OrderLifecycle(orders);
        this.gateway = gateway;
        this.seats = seats;
        this.ledgers = ledgers;
        this.catalog = catalog;
        this.performances = performances;
        this.workflows = workflows;
        this.notifications = notifications;
        this.closing = closing;
        this.clock = clock;
    }

    /**
     * The wait steps: keep the token where the API and the webhook find it. If what the wait is for already happened
     * (the fan submitted the key, or the deposit arrived, before this step ran), answer it at once.
     */
    public void awaitPayment(String orderId, String stage, String taskToken) {
        Order order = orders.saveTaskToken(orderId, stage, taskToken); // answers the order as the write left it
        if (PayingOrders.PAYMENT_STAGE.equals(stage) && order.status() == OrderStatus.CONFIRMING) {
            workflows.succeed(taskToken, PayingOrders.paymentKeyJson(order.paymentKey()));
        } else if (PayingOrders.DEPOSIT_STAGE.equals(stage) && order.status() == OrderStatus.APPROVED) {
            workflows.succeed(taskToken, "{\"deposited\":true}");
        }
    }

    /**
     * Confirms with the PG, with the stored amount and one idempotency key per order (reused on every retry). If the
     * order was closed while the PG confirmed it (the sweep), the step says so as a refusal: the workflow's Close
     * Order then finds the captured money and refunds it.
     */
    public Confirmation confirm(String orderId) {
        Order order = order(orderId);
        switch (order.status()) {
            case APPROVED, PAID:
                return new Confirmation(Confirmation.PAID, null);
            case AWAITING_DEPOSIT:
                // a repeated step: the first may have died before telling the fan (the consumer de-duplicates)
                notifications.depositWaiting(order, null);
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
            return lifecycle.approve(orderId) ? new Confirmation(Confirmation.PAID, null) : movedDuringConfirm(orderId);
        }
        if (payment.status() == PgStatus.WAITING_FOR_DEPOSIT && payment.virtualAccount() != null) {
            Instant deadline = payment.virtualAccount().dueDate();
            // the seats wait as long as the deposit may take; a hold that lapsed meanwhile cannot be kept
            if (!extendHold(order, deadline)) {
                throw new PaymentRefused("HOLD_EXPIRED", "the hold expired before the virtual account was issued");
            }
            if (!lifecycle.awaitDeposit(orderId, deadline, payment.depositSecret())) {
                return movedDuringConfirm(orderId);
            }
            notifications.depositWaiting(order(orderId), payment.virtualAccount());
            return awaitingDeposit(deadline);
        }
        throw new PaymentRefused("NOT_APPROVED", "the PG answered " + payment.status());
    }

    /** The order moved while the PG confirmed it: a twin step's result stands; a close means refusing. */
    private Confirmation movedDuringConfirm(String orderId) {
        Order now = order(orderId);
        return switch (now.status()) {
            case APPROVED, PAID -> new Confirmation(Confirmation.PAID, null);
            case AWAITING_DEPOSIT -> awaitingDeposit(now.payBy());
            default -> throw new PaymentRefused("ORDER_CLOSED", "the order was closed (" + now.status()
                    + ") while the PG confirmed it");
        };
    }

    /**
     * Each seat's hold becomes its ticket (a conditional write on the hold id); then the order becomes PAID with its
     * tickets in one write. If the order was closed meanwhile, nothing is announced: the step refuses, and closing
     * puts the seats ticketed here back on sale.
     */
    public String issueTickets(String orderId) {
        return issueTickets(orderId, null).outcome();
    }

    /**
     * As {@link #issueTickets(String)}, with the {@code booking} the order's execution carries (null for one started
     * without it): then neither the order nor the catalog is read on the way to PAID. Nothing is decided on what the
     * booking says: each seat's write is conditional on the order's hold, and PAID on the order being APPROVED; only
     * when one of them refuses is the order read, to answer as the reading path would have.
     */
    public Issue issueTickets(String orderId, PaymentWorkflows.Booking booking) {
        if (booking == null) {
            return Issue.of(issueReading(orderId));
        }
        Instant now = clock.instant();
        List<Ticket> tickets = new ArrayList<>();
        List<Seat> issued = new ArrayList<>();
        for (int i = 0; i < booking.seats().size(); i++) {
            PaymentWorkflows.BookedSeat booked = booking.seats().get(i);
            String ticketId = ticketId(orderId, i);
            if (!seats.issueTicket(booking.roundId(), booked.seat(), orderId, ticketId, booking.userId(), now)) {
                revoke(booking.roundId(), orderId, issued);
                return Issue.of(lostUnlessMoved(orderId));
            }
            issued.add(booked.seat());
            tickets.add(new Ticket(ticketId, orderId, booking.userId(), booking.performanceId(),
                    booking.performanceTitle(), booking.roundId(), booking.startsAt(), booked.seat().id(),
                    booked.seat().sectionId(), booked.grade(), booked.price(), Ticket.TicketStatus.ISSUED, now));
        }
        if (lifecycle.pay(orderId, tickets) || order(orderId).status() == OrderStatus.PAID) {
            return new Issue(ISSUED, booking.userId(), tickets.size());
        }
        throw new PaymentRefused("ORDER_CLOSED", "the order was closed while its tickets were issued");
    }

    /**
     * A seat refused its ticket. Only a seat ticketed for the order was refused if the order is PAID (never: a
     * repeat finds its own ticket); if the order is no longer APPROVED the step refuses as the reading path does;
     * otherwise the hold lapsed.
     */
    private String lostUnlessMoved(String orderId) {
        OrderStatus status = order(orderId).status();
        if (status == OrderStatus.PAID) {
            return ISSUED;
        }
        if (status != OrderStatus.APPROVED) {
            throw new PaymentRefused("ORDER_NOT_APPROVED", "the order is " + status);
        }
        return SEATS_LOST;
    }

    private void revoke(String roundId, String orderId, List<Seat> issued) {
        for (int j = 0; j < issued.size(); j++) {
            seats.revokeTicket(roundId, issued.get(j), ticketId(orderId, j));
        }
    }

    private String issueReading(String orderId) {
        Order order = order(orderId);
        if (order.status() == OrderStatus.PAID) {
            if (order.isMembership()) {
                grants.grant(order); // harmless if granted already: the card remembers the order
            }
            return ISSUED;
        }
        if (order.status() != OrderStatus.APPROVED) {
            throw new PaymentRefused("ORDER_NOT_APPROVED", "the order is " + order.status());
        }
        if (order.isMembership()) {
            // no seats: PAID first (a close cannot take a PAID order), then one period of the membership; a step
            // repeated after a crash in between finds the order PAID and grants then (once per order)
            if (lifecycle.pay(orderId, List.of()) || order(orderId).status() == OrderStatus.PAID) {
                grants.grant(order);
                return ISSUED;
            }
            throw new PaymentRefused("ORDER_CLOSED", "the order was closed before its membership was granted");
        }
        if (order.isTransfer()) {
            // the seat passes from the seller's ticket, never through a hold; a closed order refuses like any other
            if (handovers.handOver(order) || order(orderId).status() == OrderStatus.PAID) {
                return ISSUED;
            }
            if (order(orderId).status() != OrderStatus.APPROVED) {
                throw new PaymentRefused("ORDER_CLOSED", "the order was closed while its ticket was handed over");
            }
            return SEATS_LOST;
        }
        Round round = catalog.round(order.roundId());
        SeatLayout layout = catalog.layout(round);
        Performance performance = performances.find(round.performanceId()).orElse(null);
        Instant now = clock.instant();
        List<Ticket> tickets = new ArrayList<>();
        List<Seat> issued = new ArrayList<>();
        List<Long> paid = order.paidPrices();
        for (int i = 0; i < order.seats().size(); i++) {
            HeldSeat held = order.seats().get(i);
            Seat seat = layout.seat(held.seatId()).orElseThrow();
            String ticketId = ticketId(order.id(), i);
            if (!seats.issueTicket(round.id(), seat, order.holdId(), ticketId, order.userId(), now)) {
                // the hold lapsed between approval and now and the seat may be sold again: undo, refund in full
                revoke(round.id(), order.id(), issued);
                return SEATS_LOST;
            }
            issued.add(seat);
            tickets.add(new Ticket(ticketId, order.id(), order.userId(), round.performanceId(),
                    performance == null ? null : performance.title(), round.id(), round.startsAt(), held.seatId(),
                    held.sectionId(), held.grade(), paid.get(i), Ticket.TicketStatus.ISSUED, now));
        }
        if (lifecycle.pay(orderId, tickets) || order(orderId).status() == OrderStatus.PAID) {
            return ISSUED;
        }
        throw new PaymentRefused("ORDER_CLOSED", "the order was closed while its tickets were issued");
    }

    public void notifyBooking(String orderId) {
        Order order = order(orderId);
        if (order.isMembership()) {
            return; // the booking notice is about tickets; a membership is confirmed on the fan's screen (not built: a notice)
        }
        notifications.bookingConfirmed(order.id(), order.userId(), orders.ticketsOf(orderId).size());
    }

    /** As {@link #notifyBooking(String)}, with what Issue Tickets answered: nothing is read. */
    public void notifyBooking(String orderId, String userId, int tickets) {
        notifications.bookingConfirmed(orderId, userId, tickets);
    }

    /** The Close Order step: see {@link ClosingOrders}. */
    public OrderStatus close(String orderId, CloseReason reason) {
        return closing.close(orderId, reason);
    }

    /** The seats and the fan's ledger entry both last until the deposit deadline; false when the hold had lapsed. */
    private boolean extendHold(Order order, Instant deadline) {
        if (order.isTransfer() || order.isMembership()) {
            return true; // a seller's ticket waits for the buyer as it is, a membership holds nothing: nothing lapses
        }
        Round round = catalog.round(order.roundId());
        SeatLayout layout = catalog.layout(round);
        Instant now = clock.instant();
        for (HeldSeat held : order.seats()) {
            Seat seat = layout.seat(held.seatId()).orElseThrow();
            if (!seats.extend(round.id(), seat, order.holdId(), now, deadline)) {
                return false;
            }
        }
        return ledgers.extend(new SeatHold(order.holdId(), order.roundId(), order.userId(), order.seats(),
                order.payBy()), deadline);
    }

    private Confirmation awaitingDeposit(Instant deadline) {
        return new Confirmation(Confirmation.AWAITING_DEPOSIT,
                Math.max(1, Duration.between(clock.instant(), deadline).toSeconds()));
    }

    private Order order(String orderId) {
        return orders.byId(orderId).orElseThrow(() -> new PaymentRefused("NO_SUCH_ORDER", "no order " + orderId));
    }

    /** Stable per seat, so a repeated issue writes the same tickets. */
    static String ticketId(String orderId, int index) {
        return orderId + "-" + (index + 1);
    }
}
