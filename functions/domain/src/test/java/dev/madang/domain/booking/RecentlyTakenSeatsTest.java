package dev.madang.domain.booking;

import dev.madang.domain.testing.MovableClock;

import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecentlyTakenSeatsTest {

    static final Round ROUND = new Round("R1", "P1", "V1", 1, Instant.EPOCH, Instant.EPOCH, 4, List.of(), Map.of(), 1);
    static final Round OTHER = new Round("R2", "P1", "V1", 1, Instant.EPOCH, Instant.EPOCH, 4, List.of(), Map.of(), 1);
    static final Seat SEAT = new Seat("A-1-1", "A", "1", 1, 0, 0);

    @Test
    void a_seat_that_just_failed_is_refused_for_the_memory_and_then_tried_again() {
        Instant t0 = Instant.parse("2026-11-26T00:00:00Z");
        RecentlyTakenSeats at0 = new RecentlyTakenSeats(Clock.fixed(t0, ZoneOffset.UTC), Duration.ofSeconds(1));
        assertThat(at0.knownTaken(ROUND, SEAT)).isFalse();
        at0.failedToTake(ROUND, SEAT);
        assertThat(at0.knownTaken(ROUND, SEAT)).isTrue();
        assertThat(at0.knownTaken(OTHER, SEAT)).as("another round's seat of the same label").isFalse();
        at0.released(ROUND, SEAT);
        assertThat(at0.knownTaken(ROUND, SEAT)).as("released through this instance").isFalse();
    }

    @Test
    void memory_ends() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-26T00:00:00Z"));
        RecentlyTakenSeats seats = new RecentlyTakenSeats(clock, Duration.ofSeconds(1));
        seats.failedToTake(ROUND, SEAT);
        clock.advance(Duration.ofMillis(999));
        assertThat(seats.knownTaken(ROUND, SEAT)).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(seats.knownTaken(ROUND, SEAT)).isFalse();
        RecentlyTakenSeats none = RecentlyTakenSeats.none(clock);
        none.failedToTake(ROUND, SEAT);
        assertThat(none.knownTaken(ROUND, SEAT)).isFalse();
    }
}
