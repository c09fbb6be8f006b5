package dev.madang.domain.booking;

import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seats whose conditional write failed on this function instance moments ago. A failed conditional write is billed
 * and counts against its partition's 1,000 writes/s, and in an on-sale rush most attempts fail on the same few
 * seats; refusing them in memory for {@code memory} keeps the hot keys cool. It only ever refuses: the cost of a
 * stale entry is a fan's retry a second later (a seat released in that second), never a seat sold twice.
 */
public final class RecentlyTakenSeats {

    private static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final Duration memory;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    public RecentlyTakenSeats(Clock clock, Duration memory) {
        this.clock = clock;
        this.memory = memory;
    }

    /** Remembers nothing: every attempt reaches the inventory. */
    public static RecentlyTakenSeats none(Clock clock) {
        return new RecentlyTakenSeats(clock, Duration.ZERO);
    }

    public boolean knownTaken(Round round, Seat seat) {
        Instant end = until.get(key(round, seat));
        if (end == null) {
            return false;
        }
        if (end.isAfter(clock.instant())) {
            return true;
        }
        until.remove(key(round, seat), end);
        return false;
    }

    public void failedToTake(Round round, Seat seat) {
        if (memory.isZero()) {
            return;
        }
        if (until.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            until.values().removeIf(end -> !end.isAfter(now)); // bounded memory under a long rush
        }
        until.put(key(round, seat), clock.instant().plus(memory));
    }

    /** A seat given back through this instance is free at once here, whatever failed on it a moment ago. */
    public void released(Round round, Seat seat) {
        until.remove(key(round, seat));
    }

    private static String key(Round round, Seat seat) {
        return round.id() + "#" + seat.id();
    }
}
