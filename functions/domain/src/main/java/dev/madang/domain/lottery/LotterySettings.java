package dev.madang.domain.lottery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A round's lottery (추첨): entries are taken from {@code entriesOpenAt} (inclusive) until {@code entriesCloseAt}
 * (exclusive), winners pay by {@code paymentDeadline}, and seats not paid for are drawn again up to {@code redraws}
 * times. Times are kept to the second, as the store keeps them.
 */
public record LotterySettings(String roundId, Instant entriesOpenAt, Instant entriesCloseAt, Instant paymentDeadline,
                              int redraws) {

    public static final int MAX_REDRAWS = 3;

    public LotterySettings {
        entriesOpenAt = entriesOpenAt.truncatedTo(ChronoUnit.SECONDS);
        entriesCloseAt = entriesCloseAt.truncatedTo(ChronoUnit.SECONDS);
        paymentDeadline = paymentDeadline.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Entries may be made, changed and withdrawn now. */
    public boolean takingEntries(Instant now) {
        return !entriesOpenAt.isAfter(now) && entriesCloseAt.isAfter(now);
    }

    /** Once entries open, the settings are fixed: fans entered under them. */
    public boolean locked(Instant now) {
        return !entriesOpenAt.isAfter(now);
    }
}
