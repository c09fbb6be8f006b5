package dev.madang.domain.lottery;

/**
 * An entry as the draw workflow reads it from its section: the draw's view of it, where it stands, and the offer it
 * won (null unless it won one). Carries no account.
 */
public record DrawEntry(LotteryEntry entry, EntryState state, Offer offer) {

    public String entryId() {
        return entry.entryId();
    }
}
