package dev.madang.domain.order;

/**
 * Tells the fan their booking is confirmed: a message on the notification queue. No consumer delivers it yet; e-mail
 * and the in-app inbox come with the notifications work.
 */
public interface BookingNotifications {

    /** At least once: consumers de-duplicate by order id. */
    void bookingConfirmed(Order order, int tickets);
}
