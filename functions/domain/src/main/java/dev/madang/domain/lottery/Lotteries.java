package dev.madang.domain.lottery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    // ---- the draw workflow (RunningLottery) -------------------------------------------------------------------

    /**
     * Closes entries: one conditional write on the settings, allowed once entries close by the schedule
     * ({@code entriesCloseAt <= now}) or were closed early ({@link #closeNow}); from then on every entry write is
     * refused whatever its clock says. True when closed (now or before), false when entries are still open at
     * {@code now}.
     */
    boolean close(String roundId, Instant now);

    /**
     * Closes entries now, ahead of the schedule (the organiser's draw now): allowed once entries have opened. True when
     * closed (now or before), false when entries have not opened at {@code now} (nothing written).
     */
    boolean closeNow(String roundId, Instant now);

    /** Keeps the workflow's wait token (the latest one handed over), never shown in any view. */
    void keepDrawWait(String roundId, String waitToken);

    /** The workflow's wait token, once the execution has handed it over. */
    Optional<String> drawWait(String roundId);

    /**
     * The section's entries that won an offer (any state since), in entry id order after {@code afterEntryId} (null:
     * from the first), at most {@code limit}: what the organiser pages through to follow the offers.
     */
    List<DrawEntry> offersIn(String roundId, String sectionId, String afterEntryId, int limit);

    /** Stores the entries digest at close unless one is stored; answers the stored one. */
    String storeEntriesDigest(String roundId, String digest);

    /** The draw's state: closed?, the digest, the seeds (secret ones too) and the section draws. One query. */
    LotteryDraws draws(String roundId);

    /** Stores the draw's seed unless the draw has one; answers the stored one (never a second seed). */
    DrawSeed commitSeed(String roundId, DrawSeed seed);

    /** Stores a section draw unless one is stored for that draw and section; answers the stored one. */
    SectionDraw saveSectionDraw(SectionDraw draw);

    /** Stores the offers made and marks the section draw complete (harmless to repeat). */
    void completeSectionDraw(SectionDraw done);

    /** The section's entries with their state and offer, in entry id order: one query. */
    List<DrawEntry> drawEntries(String roundId, String sectionId);

    /** Entry id → account, from the fans' claims of the round: one query (only claims name accounts). */
    Map<String, String> entrants(String roundId);

    /**
     * Moves an entry (its claim, which the fan reads, and its entry item, which the draw reads, together) from
     * {@code from.state()} to {@code to}, with {@code offer} when it won one. True when moved, or already in
     * {@code to} (with the same hold id), so a repeat is harmless; false otherwise, writing nothing.
     */
    boolean moveEntry(String roundId, String accountId, DrawEntry from, EntryState to, Offer offer);

    /** The offer the fan's entry holds now, if it won one (the fan pays it with its hold id). */
    Optional<Offer> offerOf(String roundId, String accountId);

    /** Marks the seeds revealed (once; harmless to repeat). */
    void reveal(String roundId, Instant now);
}
