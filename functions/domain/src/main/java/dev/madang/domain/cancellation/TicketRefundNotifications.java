package dev.madang.domain.cancellation;

/**
 * Tells a fan their cancelled tickets were refunded: one message per ticket on the notification queue (ids and the
 * amount only). At least once: the consumer de-duplicates by ticket id.
 */
public interface TicketRefundNotifications {

    /** For wiring that tells nobody (tests of other things). */
    TicketRefundNotifications NONE = refunded -> { };

    void ticketsRefunded(TicketCancellation refunded);
}
