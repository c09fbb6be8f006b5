package dev.madang.domain.payment;

import java.util.Objects;

/**
 * The PG refused the operation for a business reason (card declined, amount mismatch, nothing left to cancel, no such
 * payment…). Retrying the same request gives the same answer, so callers never retry it: they settle the order
 * (release the seats, tell the user). {@link #code()} is the PG's error code (Toss: e.g. {@code REJECT_CARD_PAYMENT},
 * {@code NOT_CANCELABLE_AMOUNT}); the message carries the PG's human-readable reason, which never contains card or
 * account numbers, so it may be logged and shown.
 */
public class PaymentRefused extends RuntimeException {

    private final String code;

    public PaymentRefused(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The PG's error code, e.g. {@code NOT_CANCELABLE_AMOUNT}. */
    public String code() {
        return code;
    }
}
