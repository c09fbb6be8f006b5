package dev.madang.domain.cancellation;

import dev.madang.domain.common.BusinessMetrics;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.Orders;
import dev.madang.domain.order.RoundOrders;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.payment.PaymentGateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The organiser calls a round off (공연 취소, issue 12): every paid order is refunded in full, fees included, and each
 * fan is told.
 * <ol>
 *   <li>{@link #cancel}: the round is marked cancelled in the catalog (no more holds or orders), the cancellation is
 *       recorded with the count and amount of the round's PAID orders (from the paid-orders index, no scan), and one
 *       message per order goes on the refund queue. Repeating it is harmless: the same record, and a start that
 *       stopped before every message was sent is sent again.</li>
 *   <li>{@link #refundOrder}, the queue's consumer, one order at a time: a {@link TicketCancellation} of the order's
 *       still-ISSUED tickets with rule {@value #RULE}, through the same transaction as a fan's cancellation (tickets
 *       revoked, refund committed against the amount paid), refunded at the PG, finished, and the fan told. Its id
 *       is derived from the round and the order, and so is the PG idempotency key: a redelivered message resumes the
 *       same cancellation and never refunds twice. A PG failure throws, so the message comes back (and lands in the
 *       dead-letter queue, with an alarm, after the queue's receive count).</li>
 *   <li>{@link #progress}: the round's ever-paid orders by state, and the amount refunded on them.</li>
 * </ol>
 * Fees a fan paid earlier cancelling some tickets are refunded too: the round cancellation's fee is minus what earlier
 * cancellations kept, so the order ends with {@code refunded = amount} and {@code fees = 0}. The seats are not put in a
 * release pool: the round will not take place.
 */
public final class CancellingRounds {

    public static final String RULE = "ROUND_CANCELLED";

    /** What {@link #refundOrder} did with one order. */
    public enum RefundOutcome {
        /** Refunded now, or found refunded by an earlier delivery (the fan is told either way). */
        REFUNDED,
        /** Nothing to refund: the order is not PAID (refunded before, by the fan or otherwise) or has no ISSUED ticket. */
        NOTHING_TO_REFUND
    }

    /** Where a round cancellation stands. */
    public record Progress(String roundId, Instant cancelledAt, int ordersAtCancellation, long amountAtCancellation,
                           int orders, int refunded, int pending, long amountRefunded, long amountPending) {
        public boolean done() {
            return pending == 0;
        }
    }

    private final Rounds rounds;
    private final Orders orders;
    private final RoundOrders roundOrders;
    private final TicketCancellations cancellations;
    private final RoundCancellations roundCancellations;
    private final RoundRefundQueue queue;
    private final PaymentGateway gateway;
    private final RoundRefundNotifications notifications;
    private final Clock clock;

    public CancellingRounds(Rounds rounds, Orders orders, RoundOrders roundOrders, TicketCancellations cancellations,
                            RoundCancellations roundCancellations, RoundRefundQueue queue, PaymentGateway gateway,
                            RoundRefundNotifications notifications, Clock clock) {
        this.rounds = rounds;
        this.orders = orders;
        this.roundOrders = roundOrders;
        this.cancellations = cancellations;
        this.roundCancellations = roundCancellations;
        this.queue = queue;
        this.gateway = gateway;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Cancels the round and queues the refund of each of its paid orders; answers the progress.
     *
     * @throws DomainException 404 when there is no such round
     */
    public Progress cancel(String roundId, String adminId) {
        Round round = rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
        Optional<RoundCancellation> earlier = roundCancellations.find(roundId);
        if (earlier.isPresent() && earlier.get().enqueued()) {
            return progress(earlier.get());
        }
        Instant now = clock.instant();
        markCancelled(round, now);
        // read after the catalog says cancelled: no order can be placed any more
        List<RoundOrders.PaidOrder> paid = roundOrders.everPaidOn(roundId).stream()
                .filter(o -> o.status() == OrderStatus.PAID).toList();
        RoundCancellation record = new RoundCancellation(roundId, adminId, now, paid.size(),
                paid.stream().mapToLong(RoundOrders.PaidOrder::amount).sum(), false);
        if (earlier.isEmpty() && !roundCancellations.create(record)) {
            record = roundCancellations.find(roundId).orElseThrow(); // a racing twin recorded it first
        } else if (earlier.isPresent()) {
            record = earlier.get();
        }
        if (!record.enqueued()) {
            // a resumed start sends the orders still PAID again: the consumer refunds each at most once
            queue.enqueue(roundId, paid.stream().map(RoundOrders.PaidOrder::orderId).toList());
            roundCancellations.markEnqueued(roundId);
        }
        return progress(roundCancellations.find(roundId).orElseThrow());
    }

    /** @throws DomainException 404 when the round has not been cancelled (or does not exist) */
    public Progress progress(String roundId) {
        return progress(roundCancellations.find(roundId)
                .orElseThrow(() -> DomainException.notFound("round cancellation", roundId)));
    }

    private Progress progress(RoundCancellation c) {
        List<RoundOrders.PaidOrder> all = roundOrders.everPaidOn(c.roundId());
        int refunded = 0;
        int pending = 0;
        long amountRefunded = 0;
        long amountPending = 0;
        for (RoundOrders.PaidOrder o : all) {
            amountRefunded += o.refunded();
            if (o.status() == OrderStatus.REFUNDED) {
                refunded++;
            } else {
                pending++;
                amountPending += o.amount() - o.refunded();
            }
        }
        return new Progress(c.roundId(), c.cancelledAt(), c.orders(), c.amount(), all.size(), refunded, pending,
                amountRefunded, amountPending);
    }

    private void markCancelled(Round round, Instant now) {
        Round current = round;
        for (int attempt = 1; !current.cancelled(); attempt++) {
            try {
                rounds.update(current.cancelledAt(now), current.version());
                return;
            } catch (DomainException changed) {
                if (attempt >= 5) {
                    throw changed;
                }
                current = rounds.find(round.id()).orElseThrow(); // an organiser's edit came first: apply on top
            }
        }
    }

    /**
     * The refund queue's consumer: refunds one order of a cancelled round in full. Harmless to repeat.
     *
     * @throws RuntimeException the PG failed (or a fan's cancellation of the same order ran at the same moment): the
     *                          message must come back later
     */
    public RefundOutcome refundOrder(String roundId, String orderId) {
        if (roundCancellations.find(roundId).isEmpty()) {
            throw new IllegalArgumentException("round " + roundId + " is not cancelled: a stray refund message");
        }
        Order order = orders.byId(orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
        if (!order.roundId().equals(roundId)) {
            throw new IllegalArgumentException("order " + orderId + " is not of round " + roundId);
        }
        String id = cancellationId(roundId, orderId);
        Optional<TicketCancellation> earlier = cancellations.find(orderId, id);
        if (earlier.isPresent()) {
            return carryOut(order, earlier.get());
        }
        if (order.status() != OrderStatus.PAID) {
            return RefundOutcome.NOTHING_TO_REFUND;
        }
        List<Ticket> issued = orders.ticketsOf(orderId).stream()
                .filter(t -> t.status() == Ticket.TicketStatus.ISSUED).toList();
        if (issued.isEmpty()) {
            return RefundOutcome.NOTHING_TO_REFUND;
        }
        long price = issued.stream().mapToLong(Ticket::price).sum();
        long feesKeptBefore = cancellations.of(orderId).stream().mapToLong(TicketCancellation::fee).sum();
        TicketCancellation c = new TicketCancellation(id, orderId, order.userId(), roundId,
                issued.stream().map(Ticket::ticketId).toList(), issued.stream().map(Ticket::seatId).toList(),
                price, -feesKeptBefore, price + feesKeptBefore, RULE, TicketCancellation.Status.PENDING,
                clock.instant(), null);
        return switch (cancellations.begin(c, order.amount())) {
            case BEGUN -> carryOut(order, c);
            case EXISTS -> carryOut(order, cancellations.find(orderId, id).orElseThrow());
            case TICKETS_TAKEN -> throw new IllegalStateException("order " + orderId + ": a fan's cancellation took "
                    + "a ticket meanwhile; the message comes back and the refund is computed again");
            case OVER_PAID_AMOUNT -> throw new IllegalStateException("order " + orderId
                    + ": committed refunds would pass the amount paid; its tickets and refunds disagree");
        };
    }

    private RefundOutcome carryOut(Order order, TicketCancellation c) {
        if (c.status() == TicketCancellation.Status.PENDING) {
            if (c.refund() > 0) {
                gateway.cancel(order.paymentKey(), "Madang: the performance was cancelled by the organiser",
                        c.refund(), order.refundAccount(), "round-cancel-" + c.id());
                BusinessMetrics.current().count(BusinessMetrics.Metric.Refunds);
            }
            TicketCancellation done = c.refunded(clock.instant());
            cancellations.finish(done, done.refundedAt(), order.seats().size());
            c = done;
        }
        // the organiser called the show off, not the fan: a coupon the order spent comes back whatever its batch says
        orders.returnCoupon(order, false);
        // told after every delivery that finds it refunded (at least once; the message's ids let consumers de-duplicate)
        notifications.orderRefunded(c);
        return RefundOutcome.REFUNDED;
    }

    /** The round cancellation's share of an order: one per round and order, whoever and however often asks. */
    static String cancellationId(String roundId, String orderId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("round-cancellation\n" + roundId + "\n" + orderId).getBytes(StandardCharsets.UTF_8));
            return "R" + HexFormat.of().formatHex(digest, 0, 12).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
