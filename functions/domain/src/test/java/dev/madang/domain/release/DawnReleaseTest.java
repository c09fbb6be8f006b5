package dev.madang.domain.release;

import dev.madang.domain.catalog.Seat;
import dev.madang.domain.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DawnRelease} minute by minute through simulated nights, on in-memory pools and night records. */
class DawnReleaseTest {

    /** Pools as the seats table keeps them: a pooled seat is taken by its cancelled ticket until released. */
    static final class InMemoryPools implements ReleasePools {
        final Map<String, PooledSeat> pooled = new TreeMap<>();
        /** seat → the ticket that has it (what the seat item says). */
        final Map<String, String> seatTakenBy = new HashMap<>();

        @Override
        public void add(String roundId, Seat seat, String ticketId, Instant now) {
            pooled.putIfAbsent(roundId + "#" + seat.id(), new PooledSeat(roundId, seat.id(), seat.sectionId(),
                    seat.row(), seat.number(), ticketId, now));
        }

        @Override
        public List<PooledSeat> pooled() {
            return new ArrayList<>(pooled.values());
        }

        @Override
        public List<PooledSeat> pooled(String roundId) {
            return pooled.values().stream().filter(p -> p.roundId().equals(roundId)).toList();
        }

        @Override
        public boolean release(PooledSeat seat) {
            String key = seat.roundId() + "#" + seat.seatId();
            boolean freed = seat.ticketId().equals(seatTakenBy.get(key));
            if (freed) {
                seatTakenBy.remove(key);
            }
            pooled.remove(key);
            return freed;
        }
    }

    static final class InMemoryNights implements NightlyReleases {
        final Map<LocalDate, NightlyRelease> nights = new TreeMap<>();

        @Override
        public boolean begin(LocalDate night, Instant at) {
            return nights.putIfAbsent(night, new NightlyRelease(night, at, null, 0, List.of())) == null;
        }

        @Override
        public void finish(LocalDate night, Instant at, int seats, List<String> rounds) {
            NightlyRelease n = nights.get(night);
            List<String> all = new ArrayList<>(n.rounds());
            rounds.stream().filter(r -> !all.contains(r)).forEach(all::add);
            nights.put(night, new NightlyRelease(night, n.startedAt(), at, n.seats() + seats, all));
        }

        @Override
        public Optional<NightlyRelease> of(LocalDate night) {
            return Optional.ofNullable(nights.get(night));
        }

        @Override
        public List<NightlyRelease> recent(int limit) {
            return nights.values().stream().sorted((a, b) -> b.night().compareTo(a.night())).limit(limit).toList();
        }
    }

    static Instant korea(LocalDate day, int hour, int minute) {
        return ZonedDateTime.of(day, LocalTime.of(hour, minute), DawnRelease.KOREA).toInstant();
    }

    InMemoryPools pools = new InMemoryPools();
    InMemoryNights nights = new InMemoryNights();

    void cancel(String round, String seatId, String ticket) {
        Seat seat = new Seat(seatId, "A", "1", Integer.parseInt(seatId.substring(seatId.lastIndexOf('-') + 1)), 0, 0);
        pools.seatTakenBy.put(round + "#" + seatId, ticket);
        pools.add(round, seat, ticket, Instant.EPOCH);
    }

    /** Ticks every minute from 01:00 to 06:00 Korea time of {@code day}; answers the ticks that released. */
    List<DawnRelease.Tick> night(LocalDate day, Random random) {
        MovableClock clock = new MovableClock(korea(day, 1, 0));
        DawnRelease release = new DawnRelease(pools, nights, random::nextInt, clock);
        List<DawnRelease.Tick> released = new ArrayList<>();
        for (int minute = 0; minute < 5 * 60; minute++) {
            DawnRelease.Tick tick = release.tick();
            if (tick.outcome() == DawnRelease.Outcome.RELEASED) {
                released.add(tick);
            }
            clock.advance(Duration.ofMinutes(1));
        }
        return released;
    }

    @Test
    void every_pool_is_released_at_once_once_a_night_inside_the_window() {
        cancel("R1", "A-1-1", "T1");
        cancel("R1", "A-1-2", "T2");
        cancel("R2", "A-1-7", "T3");
        LocalDate day = LocalDate.of(2026, 12, 5);
        List<DawnRelease.Tick> released = night(day, new Random(7));

        assertThat(released).hasSize(1);
        assertThat(released.get(0).seats()).isEqualTo(3);
        assertThat(released.get(0).rounds()).containsExactly("R1", "R2");
        assertThat(pools.seatTakenBy).isEmpty();
        assertThat(pools.pooled()).isEmpty();
        NightlyReleases.NightlyRelease record = nights.of(day).orElseThrow();
        LocalTime at = record.startedAt().atZone(DawnRelease.KOREA).toLocalTime();
        assertThat(at).isBetween(LocalTime.of(2, 0), LocalTime.of(4, 59));
        assertThat(record.seats()).isEqualTo(3);
        assertThat(record.finishedAt()).isNotNull();

        // the same night again (a second scheduler, a retried call): nothing more is released
        cancel("R1", "A-1-3", "T4");
        assertThat(night(day, new Random(8))).isEmpty();
        assertThat(pools.seatTakenBy).containsKey("R1#A-1-3");
        assertThat(nights.of(day).orElseThrow().seats()).isEqualTo(3);
    }

    @Test
    void a_seat_whose_ticket_no_longer_has_it_is_dropped_from_the_pool_without_being_freed_twice() {
        cancel("R1", "A-1-1", "T1");
        pools.seatTakenBy.remove("R1#A-1-1"); // freed by an operator, say: the release must not count it
        List<DawnRelease.Tick> released = night(LocalDate.of(2026, 12, 6), new Random(1));
        assertThat(released).singleElement().extracting(DawnRelease.Tick::seats).isEqualTo(0);
        assertThat(pools.pooled()).isEmpty();
    }

    @Test
    void a_release_stopped_half_way_is_finished_by_the_next_minute() {
        cancel("R1", "A-1-1", "T1");
        LocalDate day = LocalDate.of(2026, 12, 7);
        nights.begin(day, korea(day, 3, 10)); // claimed at 03:10, then the function died before releasing
        MovableClock clock = new MovableClock(korea(day, 3, 11));
        DawnRelease.Tick tick = new DawnRelease(pools, nights, n -> 1, clock).tick();
        assertThat(tick.outcome()).isEqualTo(DawnRelease.Outcome.RESUMED);
        assertThat(tick.seats()).isEqualTo(1);
        assertThat(nights.of(day).orElseThrow().finishedAt()).isEqualTo(korea(day, 3, 11));
    }

    @Test
    void the_moment_differs_night_by_night_and_is_uniform_over_the_window() {
        // 1,800 nights: the release minute (0-179 after 02:00) counted in six half-hour bins, 300 expected in each
        Random random = new Random(20261204);
        int[] bins = new int[6];
        java.util.Set<Integer> minutes = new java.util.HashSet<>();
        LocalDate day = LocalDate.of(2027, 1, 1);
        for (int i = 0; i < 1800; i++) {
            List<DawnRelease.Tick> released = night(day.plusDays(i), random);
            assertThat(released).hasSize(1);
            Instant at = nights.of(day.plusDays(i)).orElseThrow().startedAt();
            int minute = (int) Duration.between(korea(day.plusDays(i), 2, 0), at).toMinutes();
            assertThat(minute).isBetween(0, 179);
            minutes.add(minute);
            bins[minute / 30]++;
        }
        double chiSquare = 0;
        for (int bin : bins) {
            chiSquare += Math.pow(bin - 300, 2) / 300;
        }
        System.out.printf("dawn release over 1800 nights: bins=%s chi-square=%.2f distinct minutes=%d%n",
                java.util.Arrays.toString(bins), chiSquare, minutes.size());
        // 5 degrees of freedom: 20.52 is the 0.001 critical value
        assertThat(chiSquare).isLessThan(20.52);
        assertThat(minutes.size()).isGreaterThan(170);
    }

    @Test
    void outside_the_window_nothing_happens_whatever_the_pools_hold() {
        cancel("R1", "A-1-1", "T1");
        LocalDate day = LocalDate.of(2026, 12, 8);
        for (Instant at : List.of(korea(day, 1, 59), korea(day, 5, 0), korea(day, 14, 0))) {
            DawnRelease.Tick tick = new DawnRelease(pools, nights, n -> 0, new MovableClock(at)).tick();
            assertThat(tick.outcome()).isEqualTo(DawnRelease.Outcome.OUTSIDE_WINDOW);
        }
        assertThat(pools.pooled()).hasSize(1);
        assertThat(nights.nights).isEmpty();
        // 04:59 is the last minute: a release certain to happen if none did
        DawnRelease.Tick last = new DawnRelease(pools, nights, n -> n == 1 ? 0 : 1,
                new MovableClock(korea(day, 4, 59))).tick();
        assertThat(last.outcome()).isEqualTo(DawnRelease.Outcome.RELEASED);
    }
}
