package dev.madang.domain.lottery;

import dev.madang.domain.common.DomainException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The organiser's "draw now": closes a running lottery's entries early and ends the workflow's wait, so the draw
 * starts at once instead of at the scheduled close.
 * <p>
 * Two writers meet here without a lock: the workflow hands over its wait token when it starts ({@link #awaiting}),
 * and the organiser may press draw now at any time after entries open. Each side writes first and reads the other's
 * write second (the token, then whether entries closed; the close, then the token), so whichever comes second sees
 * the first and ends the wait. Both may end it; the second end is ignored ({@link DrawWaits#end}).
 */
public final class DrawingNow {

    private final Lotteries lotteries;
    private final DrawWaits waits;
    private final Clock clock;

    public DrawingNow(Lotteries lotteries, DrawWaits waits, Clock clock) {
        this.lotteries = lotteries;
        this.waits = waits;
        this.clock = clock;
    }

    /**
     * Closes the entries now (for good: every entry write is refused from here on) and ends the workflow's wait.
     * Pressing it again, or after the scheduled close, is harmless. 404 without a lottery; 422 {@code entries-not-open}
     * before entries open (nobody could have entered, and the organiser can still change the schedule instead).
     */
    public Lottery drawNow(String roundId) {
        Lottery lottery = lotteries.find(roundId)
                .orElseThrow(() -> DomainException.notFound("lottery of round", roundId));
        Instant now = clock.instant();
        if (now.isBefore(lottery.settings().entriesOpenAt())) {
            throw DomainException.ruleViolated("entries-not-open", "entries to the lottery of round " + roundId
                    + " open at " + lottery.settings().entriesOpenAt() + "; change the schedule instead", List.of());
        }
        if (!lotteries.closeNow(roundId, now)) {
            throw new IllegalStateException("the lottery of round " + roundId + " could not be closed");
        }
        lotteries.drawWait(roundId).ifPresent(waits::end);
        return lotteries.find(roundId).orElseThrow();
    }

    /** The workflow's first task: keeps its wait token; ends the wait at once if draw now came first. */
    public void awaiting(String roundId, String waitToken) {
        if (waitToken == null || waitToken.isBlank()) {
            throw new IllegalArgumentException("a wait token is required");
        }
        lotteries.find(roundId).orElseThrow(() -> DomainException.notFound("lottery of round", roundId));
        lotteries.keepDrawWait(roundId, waitToken);
        if (lotteries.draws(roundId).closedAt() != null) {
            waits.end(waitToken);
        }
    }
}
