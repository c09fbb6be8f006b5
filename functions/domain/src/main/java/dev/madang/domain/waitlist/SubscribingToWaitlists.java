package dev.madang.domain.waitlist;

import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A fan subscribes to a round's waitlist for a grade and a party size, lists and cancels their subscriptions
 * (docs/waitlist.md). Only the fan's own subscriptions are ever read or changed: another fan's id is not found.
 */
public final class SubscribingToWaitlists {

    /** Subscriptions a fan may hold at once: enough for any real wish list, and it bounds "my waitlist" to one page. */
    public static final int MAX_PER_FAN = 20;

    private final Rounds rounds;
    private final Waitlists waitlists;
    private final Ids ids;
    private final Clock clock;

    public SubscribingToWaitlists(Rounds rounds, Waitlists waitlists, Ids ids, Clock clock) {
        this.rounds = rounds;
        this.waitlists = waitlists;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Subscribes: the grade must be one the round sells in a section that is not closed (a lottery section's grade too: its leftovers come to sale), the party
     * within the round's per-person limit, and the round not cancelled nor started (on sale or not yet).
     */
    public WaitlistSubscription subscribe(String accountId, String roundId, String grade, Integer partySize) {
        Violations v = new Violations();
        v.check(roundId != null && !roundId.isBlank(), "roundId", "a round is required");
        v.check(grade != null && !grade.isBlank(), "grade", "a grade is required");
        v.check(partySize != null, "partySize", "a party size is required");
        v.throwIfInvalid("the waitlist subscription is not valid");
        Round round = rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
        Instant now = clock.instant();
        Violations rules = new Violations();
        rules.check(round.sections().values().stream()
                        .anyMatch(p -> p.grade().equals(grade) && p.mode() != BookingMode.CLOSED),
                "grade", "the round sells no seats of grade " + grade);
        rules.check(partySize >= 1 && partySize <= round.perPersonLimit(), "partySize",
                "between 1 and the round's per-person limit of " + round.perPersonLimit());
        rules.throwIfRuleViolated("invalid-waitlist", "the waitlist subscription breaks a rule");
        if (round.cancelled() || !round.startsAt().isAfter(now)) {
            throw DomainException.ruleViolated("round-over", "round " + roundId + " is cancelled or has started",
                    List.of(new FieldError("roundId", "no longer sells seats")));
        }
        if (waitlists.mine(accountId).size() >= MAX_PER_FAN) {
            throw DomainException.ruleViolated("too-many-subscriptions", "a fan may wait for at most " + MAX_PER_FAN
                    + " grades at once", List.of());
        }
        WaitlistSubscription s = new WaitlistSubscription(ids.next(), accountId, roundId, grade, partySize, now, now,
                null);
        waitlists.add(s);
        return s;
    }

    public List<WaitlistSubscription> mine(String accountId) {
        return waitlists.mine(accountId);
    }

    public void cancel(String accountId, String subscriptionId) {
        if (!waitlists.remove(accountId, subscriptionId)) {
            throw DomainException.notFound("waitlist subscription", subscriptionId);
        }
    }
}
