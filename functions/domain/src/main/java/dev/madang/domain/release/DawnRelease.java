package dev.madang.domain.release;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

/**
 * The dawn release (새벽 취소표 오픈): every night, every round's release pool goes back on sale in one batch, at a
 * moment between 02:00 and 05:00 Korea time that nobody can learn in advance.
 * <p>
 * <b>How the moment is chosen.</b> It is never chosen ahead of time, so there is nothing to read before it happens: a
 * schedule calls {@link #tick} once a minute from 02:00 to 04:59, and each call releases with probability
 * 1/(minutes left in the window, this one included), drawn from a cryptographic random source at that minute. The
 * chance of releasing at minute k is (1 − 1/180)(1 − 1/179)…(1/(180 − k)) = 1/180 for every k: uniform over the
 * window, decided live, and certain by 04:59. Neither the API, the logs nor the schedule knows the minute before it
 * comes; only afterwards does the night's record ({@link NightlyReleases}) say when, how many seats and which rounds.
 * <p>
 * <b>Once a night.</b> The release first claims the night with one conditional write, so a second call the same
 * night (a retried invocation, a second scheduler) releases nothing. A release interrupted half way is resumed by
 * the next minute's call (pooled seats still there are released then; the record is updated).
 */
public final class DawnRelease {

    public static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
    public static final LocalTime WINDOW_OPENS = LocalTime.of(2, 0);
    public static final LocalTime WINDOW_CLOSES = LocalTime.of(5, 0);

    private final ReleasePools pools;
    private final NightlyReleases nights;
    private final IntUnaryOperator randomBelow;
    private final Clock clock;

    /** @param randomBelow a uniform int in [0, n) for n; in production a {@link java.security.SecureRandom}'s */
    public DawnRelease(ReleasePools pools, NightlyReleases nights, IntUnaryOperator randomBelow, Clock clock) {
        this.pools = pools;
        this.nights = nights;
        this.randomBelow = randomBelow;
        this.clock = clock;
    }

    /** What one minute's call did. */
    public enum Outcome {
        /** Outside 02:00–05:00 Korea time: nothing. */
        OUTSIDE_WINDOW,
        /** Tonight's release happened already. */
        ALREADY_RELEASED,
        /** Not this minute. */
        NOT_NOW,
        /** Released every pool now. */
        RELEASED,
        /** A release begun earlier tonight had stopped half way; finished now. */
        RESUMED
    }

    public record Tick(Outcome outcome, LocalDate night, int seats, List<String> rounds) {
    }

    public Tick tick() {
        Instant now = clock.instant();
        ZonedDateTime korea = now.atZone(KOREA);
        LocalDate night = korea.toLocalDate();
        LocalTime time = korea.toLocalTime();
        if (time.isBefore(WINDOW_OPENS) || !time.isBefore(WINDOW_CLOSES)) {
            return new Tick(Outcome.OUTSIDE_WINDOW, night, 0, List.of());
        }
        var recorded = nights.of(night);
        if (recorded.isPresent()) {
            if (recorded.get().finishedAt() != null) {
                return new Tick(Outcome.ALREADY_RELEASED, night, 0, List.of());
            }
            return releaseAll(night, Outcome.RESUMED);
        }
        long minutesLeft = ChronoUnit.MINUTES.between(time.truncatedTo(ChronoUnit.MINUTES), WINDOW_CLOSES);
        if (randomBelow.applyAsInt((int) minutesLeft) != 0) {
            return new Tick(Outcome.NOT_NOW, night, 0, List.of());
        }
        if (!nights.begin(night, now)) {
            return new Tick(Outcome.ALREADY_RELEASED, night, 0, List.of()); // another call won the night
        }
        return releaseAll(night, Outcome.RELEASED);
    }

    /** Frees every pooled seat now; the counts are this run's (a resumed run adds to the night's record). */
    private Tick releaseAll(LocalDate night, Outcome outcome) {
        int seats = 0;
        Set<String> rounds = new TreeSet<>();
        for (ReleasePools.PooledSeat seat : pools.pooled()) {
            if (pools.release(seat)) {
                seats++;
                rounds.add(seat.roundId());
            }
        }
        nights.finish(night, clock.instant(), seats, List.copyOf(rounds));
        return new Tick(outcome, night, seats, List.copyOf(rounds));
    }
}
