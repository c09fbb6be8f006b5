package dev.madang.domain.catalog;

import dev.madang.domain.common.DomainException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Rounds and layouts as the hot path sees them: a layout version never changes, so it is cached for good; a round
 * is refreshed in the background once it is older than {@code freshness}, while requests go on with the copy they
 * have. After the first request for a round, a hold never waits on a catalog read.
 */
public final class CachedCatalog {

    private final Rounds rounds;
    private final Venues venues;
    private final Performances performances;
    private final Clock clock;
    private final Duration freshness;
    private final Executor refresher;
    private final Map<String, Entry> roundCache = new ConcurrentHashMap<>();
    private final Map<String, SeatLayout> layouts = new ConcurrentHashMap<>();
    private final Map<String, Titled> performanceCache = new ConcurrentHashMap<>();

    /** A cache of rounds and layouts only (for paths that never name a performance). */
    public CachedCatalog(Rounds rounds, Venues venues, Clock clock, Duration freshness, Executor refresher) {
        this(rounds, venues, null, clock, freshness, refresher);
    }

    public CachedCatalog(Rounds rounds, Venues venues, Performances performances, Clock clock, Duration freshness,
                         Executor refresher) {
        this.rounds = rounds;
        this.venues = venues;
        this.performances = performances;
        this.clock = clock;
        this.freshness = freshness;
        this.refresher = refresher;
    }

    private record Entry(Round round, Instant loadedAt, boolean refreshing) {
    }

    /** A performance as last read (empty if it was not found), and when. */
    private record Titled(Optional<Performance> performance, Instant loadedAt) {
    }

    /**
     * The performance, read again once older than {@code freshness} (a title changes rarely, and a few seconds of an
     * old one on an order name does no harm).
     */
    public Optional<Performance> performance(String performanceId) {
        if (performances == null) {
            throw new IllegalStateException("this catalog cache was made without performances");
        }
        Instant now = clock.instant();
        Titled t = performanceCache.get(performanceId);
        if (t == null || t.loadedAt().plus(freshness).isBefore(now)) {
            t = new Titled(performances.find(performanceId), now);
            performanceCache.put(performanceId, t);
        }
        return t.performance();
    }

    public Round round(String roundId) {
        Instant now = clock.instant();
        Entry e = roundCache.get(roundId);
        if (e == null) {
            Round round = rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
            roundCache.put(roundId, new Entry(round, now, false));
            return round;
        }
        if (!e.refreshing() && e.loadedAt().plus(freshness).isBefore(now)
                && roundCache.replace(roundId, e, new Entry(e.round(), e.loadedAt(), true))) {
            refresher.execute(() -> reload(roundId, e));
        }
        return e.round();
    }

    private void reload(String roundId, Entry stale) {
        try {
            rounds.find(roundId).ifPresentOrElse(
                    r -> roundCache.put(roundId, new Entry(r, clock.instant(), false)),
                    () -> roundCache.remove(roundId));
        } catch (RuntimeException e) {
            // keep serving the copy we have; the next request past freshness tries again
            roundCache.put(roundId, new Entry(stale.round(), stale.loadedAt(), false));
        }
    }

    public SeatLayout layout(Round round) {
        return layouts.computeIfAbsent(round.venueId() + "#" + round.layoutVersion(),
                k -> venues.layout(round.venueId(), round.layoutVersion()).orElseThrow(
                        () -> new IllegalStateException("round " + round.id() + " lost its layout")));
    }
}
