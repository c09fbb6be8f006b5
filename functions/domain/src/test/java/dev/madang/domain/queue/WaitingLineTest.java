package dev.madang.domain.queue;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The line's rules: fairness before the opening, order after it, one place per person, admissions at the rate. */
class WaitingLineTest {

    static final Instant OPENS = Instant.parse("2026-12-10T11:00:00Z");
    static final String ROUND = "R1";

    record Line(InMemoryWaitingRooms rooms, MovableClock clock, WaitingLine line, PlainQueueTokens tokens) {
    }

    static Line line(long seed, int rate) {
        InMemoryWaitingRooms rooms = new InMemoryWaitingRooms();
        MovableClock clock = new MovableClock(OPENS.minusSeconds(60));
        rooms.save(new WaitingRoom(ROUND, true, false, OPENS, rate, OPENS, 0, List.of(
                new WaitingRoom.Ad("a1", "https://ads.example/1.png", null, "광고 1")), clock.instant()));
        PlainQueueTokens tokens = new PlainQueueTokens();
        return new Line(rooms, clock, new WaitingLine(rooms, tokens, clock, new SplittableRandom(seed)), tokens);
    }

    @Test
    void fans_who_enter_before_the_opening_are_served_in_a_uniformly_random_order() {
        int fans = 6;
        int trials = 3000;
        long[][] rankCounts = new long[fans][fans];
        for (int trial = 0; trial < trials; trial++) {
            Line l = line(trial, 100);
            List<String> tokens = new ArrayList<>();
            for (int f = 0; f < fans; f++) {
                l.clock().advance(Duration.ofSeconds(5)); // fan 0 arrives first, and gains nothing by it
                tokens.add(l.line().enter("fan" + f, ROUND).token());
            }
            l.clock().advance(Duration.ofSeconds(60));
            List<Integer> order = IntStream.range(0, fans).boxed().sorted(Comparator.comparingDouble(f ->
                    l.line().views().of(ROUND).counts().ahead(l.tokens().readPlace(tokens.get(f)).orElseThrow())))
                    .toList();
            for (int rank = 0; rank < fans; rank++) {
                rankCounts[order.get(rank)][rank]++;
            }
        }
        // each fan's rank is uniform on 1..6: chi-square with 5 degrees of freedom under 20.5 (p = 0.001) for each
        double expected = trials / (double) fans;
        for (int f = 0; f < fans; f++) {
            double chi2 = 0;
            for (int r = 0; r < fans; r++) {
                chi2 += Math.pow(rankCounts[f][r] - expected, 2) / expected;
            }
            assertThat(chi2).as("fan %d's ranks %s", f, java.util.Arrays.toString(rankCounts[f])).isLessThan(20.5);
        }
    }

    @Test
    void after_the_opening_a_later_fan_never_passes_an_earlier_one() {
        Line l = line(7, 100);
        l.clock().advance(Duration.ofSeconds(61)); // one second after the opening
        List<QueuePlace> places = new ArrayList<>();
        for (int f = 0; f < 200; f++) {
            l.clock().advance(Duration.ofMillis(f % 7)); // some in the same millisecond, some apart
            places.add(l.tokens().readPlace(l.line().enter("late" + f, ROUND).token()).orElseThrow());
        }
        l.clock().advance(Duration.ofSeconds(10));
        ArrivalCounts counts = l.line().views().of(ROUND).counts();
        for (int f = 1; f < places.size(); f++) {
            QueuePlace earlier = places.get(f - 1);
            QueuePlace later = places.get(f);
            if (later.enteredAt().isAfter(earlier.enteredAt())) {
                assertThat(counts.ahead(later)).as("fan %d after fan %d", f, f - 1)
                        .isGreaterThan(counts.ahead(earlier));
            }
        }
    }

    @Test
    void an_early_fan_is_ahead_of_every_late_one_and_entering_twice_keeps_one_place() {
        Line l = line(3, 100);
        String first = l.line().enter("early", ROUND).token();
        String again = l.line().enter("early", ROUND).token(); // another tab
        assertThat(again).isEqualTo(first);
        l.clock().advance(Duration.ofSeconds(61));
        l.line().enter("late", ROUND);
        assertThat(l.rooms().counts.get(ROUND).values().stream().flatMap(m -> m.values().stream())
                .mapToLong(Long::longValue).sum()).as("counted once each").isEqualTo(2);
        l.clock().advance(Duration.ofSeconds(10));
        ArrivalCounts counts = l.line().views().of(ROUND).counts();
        assertThat(counts.ahead(l.tokens().readPlace(first).orElseThrow())).isLessThan(1);
    }

    @Test
    void the_cursor_admits_at_the_rate_and_an_admission_is_bound_to_its_account_round_and_window() {
        Line l = line(11, 10); // 10 a second
        List<String> tokens = new ArrayList<>();
        for (int f = 0; f < 50; f++) {
            tokens.add(l.line().enter("fan" + f, ROUND).token());
        }
        l.clock().advance(Duration.ofSeconds(60)); // the opening
        l.clock().advance(Duration.ofSeconds(2)); // 20 people's worth of cursor
        long admitted = IntStream.range(0, 50).filter(f -> l.line().poll("fan" + f, ROUND, tokens.get(f)).status()
                == WaitingLine.Status.ADMITTED).count();
        // the early crowd's places are random offsets within it, so the count reached by the cursor is a binomial
        // estimate of 20: ±3.5 here, ±1% for a crowd of 20,000
        assertThat(admitted).isBetween(10L, 30L);

        AdmissionGate gate = new AdmissionGate(l.line(), l.tokens(), l.clock());
        WaitingLine.Position admittedOne = IntStream.range(0, 50).mapToObj(f -> l.line().poll("fan" + f, ROUND,
                tokens.get(f))).filter(p -> p.status() == WaitingLine.Status.ADMITTED).findFirst().orElseThrow();
        String owner = l.tokens().readAdmission(admittedOne.admission()).orElseThrow().userId();
        gate.require(owner, ROUND, admittedOne.admission());
        assertThatThrownBy(() -> gate.require("someone-else", ROUND, admittedOne.admission()))
                .isInstanceOf(DomainException.class).hasMessageContaining("not yours");
        assertThatThrownBy(() -> gate.require(owner, ROUND, null)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> gate.require(owner, ROUND, admittedOne.admission() + "x"))
                .isInstanceOf(DomainException.class);
        gate.require(owner, "another-round", null); // no room there: nothing needed
        // another fan's token polled by me: refused
        assertThatThrownBy(() -> l.line().poll("fan1", ROUND, tokens.get(0))).isInstanceOf(DomainException.class);

        l.clock().advance(WaitingRoom.ADMISSION_WINDOW.plusSeconds(5));
        assertThatThrownBy(() -> gate.require(owner, ROUND, admittedOne.admission()))
                .isInstanceOf(DomainException.class).hasMessageContaining("expired");
    }

    @Test
    void with_the_line_off_a_puzzle_wanted_guards_booking_and_the_door_admits_at_once() {
        Line l = line(3, 10);
        AdmissionGate gate = new AdmissionGate(l.line(), l.tokens(), l.clock());
        l.rooms().save(new WaitingRoom(ROUND, false, false, OPENS, 10, OPENS, 0, List.of(), l.clock().instant()));
        l.clock().advance(Duration.ofSeconds(2)); // past the instance's one-second view
        gate.require("fan1", ROUND, null); // neither line nor puzzle: booking is open
        assertThatThrownBy(() -> l.line().requireOpen(ROUND)).isInstanceOf(DomainException.class);

        l.rooms().save(new WaitingRoom(ROUND, false, true, OPENS, 10, OPENS, 0, List.of(), l.clock().instant()));
        l.clock().advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> gate.require("fan1", ROUND, null)).isInstanceOf(DomainException.class)
                .hasMessageContaining("waiting room");
        l.line().requireOpen(ROUND);
        // before the opening too: there is no line to be fair in, only the door
        WaitingLine.Entered entered = l.line().enter("fan1", ROUND);
        assertThat(entered.token()).isNull();
        assertThat(entered.position().status()).isEqualTo(WaitingLine.Status.ADMITTED);
        assertThat(entered.position().admissionExpiresAt())
                .isEqualTo(l.clock().instant().plus(WaitingRoom.ADMISSION_WINDOW));
        gate.require("fan1", ROUND, entered.position().admission());
        assertThatThrownBy(() -> gate.require("fan2", ROUND, entered.position().admission()))
                .isInstanceOf(DomainException.class).hasMessageContaining("not yours");
        assertThat(l.rooms().places).isEmpty();
    }

    @Test
    void polls_read_the_store_at_most_once_a_second_per_instance() {
        Line l = line(5, 100);
        List<String> tokens = new ArrayList<>();
        for (int f = 0; f < 100; f++) {
            tokens.add(l.line().enter("fan" + f, ROUND).token());
        }
        l.clock().advance(Duration.ofSeconds(59));
        int before = l.rooms().arrivalReads;
        for (int poll = 0; poll < 1000; poll++) {
            l.line().poll("fan" + (poll % 100), ROUND, tokens.get(poll % 100));
        }
        assertThat(l.rooms().arrivalReads - before).as("1,000 polls within one second").isLessThanOrEqualTo(1);
        l.clock().advance(Duration.ofSeconds(11));
        l.line().poll("fan0", ROUND, tokens.get(0));
        assertThat(l.rooms().impressions(ROUND)).containsKey("a1");
        assertThat(l.rooms().impressions(ROUND).get("a1")).isEqualTo(1001);
    }

    @Test
    void the_rate_changes_live_without_the_cursor_jumping_back() {
        WaitingRoom room = new WaitingRoom(ROUND, true, false, OPENS, 10, OPENS, 0, List.of(), OPENS);
        Instant later = OPENS.plusSeconds(30);
        WaitingRoom faster = room.withRate(100, later);
        assertThat(faster.admittedBy(later)).isEqualTo(300);
        assertThat(faster.admittedBy(later.plusSeconds(1))).isEqualTo(400);
        assertThat(room.admittedBy(OPENS.minusSeconds(1))).isZero();
        assertThat(faster.reaches(400)).isEqualTo(later.plusSeconds(1));
    }
}
