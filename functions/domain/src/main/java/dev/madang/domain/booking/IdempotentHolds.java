package dev.madang.domain.booking;

import dev.madang.domain.booking.HoldingSeats.HoldRequest;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A fan's retry of a hold, made safe by its Idempotency-Key: the key names the hold id the first request got, so the
 * retry's seat writes recognise their own hold, and the retry is answered with the first request's hold. The same key
 * with another body is refused (422 {@code idempotency-key-reused}).
 */
final class IdempotentHolds {

    private final IdempotencyKeys keys;
    private final Ids ids;

    IdempotentHolds(IdempotencyKeys keys, Ids ids) {
        this.keys = keys;
        this.ids = ids;
    }

    /** What makes two requests "the same": round and seat set, in any order. */
    static String fingerprint(HoldRequest request) {
        List<String> sorted = new ArrayList<>(request.seatIds());
        sorted.sort(null);
        return fingerprintOf(request.roundId() + "|" + String.join(",", sorted));
    }

    /** The fingerprint of a request described as text (a best-available request: round, where, party size). */
    static String fingerprintOf(String request) {
        return sha256(request).substring(0, 32);
    }

    /**
     * A fresh id without a key. With one, the id the key stands for: the key, scoped to the fan and to holding, names
     * the id the first request got for {@link HoldingSeats#KEY_RETENTION}. The same key with another body (another
     * round, other seats) is refused; after the window it starts a new hold.
     */
    String holdIdFor(String userId, String idempotencyKey, String fingerprint, Instant now) {
        if (idempotencyKey == null) {
            return ids.next();
        }
        IdempotencyKeys.Binding binding = keys.bind(userId, "hold", idempotencyKey, fingerprint,
                ids.next(), now, HoldingSeats.KEY_RETENTION);
        if (!binding.fingerprint().equals(fingerprint)) {
            throw reusedKey();
        }
        return binding.id();
    }

    /** The first request's answer for a retry with the same body; a reused key with another body is refused. */
    static SeatHold replay(HoldLedgers.Recorded first, String fingerprint) {
        if (!first.fingerprint().equals(fingerprint)) {
            throw reusedKey();
        }
        return first.hold();
    }

    /** Seats this request took that the first request with its key does not hold: only those may be given back. */
    static List<Seat> notHeldBy(Optional<HoldLedgers.Recorded> first, List<Seat> taken) {
        if (first.isEmpty()) {
            return taken;
        }
        Set<String> firstSeats = new HashSet<>();
        first.get().hold().seats().forEach(s -> firstSeats.add(s.seatId()));
        return taken.stream().filter(s -> !firstSeats.contains(s.id())).toList();
    }

    private static DomainException reusedKey() {
        return DomainException.ruleViolated("idempotency-key-reused",
                "this Idempotency-Key was used for a different request", List.of(new FieldError("Idempotency-Key",
                        "already used with another body")));
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
