package dev.madang.domain.reconciliation;

import java.time.Instant;
import java.util.Objects;

/**
 * A movement of money on our side, recorded under its Korea-time day in the same write that made it: an order
 * becoming PAID ({@link Kind#APPROVAL}, the order's amount) or a fan's ticket cancellation refunded
 * ({@link Kind#REFUND}, the refund). What the reconciliation of that day compares with the PG's transactions.
 *
 * @param reference the cancellation id for a refund, null for an approval
 */
public record LedgerEntry(String orderId, Kind kind, long amount, Instant at, String reference) {

    public enum Kind { APPROVAL, REFUND }

    public LedgerEntry {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
