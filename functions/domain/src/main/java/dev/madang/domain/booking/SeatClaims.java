package dev.madang.domain.booking;

import dev.madang.domain.catalog.Seat;

import java.time.Instant;

/**
 * The seat inventory's write side: one conditional write per seat. A seat is free when it has no ticket and no
 * live hold; a hold past its expiry counts as free, whatever clean-up has not yet run.
 */
public interface SeatClaims {

    /**
     * Takes {@code seat} for {@code holdId} until {@code expiresAt} if it is free at {@code now} (or already held by
     * this same hold, so that a retried request is harmless). False when someone else has it.
     */
    boolean claim(String roundId, Seat seat, String holdId, String userId, Instant now, Instant expiresAt);

    /** Frees {@code seat} only if {@code holdId} still holds it: a late release never frees another fan's seat. */
    void release(String roundId, Seat seat, String holdId);
}
