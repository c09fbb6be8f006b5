package dev.madang.domain.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is. Which moves are allowed, and what each writes, is {@link OrderLifecycle}'s to say; every move is
 * a conditional write naming the states it may come from, so a late or repeated message (a second click, a duplicate
 * webhook, a retried task, the sweep) can never undo a newer state.
 *
 * <pre>
 * AWAITING_PAYMENT ──paymentKey──▶ CONFIRMING ──PG DONE──▶ APPROVED ──tickets──▶ PAID
 *        │                             └──PG WAITING_FOR_DEPOSIT──▶ AWAITING_DEPOSIT ──deposit──▶ APPROVED
 *        │
 *        └── any open state ──close──▶ CLOSING ──seats back, money back──▶ EXPIRED | CANCELLED | FAILED | REFUNDED
 *                                                                     (a closed order later refunded ──▶ REFUNDED)
 * </pre>
 * CLOSING is taken first, in one conditional write, so that nothing can make the order PAID while its seats and money
 * are being given back; an order left CLOSING by a failure is finished by the next close (the workflow's, or the
 * sweep's, which still finds it).
 */
public enum OrderStatus {
    AWAITING_PAYMENT,
    CONFIRMING,
    AWAITING_DEPOSIT,
    APPROVED,
    PAID,
    CLOSING,
    EXPIRED,
    CANCELLED,
    FAILED,
    REFUNDED;

    /** Not yet PAID or closed: the unpaid sweep looks at these once their deadline has passed. */
    public static final Set<OrderStatus> OPEN = EnumSet.of(AWAITING_PAYMENT, CONFIRMING, AWAITING_DEPOSIT, APPROVED,
            CLOSING);
    /** What a payment can still become PAID from, and so what closing must take away first. */
    public static final Set<OrderStatus> PAYABLE = EnumSet.of(AWAITING_PAYMENT, CONFIRMING, AWAITING_DEPOSIT,
            APPROVED);
    /** The ends of a booking that did not happen. */
    public static final Set<OrderStatus> CLOSED = EnumSet.of(EXPIRED, CANCELLED, FAILED, REFUNDED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    public boolean isClosed() {
        return CLOSED.contains(this);
    }
}
