package dev.madang.domain.order;

import dev.madang.domain.payment.PgPayment;

/**
 * Tells the fan what became of an order: a message on the notification queue, which the notification consumer
 * delivers to the inbox and by e-mail (docs/notifications.md). At least once: a repeated workflow step sends again,
 * and the consumer de-duplicates by the order id.
 */
public interface BookingNotifications {

    /** For wiring that tells nobody (tests of other things). */
    BookingNotifications NONE = new BookingNotifications() {
        @Override
        public void bookingConfirmed(String orderId, String userId, int tickets) {
        }

        @Override
        public void depositWaiting(Order order, PgPayment.VirtualAccount account) {
        }

        @Override
        public void orderClosed(Order order) {
        }
    };

    /** The order is PAID with {@code tickets} tickets; the fan's id only, so it needs no read of the order. */
    void bookingConfirmed(String orderId, String userId, int tickets);

    /**
     * The virtual account is issued and the seats wait until {@code order.payBy()}. {@code account} is null when a
     * repeated step no longer has the PG's answer: the fan is told the amount and the deadline only.
     */
    void depositWaiting(Order order, PgPayment.VirtualAccount account);

    /** The order ended unpaid (expired, cancelled, refused, refunded): {@code order.closeReason()} says why. */
    void orderClosed(Order order);
}
