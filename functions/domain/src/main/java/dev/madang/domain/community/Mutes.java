package dev.madang.domain.community;

import java.time.Instant;
import java.util.Optional;

/** Accounts an admin has muted in every room, until when. */
public interface Mutes {

    Optional<Instant> mutedUntil(String accountId);

    void mute(String accountId, Instant until, String reason);
}
