package dev.madang.domain.waitlist;

import dev.madang.domain.common.Page;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When seats of a grade come back, tells the front of that grade's line, not everyone: subscribers in line order
 * whose party sizes add up to {@link #FACTOR} times the seats freed (the last one may pass it), skipping parties
 * larger than the seats freed (they could not book together; they keep their place). Each one told moves to the end of
 * the line, so the next release tells the next group, and is told at most once per release (docs/waitlist.md).
 * <p>
 * Why twice the seats: some told fans will not come, or come too late; telling more than twice as many as there are
 * seats would mostly send fans to a sold-out map again.
 */
public final class TellingWaitlists {

    /** How many seats' worth of parties are told per seat freed. */
    public static final int FACTOR = 2;
    /** Line items read per query: a hot round's line is read a page at a time, never scanned whole. */
    static final int PAGE = 100;

    private final Waitlists waitlists;
    private final WaitlistAlerts alerts;
    private final Clock clock;

    public TellingWaitlists(Waitlists waitlists, WaitlistAlerts alerts, Clock clock) {
        this.waitlists = waitlists;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * Tells the front of each grade's line that {@code freedByGrade} seats came back in {@code roundId};
     * {@code releaseId} names this freeing (the same release told again tells nobody twice). Returns how many were told.
     */
    public int seatsFreed(String roundId, Map<String, Integer> freedByGrade, String releaseId) {
        int told = 0;
        for (Map.Entry<String, Integer> grade : freedByGrade.entrySet()) {
            if (grade.getValue() > 0) {
                told += tellGrade(roundId, grade.getKey(), grade.getValue(), releaseId);
            }
        }
        return told;
    }

    private int tellGrade(String roundId, String grade, int freed, String releaseId) {
        List<WaitlistSubscription> group = new ArrayList<>();
        int seatsToTell = FACTOR * freed;
        String cursor = null;
        do {
            Page<WaitlistSubscription> page = waitlists.line(roundId, grade, PAGE, cursor);
            for (WaitlistSubscription s : page.items()) {
                if (seatsToTell <= 0) {
                    break;
                }
                if (s.partySize() <= freed && !releaseId.equals(s.lastRelease())) {
                    group.add(s);
                    seatsToTell -= s.partySize();
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null && seatsToTell > 0);
        if (group.isEmpty()) {
            return 0;
        }
        // sent before they move: a failure in between sends again (de-duplicated downstream), never tells nobody
        alerts.tell(group.stream().map(s -> new WaitlistAlerts.SeatsFreed(s.id(), s.accountId(), roundId, grade,
                s.partySize(), releaseId)).toList());
        Instant at = clock.instant();
        int moved = 0;
        for (WaitlistSubscription s : group) {
            if (waitlists.told(s, releaseId, at)) {
                moved++;
            }
        }
        return moved;
    }
}
