package dev.madang.domain.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is. Every change is a conditional write naming the states it may come from, so a late or repeated
 * message (a second click, a duplicate webhook, a retried task) can never undo a newer state.
 *
 * <pre>
 * AWAITING_PAYMENT ──paymentKey──▶ CONFIRMING ──PG DONE──▶ APPROVED ──tickets──▶ PAID
 *        │                             │──PG WAITING_FOR_DEPOSIT──▶ AWAITING_DEPOSIT ──deposit──▶ APPROVED
 *        └──────── timeout, cancel, refusal, seats lost ──▶ EXPIRED | CANCELLED | FAILED | REFUNDED
 * </pre>
 */
public enum OrderStatus {
    AWAITING_PAYMENT,
    CONFIRMING,
    AWAITING_DEPOSIT,
    APPROVED,
    PAID,
    EXPIRED,
    CANCELLED,
    FAILED,
    REFUNDED;

    /** The states an order can still be closed from (everything not yet final). */
    public static final Set<OrderStatus> OPEN = EnumSet.of(AWAITING_PAYMENT, CONFIRMING, AWAITING_DEPOSIT, APPROVED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
