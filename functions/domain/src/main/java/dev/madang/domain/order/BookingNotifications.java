package dev.madang.domain.order;

/** Tells the fan their booking is confirmed (the notification queue; e-mail and push consume it). */
public interface BookingNotifications {

    /** At least once: consumers de-duplicate by order id. */
    void bookingConfirmed(Order order, int tickets);
}
