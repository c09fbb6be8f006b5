package dev.madang.domain.order;

/**
 * Why an order closed without being paid for. The payment workflow's Mark states name the first six
 * (statemachines/payment.asl.json passes the name to Close Order; a test keeps the two in step); the last two are
 * written by the webhook side.
 */
public enum CloseReason {
    /** No payment result before the hold expired. */
    EXPIRED,
    /** The fan cancelled before paying or before depositing. */
    CANCELLED,
    /** No deposit into the virtual account before its deadline. */
    DEPOSIT_EXPIRED,
    /** The PG refused, or the order was closed while the PG confirmed it. */
    PAYMENT_REFUSED,
    /** The workflow cannot tell whether money moved: closing asks the PG. */
    PAYMENT_UNCERTAIN,
    /** The PG approved, but a seat's hold lapsed before its ticket was written. */
    SEATS_LOST,
    /** A deposit arrived after the order closed: refunded to the account the fan named. */
    LATE_DEPOSIT,
    /** Money reached the PG after the order closed and the PG would not refund it automatically: a person must. */
    REFUND_OWED;

    /**
     * The closed status an order ends in for this reason: REFUNDED whenever money the PG had captured was given back
     * (the fan sees where their money went), otherwise what the reason says.
     */
    public OrderStatus closedAs(boolean refunded) {
        if (refunded) {
            return OrderStatus.REFUNDED;
        }
        return switch (this) {
            case EXPIRED, DEPOSIT_EXPIRED -> OrderStatus.EXPIRED;
            case CANCELLED -> OrderStatus.CANCELLED;
            case PAYMENT_REFUSED, PAYMENT_UNCERTAIN, SEATS_LOST, LATE_DEPOSIT, REFUND_OWED -> OrderStatus.FAILED;
        };
    }
}
