package dev.madang.domain.cancellation;

import dev.madang.domain.common.BusinessMetrics;
import dev.madang.domain.booking.HoldLedgers;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.Orders;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PaymentGatewayUnavailable;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.domain.release.ReleasePools;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A fan cancels one, several or all tickets of a paid order (예매 취소): first a quote, then the cancellation.
 * <ol>
 *   <li>The quote: {@link CancellationFees} on the performance's policy (the Korean standard unless the organiser set a
 *       more generous one), per ticket, in Korea time; refused after the cut-off, on the day, once started.</li>
 *   <li>Begin, one transaction ({@link TicketCancellations#begin}): the tickets leave ISSUED for this cancellation (and
 *       enter their round's revocation list, so scanners refuse their codes) and its refund is committed against the
 *       order, so two cancellations at once never take one ticket twice and never refund more than was paid. An
 *       admitted ticket is not ISSUED: it cannot be cancelled.</li>
 *   <li>The seats go to the round's release pool: off sale until the dawn release, not back on sale one by one; they
 *       stop counting against the fan's per-person limit.</li>
 *   <li>The PG refunds the amount (a partial cancel, Toss {@code cancelAmount}; a virtual account's deposit goes to the
 *       refund account given when ordering), with an idempotency key derived from the cancellation, so a retry never
 *       refunds twice.</li>
 *   <li>Finish: tickets CANCELLED, the order's refunded total and fees updated, REFUNDED once nothing is left; then a
 *       coupon the order spent returns to the wallet if its batch gives coupons back on cancellation. A ticket's price
 *       is what it was paid (a discounted order's share), so a partial cancellation refunds that share.</li>
 * </ol>
 * A failure after step 2 leaves the cancellation PENDING with its refund committed; repeating the request with the
 * same idempotency key resumes it from step 3 (every step is harmless to repeat), and so does {@link #resumePending},
 * which the unpaid-expiry sweep runs every minute, so a refund owed is made even if the fan never comes back.
 */
public final class CancellingTickets {

    private final Orders orders;
    private final TicketCancellations cancellations;
    private final CachedCatalog catalog;
    private final Function<String, CancellationPolicy> policies;
    private final CancellationFees fees;
    private final ReleasePools pools;
    private final HoldLedgers ledgers;
    private final PaymentGateway gateway;
    private final TicketRefundNotifications notifications;
    private final Clock clock;

    /** @param policies the cancellation policy of a performance, by performance id */
    public CancellingTickets(Orders orders, TicketCancellations cancellations, CachedCatalog catalog,
                             Function<String, CancellationPolicy> policies, CancellationFees fees, ReleasePools pools,
                             HoldLedgers ledgers, PaymentGateway gateway, TicketRefundNotifications notifications,
                             Clock clock) {
        this.notifications = notifications;
        this.orders = orders;
        this.cancellations = cancellations;
        this.catalog = catalog;
        this.policies = policies;
        this.fees = fees;
        this.pools = pools;
        this.ledgers = ledgers;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** What cancelling {@code ticketIds} would cost now; nothing is written. */
    public CancellationQuote quote(String userId, String orderId, List<String> ticketIds) {
        Order order = paidOrderOf(userId, orderId);
        return quote(order, ticketsToCancel(order, ticketIds));
    }

    /**
     * Cancels the tickets and refunds them. {@code idempotencyKey} (the client's, or null) names the cancellation: the
     * same key again answers the same cancellation, finishing it if a failure stopped it half way.
     *
     * @throws DomainException 404 not the fan's order or ticket; 409 {@code order-not-paid},
     *                         {@code ticket-not-cancellable} (cancelled already, or by a request running now);
     *                         422 {@code cancellation-closed} (after the cut-off, on the day, started), with the reason
     *                         and the cut-off; 409 {@code refund-pending} when the PG failed (repeat the request)
     */
    public TicketCancellation cancel(String userId, String orderId, List<String> ticketIds, String idempotencyKey) {
        Order order = orderOf(userId, orderId);
        String id = cancellationId(orderId, idempotencyKey);
        Optional<TicketCancellation> earlier = cancellations.find(orderId, id);
        if (earlier.isPresent()) {
            return carryOut(order, earlier.get());
        }
        requirePaid(order);
        List<Ticket> tickets = ticketsToCancel(order, ticketIds);
        CancellationQuote quote = quote(order, tickets);
        if (!quote.allowed()) {
            throw DomainException.ruleViolated("cancellation-closed", "these tickets can no longer be cancelled ("
                    + quote.refusal() + "; the cut-off was " + quote.cutoff() + ")", List.of(new FieldError(
                    "ticketIds", quote.refusal().name())));
        }
        TicketCancellation cancellation = new TicketCancellation(id, orderId, userId, order.roundId(),
                tickets.stream().map(Ticket::ticketId).toList(), tickets.stream().map(Ticket::seatId).toList(),
                quote.totalPrice(), quote.totalFee(),
                quote.totalRefund(), quote.rule().code(), TicketCancellation.Status.PENDING, clock.instant(), null);
        switch (cancellations.begin(cancellation, order.amount())) {
            case BEGUN -> {
                return carryOut(order, cancellation);
            }
            case EXISTS -> {
                return carryOut(order, cancellations.find(orderId, id).orElseThrow());
            }
            case TICKETS_TAKEN -> throw notCancellable();
            case OVER_PAID_AMOUNT -> throw new IllegalStateException("order " + orderId
                    + ": committed refunds would pass the amount paid; its tickets and refunds disagree");
            default -> throw new IllegalStateException();
        }
    }

    /** Leaves the fan's own retry this long before the sweep takes over a PENDING cancellation. */
    public static final java.time.Duration RESUME_AFTER = java.time.Duration.ofMinutes(2);
    static final int RESUME_BATCH = 50;

    public record Resumed(int refunded, int stillPending) {
    }

    /** Finishes cancellations left PENDING (a PG failure, a crash) for more than {@link #RESUME_AFTER}. */
    public Resumed resumePending() {
        int refunded = 0;
        int stillPending = 0;
        for (TicketCancellation c : cancellations.pendingBefore(clock.instant().minus(RESUME_AFTER), RESUME_BATCH)) {
            try {
                Order order = orders.byId(c.orderId()).orElseThrow();
                carryOut(order, c);
                refunded++;
            } catch (RuntimeException e) {
                stillPending++; // the PG still failing: the next sweep tries again; one must not stop the others
            }
        }
        return new Resumed(refunded, stillPending);
    }

    /**
     * Refunds a seller whose ticket was handed on: the transfer began the refund ({@link TicketCancellation#isTransfer},
     * committed against the order in the same write that passed the seat on), this makes it at the PG and finishes it.
     * A PG failure leaves it PENDING for {@link #resumePending}, like any cancellation's.
     */
    public TicketCancellation finishTransferRefund(String orderId, String cancellationId) {
        TicketCancellation c = cancellations.find(orderId, cancellationId)
                .filter(TicketCancellation::isTransfer).orElseThrow(() -> new IllegalStateException(
                        "no transfer refund " + cancellationId + " on order " + orderId));
        return carryOut(orders.byId(orderId).orElseThrow(), c);
    }

    /** Steps 3-5, each harmless to repeat. */
    private TicketCancellation carryOut(Order order, TicketCancellation c) {
        if (c.status() == TicketCancellation.Status.REFUNDED) {
            if (!c.isTransfer()) {
                notifications.ticketsRefunded(c); // a replay: the first may have died before telling the fan
            }
            return c;
        }
        Instant now = clock.instant();
        if (!c.isTransfer()) { // a transferred seat is the buyer's now, not the pool's
            Round round = catalog.round(order.roundId());
            SeatLayout layout = catalog.layout(round);
            Map<String, Ticket> byId = orders.ticketsOf(order.id()).stream()
                    .collect(Collectors.toMap(Ticket::ticketId, Function.identity()));
            for (String ticketId : c.ticketIds()) {
                Seat seat = layout.seat(byId.get(ticketId).seatId()).orElseThrow();
                pools.add(order.roundId(), seat, ticketId, now);
            }
        }
        // the per-person limit counts bought tickets: cancelled ones stop counting (the order id is the hold id)
        ledgers.returnSeats(order.userId(), order.roundId(), order.holdId(), c.id(), c.ticketIds().size());
        if (c.refund() > 0) {
            try {
                gateway.cancel(order.paymentKey(), c.isTransfer() ? "Madang: ticket handed on to another fan"
                                : "Madang: " + c.ticketIds().size() + " ticket(s) cancelled by the fan",
                        c.refund(), order.refundAccount(), "ticket-cancel-" + c.id());
                BusinessMetrics.current().count(BusinessMetrics.Metric.Refunds);
            } catch (PaymentRefused | PaymentGatewayUnavailable failed) {
                // the tickets are void and the refund committed: the fan's money is owed, never lost
                throw DomainException.conflict("refund-pending", "the cancellation is recorded and the tickets are "
                        + "void, but the payment provider has not refunded yet; repeat the request with the same "
                        + "Idempotency-Key to finish it");
            }
        }
        TicketCancellation done = c.refunded(clock.instant());
        cancellations.finish(done, done.refundedAt(), order.seats().size());
        if (order.couponId().isPresent()
                && orders.byId(order.id()).filter(o -> o.status() == OrderStatus.REFUNDED).isPresent()) {
            orders.returnCoupon(order, true); // every ticket cancelled: the coupon returns if its batch says so
        }
        if (!c.isTransfer()) { // a seller handing a ticket on hears of the transfer, not of a cancellation
            notifications.ticketsRefunded(done);
        }
        return cancellations.find(order.id(), c.id()).orElse(done);
    }

    private CancellationQuote quote(Order order, List<Ticket> tickets) {
        Round round = catalog.round(order.roundId());
        Instant bookedAt = tickets.stream().map(Ticket::issuedAt).min(Instant::compareTo).orElseThrow();
        return fees.quote(policies.apply(round.performanceId()), round.startsAt(), bookedAt, clock.instant(),
                tickets.stream().map(Ticket::price).toList());
    }

    private Order orderOf(String userId, String orderId) {
        return orders.byId(orderId).filter(o -> o.userId().equals(userId))
                .orElseThrow(() -> DomainException.notFound("order", orderId));
    }

    private Order paidOrderOf(String userId, String orderId) {
        Order order = orderOf(userId, orderId);
        requirePaid(order);
        return order;
    }

    private static void requirePaid(Order order) {
        if (order.status() != OrderStatus.PAID) {
            throw DomainException.conflict("order-not-paid", "order " + order.id() + " is " + order.status()
                    + ": only the tickets of a paid order can be cancelled");
        }
    }

    /** The named tickets of the order, each ISSUED; 400 for an empty or repeated list, 404 for one not in the order. */
    private List<Ticket> ticketsToCancel(Order order, List<String> ticketIds) {
        if (ticketIds == null || ticketIds.isEmpty() || ticketIds.size() > order.seats().size()
                || ticketIds.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw DomainException.invalid("name the tickets to cancel", List.of(new FieldError("ticketIds",
                    "1-" + order.seats().size() + " ticket ids of this order")));
        }
        Set<String> wanted = new LinkedHashSet<>(ticketIds);
        if (wanted.size() != ticketIds.size()) {
            throw DomainException.invalid("a ticket is named twice", List.of(new FieldError("ticketIds",
                    "each ticket once")));
        }
        Map<String, Ticket> byId = orders.ticketsOf(order.id()).stream()
                .collect(Collectors.toMap(Ticket::ticketId, Function.identity()));
        List<Ticket> out = new ArrayList<>();
        for (String id : wanted) {
            Ticket ticket = byId.get(id);
            if (ticket == null) {
                throw DomainException.notFound("ticket", id);
            }
            if (ticket.status() != Ticket.TicketStatus.ISSUED) {
                throw notCancellable();
            }
            out.add(ticket);
        }
        return out;
    }

    private static DomainException notCancellable() {
        return DomainException.conflict("ticket-not-cancellable", "a ticket named is cancelled already, or being "
                + "cancelled by another request");
    }

    /**
     * The cancellation's id: from the client's idempotency key (so a repeat finds it), else random. Hashed with the
     * order id, so keys need not be unique across orders and the id reveals nothing of the key.
     */
    static String cancellationId(String orderId, String idempotencyKey) {
        String basis = idempotencyKey == null ? java.util.UUID.randomUUID().toString() : idempotencyKey;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((orderId + "\n" + basis).getBytes(StandardCharsets.UTF_8));
            return "C" + HexFormat.of().formatHex(digest, 0, 12).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
