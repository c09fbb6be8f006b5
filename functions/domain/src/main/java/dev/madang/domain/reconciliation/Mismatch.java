package dev.madang.domain.reconciliation;

import java.util.Objects;

/**
 * One disagreement between the PG and our orders, with both sides' figures in won: for an approval the amounts
 * captured, for a refund the totals refunded (ours: what our cancellations committed or finished, see
 * {@link Kind}). Carries ids and amounts only, never a fan's personal data.
 */
public record Mismatch(String orderId, String paymentKey, Kind kind, long ours, long pg) {

    public enum Kind {
        /** The PG captured money for an order we do not hold as paid (no such order, or it never became PAID). */
        MISSING_ORDER,
        /** We hold the order as paid, the PG has no approval for it. */
        MISSING_APPROVAL,
        /** Both sides hold a payment, for different amounts. */
        AMOUNT_MISMATCH,
        /** The PG refunded more than every cancellation of ours committed: a refund made outside Madang. */
        UNKNOWN_REFUND,
        /** Our finished cancellations refunded more than the PG did: a refund we recorded that never happened. */
        MISSING_REFUND
    }

    public Mismatch {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(kind, "kind");
    }
}
