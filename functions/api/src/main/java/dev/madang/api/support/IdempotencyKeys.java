package dev.madang.api.support;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;

import java.util.List;

/** The {@code Idempotency-Key} header of routes that honour one (docs/api.md §6): absent, or 1-100 characters. */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** The key as sent (null when absent); a blank or over-long key is a 400 naming the header. */
    public static String checked(String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
            throw DomainException.invalid("a bad Idempotency-Key", List.of(
                    new FieldError("Idempotency-Key", "1-100 characters")));
        }
        return idempotencyKey;
    }
}
