package dev.madang.domain.queue;

import java.time.Instant;

/**
 * A fan's place in a round's waiting room, what their signed queue token says: the second they arrived in
 * ({@code second}; every arrival before the opening shares {@link #earlySecond}) and where within it
 * ({@code offset}, 0 ≤ offset < 1). Places are ordered by (second, offset):
 * <ul>
 *   <li>before the opening the offset is drawn at random, so the early arrivals' order is a uniform random
 *       permutation: arriving a second early, or in many tabs, buys nothing;</li>
 *   <li>after it, the offset is the arrival's millisecond within its second (with a random tie-break below a
 *       millisecond), so a later arrival never passes an earlier one.</li>
 * </ul>
 */
public record QueuePlace(String roundId, String userId, long second, double offset, Instant enteredAt) {

    public QueuePlace {
        if (offset < 0 || offset >= 1) {
            throw new IllegalArgumentException("offset must be in [0, 1)");
        }
    }

    /** The second every early arrival is counted in: the one before the opening's. */
    public static long earlySecond(Instant opensAt) {
        return opensAt.getEpochSecond() - 1;
    }

    public boolean isBefore(QueuePlace other) {
        return second != other.second ? second < other.second : offset < other.offset;
    }
}
