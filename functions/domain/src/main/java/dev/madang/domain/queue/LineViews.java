package dev.madang.domain.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each instance's view of its rooms: the settings and the arrivals per second, read at most once per
 * {@link #FRESHNESS} per round, so a poll reads nothing at steady state. A second older than {@link #SETTLE} can
 * gain no more arrivals: its count is kept for good, and only the last few seconds are read again.
 */
final class LineViews {

    static final Duration FRESHNESS = Duration.ofSeconds(1);
    /** An arrival is counted in the second the server saw it, within a request's time; after this it is final. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    record View(Optional<WaitingRoom> room, ArrivalCounts counts, Instant loadedAt) {
    }

    private record Settled(long upTo, Map<Long, Long> counts) {
    }

    private record CachedRoom(Optional<WaitingRoom> room, Instant loadedAt) {
    }

    private final WaitingRooms rooms;
    private final Clock clock;
    private final Map<String, View> views = new ConcurrentHashMap<>();
    private final Map<String, CachedRoom> roomCache = new ConcurrentHashMap<>();
    private final Map<String, Settled> settled = new ConcurrentHashMap<>();

    LineViews(WaitingRooms rooms, Clock clock) {
        this.rooms = rooms;
        this.clock = clock;
    }

    View of(String roundId) {
        Instant now = clock.instant();
        View v = views.get(roundId);
        if (v != null && v.loadedAt().plus(FRESHNESS).isAfter(now)) {
            return v;
        }
        View fresh = load(roundId, now);
        views.put(roundId, fresh);
        return fresh;
    }

    /** The room alone (the booking routes' gate): one read per round per {@link #FRESHNESS} per instance. */
    Optional<WaitingRoom> room(String roundId) {
        Instant now = clock.instant();
        CachedRoom c = roomCache.get(roundId);
        if (c != null && c.loadedAt().plus(FRESHNESS).isAfter(now)) {
            return c.room();
        }
        Optional<WaitingRoom> room = rooms.room(roundId);
        roomCache.put(roundId, new CachedRoom(room, now));
        return room;
    }

    /** Forgets the instance's copy of a room (its organiser just changed it here). */
    void forget(String roundId) {
        roomCache.remove(roundId);
        views.remove(roundId);
    }

    private View load(String roundId, Instant now) {
        Optional<WaitingRoom> room = room(roundId);
        if (room.isEmpty()) {
            return new View(room, new ArrivalCounts(Map.of()), now);
        }
        long early = QueuePlace.earlySecond(room.get().opensAt());
        long last = Math.max(early, now.getEpochSecond());
        long settleBefore = now.minus(SETTLE).getEpochSecond();
        Settled known = settled.getOrDefault(roundId, new Settled(early - 1, Map.of()));
        if (known.upTo() < early - 1) {
            known = new Settled(early - 1, Map.of()); // the opening moved earlier: start again
        }
        List<Long> seconds = new ArrayList<>();
        seconds.add(early);
        for (long s = Math.max(known.upTo() + 1, early + 1); s <= last; s++) {
            seconds.add(s);
        }
        if (known.upTo() >= early) {
            seconds.remove(Long.valueOf(early));
        }
        Map<Long, Long> read = rooms.arrivals(roundId, seconds, settleBefore);
        Map<Long, Long> all = new HashMap<>(known.counts());
        all.putAll(read);
        // what has settled is kept for good: the next load reads only the seconds after it
        long upTo = Math.min(last, settleBefore - 1);
        if (upTo > known.upTo()) {
            Map<Long, Long> keep = new HashMap<>();
            all.forEach((s, n) -> {
                if (s <= upTo) {
                    keep.put(s, n);
                }
            });
            settled.put(roundId, new Settled(upTo, keep));
        }
        return new View(room, new ArrivalCounts(all), now);
    }
}
