package dev.madang.domain.lottery;

import java.time.Instant;

/**
 * A fan's entry in one round's lottery as the fan sees it. The account it belongs to is not part of it: the store
 * keeps the account only on the fan's claim item, and the entry the draw reads carries the pseudonymous
 * {@code entryId} alone.
 */
public record FanEntry(String roundId, String entryId, String sectionId, int partySize, EntryState state,
                       Instant enteredAt) {

    public LotteryEntry forDraw() {
        return new LotteryEntry(entryId, sectionId, partySize);
    }

    FanEntry moved(String section, int party) {
        return new FanEntry(roundId, entryId, section, party, state, enteredAt);
    }
}
