package dev.madang.domain.booking;

import java.time.Instant;
import java.util.Optional;

/**
 * Each fan's holds per round, the one place where the per-person limit is enforced: a conditional write on the
 * fan's own record, so parallel requests of one fan serialise there and nowhere else. A hold an order pays for
 * (ordered) counts for as long as it stays in the ledger, past its expiry: the seats are bought, and the limit counts
 * tickets already bought for the round, not only live holds. Closing an unpaid order removes its hold; cancelled
 * tickets give their seats back ({@link #returnSeats}).
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

    /** Forgets the hold whatever it is for (its order closed); false if it was already gone. */
    boolean remove(SeatHold hold);

    enum Release { RELEASED, ORDERED, GONE }

    /**
     * The fan gives the hold up: forgotten, unless an order pays for it now (ORDERED: the hold is the order's, and
     * only cancelling the order frees it), or it is gone already. One conditional write, the same item that
     * {@link #attachOrder} writes, so a release and an order racing each other cannot both win.
     */
    Release release(SeatHold hold);

    /** Marks the hold as paid for by an order; false when the hold is gone (released). Harmless to repeat. */
    boolean attachOrder(SeatHold hold);

    /** The hold now lasts until {@code until} (a virtual account's deposit deadline); false when it is gone. */
    boolean extend(SeatHold hold, Instant until);

    /**
     * Seats of a paid hold given back because their tickets were cancelled: they stop counting against the fan's
     * limit. Once per {@code cancellationId} (a repeat changes nothing); false when the hold is not in the ledger.
     */
    boolean returnSeats(String userId, String roundId, String holdId, String cancellationId, int seats);

    /** {@code ordered}: an order pays for this hold. */
    record Recorded(SeatHold hold, String fingerprint, boolean ordered) {
    }
}
