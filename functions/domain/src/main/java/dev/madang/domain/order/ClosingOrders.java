package dev.madang.domain.order;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.booking.HoldLedgers;
import dev.madang.domain.booking.SeatClaims;
import dev.madang.domain.booking.SeatHold;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.payment.PaymentRefused;

/**
 * Closes an order that will not be paid for, and undoes whatever it did, whichever step it failed in: its seats go
 * back on sale (held, or already ticketed for it), the fan's hold ledger forgets them, and whatever the PG captured is
 * refunded. The order is taken to CLOSING first, so nothing can make it PAID meanwhile; every undo step is harmless to
 * repeat, so a close that stopped short is finished by the next (the workflow's retry, or the unpaid sweep). Closing a
 * closed order checks the PG again, which refunds money that arrived after it closed. A transfer order's seat was
 * never on sale: closing it leaves the ticket with its seller ({@link SeatHandovers#giveBack}). A coupon it spent goes
 * back to the fan's wallet.
 */
public final class ClosingOrders {

    private static final int MOVES = 5;

    private final Orders orders;
    private final OrderLifecycle lifecycle;
    private final Refunds refunds;
    private final SeatClaims seats;
    private final HoldLedgers ledgers;
    private final CachedCatalog catalog;
    private final SeatHandovers handovers;
    private final BookingNotifications notifications;

    /** For wiring that never sees a transfer order and tells nobody. */
    public ClosingOrders(Orders orders, Refunds refunds, SeatClaims seats, HoldLedgers ledgers,
                         CachedCatalog catalog) {
        this(orders, refunds, seats, ledgers, catalog, SeatHandovers.NONE, BookingNotifications.NONE);
    }

    public ClosingOrders(Orders orders, Refunds refunds, SeatClaims seats, HoldLedgers ledgers,
                         CachedCatalog catalog, SeatHandovers handovers, BookingNotifications notifications) {
        this.handovers = handovers;
        this.notifications = notifications;
        this.orders = orders;
        this.lifecycle = new OrderLifecycle(orders);
        this.refunds = refunds;
        this.seats = seats;
        this.ledgers = ledgers;
        this.catalog = catalog;
    }

    /** Closes the order for {@code reason}; answers the status it ends in (PAID when it was paid after all). */
    public OrderStatus close(String orderId, CloseReason reason) {
        Order order = order(orderId);
        for (int moves = 0; OrderStatus.PAYABLE.contains(order.status()); moves++) {
            if (lifecycle.beginClosing(orderId, reason)) {
                order = order(orderId);
                break;
            }
            if (moves == MOVES) {
                throw new IllegalStateException("order " + orderId + " keeps moving; close again later");
            }
            order = order(orderId); // it moved on (confirmed, deposited, paid, closed by another): look again
        }
        OrderStatus closed = switch (order.status()) {
            case PAID -> OrderStatus.PAID;
            case CLOSING -> finish(order);
            default -> {
                refunds.refundLate(order, reason);
                yield order(orderId).status();
            }
        };
        if (closed != OrderStatus.PAID) {
            // every close that ends closed tells the fan, a repeated one too (the consumer de-duplicates by order)
            notifications.orderClosed(order(orderId));
        }
        return closed;
    }

    private OrderStatus finish(Order closing) {
        CloseReason reason = closing.closeReason();
        returnSeats(closing);
        orders.returnCoupon(closing, false); // never paid for (or refunded in full now): it never used the coupon
        Refunds.Outcome money = refunds.returnCaptured(closing, reason);
        OrderStatus to = money == Refunds.Outcome.OWED ? OrderStatus.FAILED
                : reason.closedAs(money == Refunds.Outcome.REFUNDED);
        if (!lifecycle.finishClosing(closing.id(), to, money == Refunds.Outcome.OWED ? CloseReason.REFUND_OWED
                : reason)) {
            // a twin close finished first, perhaps having seen the PG before a refund this one made: the order must
            // still end saying where the money went
            Order finished = order(closing.id());
            if (money == Refunds.Outcome.REFUNDED && finished.status() != OrderStatus.REFUNDED) {
                lifecycle.refunded(closing.id(), reason);
            }
        }
        return order(closing.id()).status();
    }

    /**
     * One conditional write per seat on the hold id: held by this order's hold, or ticketed for it, it is free again;
     * a seat someone else holds now is left alone.
     */
    private void returnSeats(Order order) {
        if (order.isMembership()) {
            return; // no seats: a membership order closed unpaid granted nothing
        }
        if (order.isTransfer()) {
            handovers.giveBack(order); // never on sale: the seat stays with the seller's ticket
            return;
        }
        Round round = catalog.round(order.roundId());
        SeatLayout layout = catalog.layout(round);
        for (HeldSeat held : order.seats()) {
            layout.seat(held.seatId()).ifPresent(seat -> seats.returnToSale(round.id(), seat, order.holdId()));
        }
        ledgers.remove(new SeatHold(order.holdId(), order.roundId(), order.userId(), order.seats(), order.payBy()));
    }

    private Order order(String orderId) {
        return orders.byId(orderId).orElseThrow(() -> new PaymentRefused("NO_SUCH_ORDER", "no order " + orderId));
    }
}
