package dev.madang.domain.booking;

import java.time.Instant;
import java.util.Optional;

/**
 * Each fan's holds per round, the one place where the per-person limit is enforced: a conditional write on the
 * fan's own record, so parallel requests of one fan serialise there and nowhere else.
 */
public interface HoldLedgers {

    enum Outcome { RECORDED, LIMIT_REACHED, ALREADY_RECORDED }

    /**
     * Records {@code hold} if the fan's live held seats plus its seats stay within {@code limit}. ALREADY_RECORDED when
     * a hold with the same id exists (a retried request); {@link #find} then tells what it was.
     */
    Outcome record(SeatHold hold, String fingerprint, int limit, Instant now);

    /** The fan's hold and the fingerprint of the request that made it; empty for another fan's or an unknown id. */
    Optional<Recorded> find(String userId, String holdId);

    /** Forgets a released hold; false if it was already gone. */
    boolean remove(SeatHold hold);

    record Recorded(SeatHold hold, String fingerprint) {
    }
}
