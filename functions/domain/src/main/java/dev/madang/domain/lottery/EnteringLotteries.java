package dev.madang.domain.lottery;

import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A fan enters a round's lottery (응모): one entry per fan per round, for one LOTTERY section and a party of 1 up
 * to the round's per-person limit, while entries are being taken; the entry can be changed or withdrawn until they
 * close. Entering needs a verified identity, as booking does. Every refusal writes nothing.
 */
public final class EnteringLotteries {

    public static final int MY_ENTRIES_LIMIT = 50;

    private final Rounds rounds;
    private final Lotteries lotteries;
    private final Supplier<String> entryIds;
    private final Clock clock;

    public EnteringLotteries(Rounds rounds, Lotteries lotteries, Supplier<String> entryIds, Clock clock) {
        this.rounds = rounds;
        this.lotteries = lotteries;
        this.entryIds = entryIds;
        this.clock = clock;
    }

    /** {@code identityVerified} comes from the caller's signed token. */
    public record Entering(String accountId, boolean identityVerified, String roundId, String sectionId,
                           Integer partySize) {
    }

    public FanEntry enter(Entering e) {
        Instant now = checked(e);
        FanEntry entry = new FanEntry(e.roundId(), entryIds.get(), e.sectionId(), e.partySize(), EntryState.ENTERED,
                now);
        return switch (lotteries.enter(e.accountId(), entry, now)) {
            case DONE -> entry;
            case ALREADY_ENTERED -> throw DomainException.conflict("already-entered",
                    "you have entered this round's lottery already; change or withdraw that entry instead");
            case CLOSED -> throw closed(e.roundId());
            case STALE -> throw new IllegalStateException("a first entry cannot be stale");
        };
    }

    public FanEntry change(Entering e) {
        Instant now = checked(e);
        FanEntry before = mine(e.accountId(), e.roundId());
        FanEntry after = before.moved(e.sectionId(), e.partySize());
        if (after.equals(before)) {
            return before;
        }
        return switch (lotteries.change(e.accountId(), before, after, now)) {
            case DONE -> after;
            case STALE, ALREADY_ENTERED -> throw stale();
            case CLOSED -> throw closed(e.roundId());
        };
    }

    public void withdraw(String accountId, boolean identityVerified, String roundId) {
        requireVerified(identityVerified);
        Instant now = clock.instant();
        LotterySettings settings = takingEntries(round(roundId), now);
        FanEntry entry = mine(accountId, roundId);
        switch (lotteries.withdraw(accountId, entry, now)) {
            case DONE -> {
            }
            case STALE, ALREADY_ENTERED -> throw stale();
            case CLOSED -> throw closed(settings.roundId());
        }
    }

    /** The fan's entries, most recent first. */
    public List<FanEntry> mine(String accountId) {
        return lotteries.entriesOf(accountId, MY_ENTRIES_LIMIT);
    }

    /** An entry with the offer its draw made, if it won one: the seats held for the fan and how to pay them. */
    public record MyEntry(FanEntry entry, Optional<Offer> offer) {
    }

    /** The fan's entries with their offers; only a won entry costs a read of its offer. */
    public List<MyEntry> mineWithOffers(String accountId) {
        return mine(accountId).stream().map(e -> new MyEntry(e, e.state() == EntryState.WON
                || e.state() == EntryState.PAID || e.state() == EntryState.WON_EXPIRED
                ? lotteries.offerOf(e.roundId(), accountId) : Optional.<Offer>empty())).toList();
    }

    private FanEntry mine(String accountId, String roundId) {
        return lotteries.entryOf(roundId, accountId)
                .orElseThrow(() -> DomainException.notFound("lottery entry of yours in round", roundId));
    }

    /** Every check of an entry or a change that needs no entry: refused before anything is written. */
    private Instant checked(Entering e) {
        requireVerified(e.identityVerified());
        new Violations().check(e.sectionId() != null && !e.sectionId().isBlank(), "sectionId", "required")
                .check(e.partySize() != null, "partySize", "required")
                .throwIfInvalid("the entry is incomplete");
        Round round = round(e.roundId());
        SectionPlan plan = round.sections().get(e.sectionId());
        if (plan == null || plan.mode() != BookingMode.LOTTERY) {
            throw DomainException.ruleViolated("not-a-lottery-section", "section " + e.sectionId()
                    + " of this round is not sold by lottery", List.of());
        }
        new Violations().check(e.partySize() >= 1 && e.partySize() <= round.perPersonLimit(), "partySize",
                        "a party of 1-" + round.perPersonLimit())
                .throwIfRuleViolated("per-person-limit", "the party is larger than this round allows");
        Instant now = clock.instant();
        takingEntries(round, now);
        return now;
    }

    private Round round(String roundId) {
        return rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
    }

    private LotterySettings takingEntries(Round round, Instant now) {
        LotterySettings settings = lotteries.find(round.id()).map(Lottery::settings)
                .filter(s -> s.takingEntries(now)).orElseThrow(() -> closed(round.id()));
        return settings;
    }

    private static void requireVerified(boolean verified) {
        if (!verified) {
            throw DomainException.forbidden("identity-verification-required",
                    "verify your identity (본인인증) before entering a lottery");
        }
    }

    private static DomainException closed(String roundId) {
        return DomainException.ruleViolated("entries-closed", "the lottery of round " + roundId
                + " is not taking entries now", List.of());
    }

    private static DomainException stale() {
        return DomainException.conflict("entry-changed",
                "your entry changed meanwhile (another device?); read it and try again");
    }
}
