package dev.madang.domain.cancellation;

/** Tells a fan their order was refunded because the round was cancelled (ids only; consumers de-duplicate). */
public interface RoundRefundNotifications {

    void orderRefunded(TicketCancellation refund);
}
