package dev.madang.domain.booking;

import java.time.Duration;
import java.time.Instant;

/**
 * A fan's {@code Idempotency-Key}s, scoped as payment APIs scope them: per fan and operation, kept for a retention
 * window. Within it, the key stands for the first request made with it (its fingerprint) and the id that request was
 * given; after it, the key is free for a new request.
 */
public interface IdempotencyKeys {

    /** What a key stands for: the id the first request got and that request's fingerprint. */
    record Binding(String id, String fingerprint) {
    }

    /**
     * Binds {@code key} to {@code fingerprint} and {@code newId} unless it is bound already within {@code retention}
     * of {@code now}; answers the binding that stands (the caller compares fingerprints: a different one is a reuse).
     */
    Binding bind(String userId, String operation, String key, String fingerprint, String newId, Instant now,
                 Duration retention);
}
