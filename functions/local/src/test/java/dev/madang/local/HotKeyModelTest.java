package dev.madang.local;

import dev.madang.aws.catalog.SeatKeys;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.local.HotKeyModel.NamedKeys;
import dev.madang.local.HotKeyModel.Params;
import dev.madang.local.HotKeyModel.Result;
import dev.madang.local.HotKeyModel.Simulation;
import dev.madang.local.HotKeyModel.Summary;
import dev.madang.local.HotKeyModel.Tally;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.madang.local.HotKeyModel.FAILED;
import static dev.madang.local.HotKeyModel.HELD;
import static dev.madang.local.HotKeyModel.RELEASED;
import static org.assertj.core.api.Assertions.assertThat;

class HotKeyModelTest {

    private static final String ROUND = "R1";

    /** Real per-row keys, blocks of two seats, and one key for everything. */
    private static final List<NamedKeys> KEYS = List.of(
            new NamedKeys("real", SeatKeys::partitionKey),
            new NamedKeys("pairs", HotKeyModel.block(2)),
            new NamedKeys("one", (round, seat) -> "ALL"));

    private static Params params(double holdsPerS, int durationS, double mapRefreshS) {
        return new Params(holdsPerS, durationS, 42, 8, 4, 4, 3, 1, 3, mapRefreshS);
    }

    @Test
    void countsHeldFailedAndReleasedWritesPerKeyAndSecond() {
        // one section, 2 rows of 4 seats: layout indices 0-3 are A-1-1..4, 4-7 are A-2-1..4
        SeatLayout layout = HotKeyModel.venue(1, 2, 4);
        Simulation sim = new Simulation(layout, ROUND, params(1, 3, 60), KEYS);

        assertThat(sim.hold(0.1, new int[] {1, 2})).isTrue();
        // takes seat 0, fails on seat 1 (held above), releases seat 0
        assertThat(sim.hold(0.5, new int[] {0, 1, 2})).isFalse();
        assertThat(sim.hold(1.2, new int[] {4})).isTrue();
        assertThat(sim.hold(1.5, new int[] {0})).isTrue(); // released, so free again
        assertThat(sim.hold(2.9, new int[] {0, 1})).isFalse(); // fails on its first seat: nothing to release

        Tally rows = sim.tallies().get(0);
        String row1 = SeatKeys.partitionKey(ROUND, layout.seats().get(0));
        String row2 = SeatKeys.partitionKey(ROUND, layout.seats().get(4));
        assertThat(rows.writes(row1, 0, HELD)).isEqualTo(3);
        assertThat(rows.writes(row1, 0, FAILED)).isEqualTo(1);
        assertThat(rows.writes(row1, 0, RELEASED)).isEqualTo(1);
        assertThat(rows.writes(row1, 0)).isEqualTo(5);
        assertThat(rows.writes(row1, 1)).isEqualTo(1);
        assertThat(rows.writes(row2, 1)).isEqualTo(1);
        assertThat(rows.writes(row1, 2)).isEqualTo(1);
        assertThat(rows.writes(row1, 2, FAILED)).isEqualTo(1);

        // pairs of seats: seats 0,1 -> block 0 and seat 2 -> block 1 of row 1
        Tally pairs = sim.tallies().get(1);
        String block0 = "SEAT#R1#A#1#B0";
        String block1 = "SEAT#R1#A#1#B1";
        assertThat(pairs.writes(block0, 0)).isEqualTo(4); // held 1, held 0, failed 1, released 0
        assertThat(pairs.writes(block1, 0)).isEqualTo(1); // held 2
        assertThat(pairs.partitionKeys()).isEqualTo(4);

        Summary real = rows.summary();
        assertThat(real.partitionKeys()).isEqualTo(2);
        assertThat(real.maxKeyWritesPerS()).isEqualTo(5);
        assertThat(real.busiestKey()).isEqualTo(row1);
        assertThat(real.busiestSecond()).isZero();
        assertThat(List.of(real.busiestHeld(), real.busiestFailed(), real.busiestReleased())).containsExactly(3, 1, 1);
        assertThat(real.totalWrites()).isEqualTo(8);
        assertThat(sim.seatsHeld()).isEqualTo(4);
    }

    @Test
    void withOneKeyTheBusiestKeySecondIsTheBusiestSecondsTotal() {
        SeatLayout layout = HotKeyModel.venue(2, 5, 10);
        Simulation sim = new Simulation(layout, ROUND, params(200, 5, 60), KEYS);
        Result result = sim.run();

        Tally rows = sim.tallies().get(0);
        int busiestSecond = 0;
        for (int second = 0; second < 5; second++) {
            int total = 0;
            for (String key : SeatKeys.partitionKeys(ROUND, layout)) {
                total += rows.writes(key, second);
            }
            busiestSecond = Math.max(busiestSecond, total);
        }
        Summary one = result.tallies().get(2);
        assertThat(one.partitionKeys()).isEqualTo(1);
        assertThat(one.busiestKey()).isEqualTo("ALL");
        assertThat(one.maxKeyWritesPerS()).isEqualTo(busiestSecond).isPositive();
        // every tally sees the same writes, however it groups them
        assertThat(result.tallies()).extracting(Summary::totalWrites).containsOnly(result.real().totalWrites());
        assertThat(result.real().partitionKeys()).isEqualTo(10);
    }

    @Test
    void heldMinusReleasedWritesAreTheSeatsStillHeld() {
        SeatLayout layout = HotKeyModel.venue(2, 5, 10);
        Simulation sim = new Simulation(layout, ROUND, params(200, 10, 0.5), KEYS);
        Result result = sim.run();

        Tally rows = sim.tallies().get(0);
        long held = 0;
        long released = 0;
        for (String key : SeatKeys.partitionKeys(ROUND, layout)) {
            for (int second = 0; second < 10; second++) {
                held += rows.writes(key, second, HELD);
                released += rows.writes(key, second, RELEASED);
            }
        }
        assertThat(held - released).isEqualTo(result.seatsHeld());
        // a map refreshed twice a second lets 200 clients/s find the last of 100 seats well within 10 s
        assertThat(result.seatsHeld()).isEqualTo(100);
        assertThat(result.soldOutAtS()).isBetween(0.0, 10.0);
        assertThat(result.leftWithoutSeats()).isPositive();
    }

    @Test
    void freshAttemptsArriveAtTheStatedRate() {
        SeatLayout layout = HotKeyModel.venue(2, 5, 10);
        Result result = new Simulation(layout, ROUND, params(1_000, 20, 60), KEYS).run();
        // Poisson: 20,000 expected, standard deviation about 141
        assertThat(result.freshAttempts()).isBetween(19_400L, 20_600L);
    }

    @Test
    void sameSeedSameFigures() {
        SeatLayout layout = HotKeyModel.venue(3, 10, 10);
        Result a = new Simulation(layout, ROUND, params(500, 5, 60), KEYS).run();
        Result b = new Simulation(layout, ROUND, params(500, 5, 60), KEYS).run();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void p99IsNearestRank() {
        int[] values = new int[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = 200 - i; // 1..200, unsorted
        }
        assertThat(HotKeyModel.p99(values)).isEqualTo(198);
        assertThat(HotKeyModel.p99(new int[] {7})).isEqualTo(7);
        assertThat(HotKeyModel.p99(new int[0])).isZero();
    }

    @Test
    void theDefaultVenueHas50000SeatsAndTheReportNamesEveryFigure() {
        assertThat(HotKeyModel.venue(20, 50, 50).seatCount()).isEqualTo(50_000);

        SeatLayout layout = HotKeyModel.venue(2, 5, 10);
        Result result = new Simulation(layout, ROUND, params(100, 2, 60), HotKeyModel.keyFunctions()).run();
        List<String> lines = HotKeyModel.report(result, "2 sections x 5 rows x 10 seats");
        assertThat(lines).anyMatch(l -> l.startsWith("arrival_model=Poisson"));
        for (String key : List.of("seats=100", "holds_per_s=100", "duration_s=2", "partition_keys=",
                "max_key_writes_per_s=" + result.real().maxKeyWritesPerS(), "p99_key_writes_per_s=", "busiest_key=",
                "total_writes=" + result.real().totalWrites(), "sold_out_at_s=")) {
            assertThat(lines).anyMatch(l -> l.startsWith(key));
        }
        assertThat(lines).allMatch(l -> l.contains("=") && !l.contains("\n"));
    }
}
