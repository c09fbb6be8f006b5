package dev.madang.localstack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when told to, for tests of time-driven stand-ins ({@link SchedulerStandIn}): it reads the
 * instant last {@link #set set}, and {@link #advance} moves it on. Thread-safe; never goes backwards.
 */
public final class ManualClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    private ManualClock(Instant now, ZoneId zone) {
        this.now = Objects.requireNonNull(now, "now");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** A clock reading {@code now}, in UTC. */
    public static ManualClock at(Instant now) {
        return new ManualClock(now, ZoneOffset.UTC);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a ManualClock is shared as it is; convert instants to a zone instead");
    }

    @Override
    public Instant instant() {
        return now;
    }

    /**
     * Moves the clock to {@code instant}.
     *
     * @throws IllegalArgumentException if that is before the time it reads
     */
    public synchronized void set(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("a ManualClock does not go backwards: it reads " + now + ", not "
                    + instant);
        }
        now = instant;
    }

    /** Moves the clock on by {@code duration} (not negative) and returns the new time. */
    public synchronized Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a ManualClock does not go backwards: " + duration);
        }
        now = now.plus(duration);
        return now;
    }

    @Override
    public String toString() {
        return "ManualClock[" + now + "]";
    }
}
