package dev.madang.domain.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * Signs and reads the waiting room's two tokens: a fan's place (what a poll compares with the cursor, so a poll reads
 * nothing) and an admission (what the booking routes check, also without a read). Both are bound to the account and
 * the round; only the signature, type and form are the adapter's to check.
 */
public interface QueueTokens {

    String signPlace(QueuePlace place);

    Optional<QueuePlace> readPlace(String token);

    /** An admission to book {@code roundId} as {@code userId} until {@code expiresAt}. */
    record RoomAdmission(String userId, String roundId, Instant expiresAt) {
    }

    String signAdmission(RoomAdmission admission);

    Optional<RoomAdmission> readAdmission(String token);
}
