package dev.madang.domain.lottery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lottery store: each round's settings with its entry counters, the entries per section (what the draw reads),
 * and each fan's one-entry claim per round. Every write that changes entries also moves the counters and is refused
 * whole, with nothing written, when entries are not being taken at {@code now}.
 */
public interface Lotteries {

    /** What an entry write came to. */
    enum Outcome {
        /** Written. */
        DONE,
        /** The fan has an entry in this round already (a first entry only). */
        ALREADY_ENTERED,
        /** The fan's entry is not (any more) the one the change was based on: someone changed or withdrew it. */
        STALE,
        /** Entries are not being taken now. */
        CLOSED
    }

    Optional<Lottery> find(String roundId);

    /**
     * Stores the settings unless the stored ones have opened for entries at {@code now} (they are fixed then); false,
     * and nothing written, in that case.
     */
    boolean save(LotterySettings settings, Instant now);

    /** The fan's entry claim and the entry together, and the counter, all or nothing. */
    Outcome enter(String accountId, FanEntry entry, Instant now);

    /** The fan's entry in a round, read consistently. */
    Optional<FanEntry> entryOf(String roundId, String accountId);

    /** Replaces {@code before} (which must still be the stored entry) by {@code after}, moving the counters. */
    Outcome change(String accountId, FanEntry before, FanEntry after, Instant now);

    /** Removes the entry and the fan's claim, if {@code entry} is still the stored one. */
    Outcome withdraw(String accountId, FanEntry entry, Instant now);

    /** The fan's entries in every round, most recent first, at most {@code limit}. */
    List<FanEntry> entriesOf(String accountId, int limit);

    /** Every entry of one section (the draw's input), in entry id order. */
    List<LotteryEntry> entriesIn(String roundId, String sectionId);
}
