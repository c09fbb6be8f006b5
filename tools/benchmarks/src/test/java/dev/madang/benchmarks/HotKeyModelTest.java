package dev.madang.benchmarks;

import dev.madang.aws.catalog.SeatKeys;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.benchmarks.HotKeyModel.NamedKeys;
import dev.madang.benchmarks.HotKeyModel.Outcome;
import dev.madang.benchmarks.HotKeyModel.Params;
import dev.madang.benchmarks.HotKeyModel.Result;
import dev.madang.benchmarks.HotKeyModel.Simulation;
import dev.madang.benchmarks.HotKeyModel.Summary;
import dev.madang.benchmarks.HotKeyModel.Tally;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.madang.benchmarks.HotKeyModel.FAILED;
import static dev.madang.benchmarks.HotKeyModel.HELD;
import static dev.madang.benchmarks.HotKeyModel.RELEASED;
import static org.assertj.core.api.Assertions.assertThat;

class HotKeyModelTest {

    /** These tests check the bookkeeping of both fail-fast checks, the built one and the modelled snapshot check. */
    @org.junit.jupiter.api.BeforeAll
    static void modelBothChecks() {
        System.setProperty("snapshot.check", "true");
    }

    @org.junit.jupiter.api.AfterAll
    static void restore() {
        System.clearProperty("snapshot.check");
    }


    private static final String ROUND = "R1";

    /** Real per-row keys, blocks of two seats, and one key for everything. */
    private static final List<NamedKeys> KEYS = List.of(
            new NamedKeys("real", SeatKeys::partitionKey),
            new NamedKeys("pairs", HotKeyModel.block(2)),
            new NamedKeys("one", (round, seat) -> "ALL"));

    /** The earlier model: every request written, the map seen as soon as it is rebuilt. */
    private static Params params(double holdsPerS, int durationS, double mapRefreshS) {
        return Params.legacy().withRun(holdsPerS, durationS).withMap(mapRefreshS, 0, 0);
    }

    /** Writes of every kind on a key, per second 0..seconds-1. */
    private static int[] perSecond(Tally tally, String key, int seconds) {
        int[] out = new int[seconds];
        for (int second = 0; second < seconds; second++) {
            out[second] = tally.writes(key, second);
        }
        return out;
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
    void aSeatInTheInstancesNegativeCacheIsRefusedWithoutAWrite() {
        // one row of 6 seats: layout indices 0-5 are A-1-1..6. The map is rebuilt only at 0 and 60, so every
        // snapshot copy is empty during this test and only the negative cache (2 s, per instance) refuses.
        SeatLayout layout = HotKeyModel.venue(1, 1, 6);
        Params p = Params.defaults().withRun(1, 4).withMap(60, 0, 0).withFailFast(true, 2, 1, 2);
        Simulation sim = new Simulation(layout, ROUND, p, KEYS);

        assertThat(sim.attempt(0.1, 0, new int[] {3})).isEqualTo(Outcome.HELD); // 1 write
        assertThat(sim.attempt(0.2, 0, new int[] {3, 4})).isEqualTo(Outcome.FAILED); // 1 failed write; 3 remembered on 0
        // instance 1 has not seen that failure: held 2, failed 3, released 2
        assertThat(sim.attempt(0.4, 1, new int[] {2, 3})).isEqualTo(Outcome.FAILED);
        // instance 0 remembers seat 3 (0.8 s ago): refused, and the 3 writes above are not made
        assertThat(sim.attempt(1.0, 0, new int[] {2, 3})).isEqualTo(Outcome.REFUSED_BY_NEGATIVE_CACHE);
        assertThat(sim.attempt(1.5, 0, new int[] {4, 5})).isEqualTo(Outcome.HELD); // only seat 3 is remembered
        assertThat(sim.attempt(2.1, 0, new int[] {2, 3})).isEqualTo(Outcome.REFUSED_BY_NEGATIVE_CACHE); // 1.9 s
        assertThat(sim.attempt(2.3, 0, new int[] {2, 3})).isEqualTo(Outcome.FAILED); // 2.1 s: forgotten, written

        String row = SeatKeys.partitionKey(ROUND, layout.seats().get(0));
        Tally real = sim.tallies().get(0);
        assertThat(perSecond(real, row, 4)).containsExactly(5, 2, 3, 0);
        assertThat(real.writes(row, 1, FAILED)).isZero();
        assertThat(sim.refusedByNegativeCache()).isEqualTo(2);
        assertThat(sim.writesAvoidedByNegativeCache()).isEqualTo(6);
        assertThat(sim.refusedBySnapshot()).isZero();
        assertThat(sim.failedWrites()).isEqualTo(3);
        assertThat(sim.seatsHeld()).isEqualTo(3);

        // the same requests without fail-fast: the two refused ones write 3 each, exactly the writes avoided
        Simulation plain = new Simulation(layout, ROUND, p.withFailFast(false, 2, 1, 2), KEYS);
        plain.attempt(0.1, 0, new int[] {3});
        plain.attempt(0.2, 0, new int[] {3, 4});
        plain.attempt(0.4, 1, new int[] {2, 3});
        assertThat(plain.attempt(1.0, 0, new int[] {2, 3})).isEqualTo(Outcome.FAILED);
        plain.attempt(1.5, 0, new int[] {4, 5});
        assertThat(plain.attempt(2.1, 0, new int[] {2, 3})).isEqualTo(Outcome.FAILED);
        plain.attempt(2.3, 0, new int[] {2, 3});
        assertThat(perSecond(plain.tallies().get(0), row, 4)).containsExactly(5, 5, 6, 0);
        assertThat(plain.failedWrites()).isEqualTo(5);
        assertThat(plain.refusedByNegativeCache() + plain.refusedBySnapshot()).isZero();
    }

    @Test
    void aSeatTakenInTheInstancesSnapshotCopyIsRefusedWithoutAWrite() {
        // the worker rebuilds the snapshot at 0, 1, 2, 3 s; instance 0 refreshes its copy at 0.5, 1.5, 2.5, 3.5 s,
        // each time taking the worker's latest. Negative cache off, so only the snapshot copy refuses.
        SeatLayout layout = HotKeyModel.venue(1, 1, 6);
        Params p = Params.defaults().withRun(1, 4).withMap(1, 0, 0).withFailFast(true, 1, 1, 0);
        Simulation sim = new Simulation(layout, ROUND, p, KEYS);
        sim.setInstancePhase(0, 0.5);
        assertThat(List.of(sim.instanceCopyAsOf(0, 0.2), sim.instanceCopyAsOf(0, 1.2), sim.instanceCopyAsOf(0, 1.6),
                sim.instanceCopyAsOf(0, 2.9), sim.instanceCopyAsOf(0, 3.6))).containsExactly(0.0, 0.0, 1.0, 2.0, 3.0);

        assertThat(sim.attempt(0.1, 0, new int[] {2, 3})).isEqualTo(Outcome.HELD); // 2 writes
        // at 1.2 the copy is the snapshot built at 0, before the hold: written, held 1, failed 2, released 1
        assertThat(sim.attempt(1.2, 0, new int[] {1, 2, 3})).isEqualTo(Outcome.FAILED);
        // at 1.6 the copy is the one built at 1 s, which shows 2 and 3 taken: refused, those 3 writes not made
        assertThat(sim.attempt(1.6, 0, new int[] {1, 2, 3})).isEqualTo(Outcome.REFUSED_BY_SNAPSHOT);
        assertThat(sim.attempt(2.2, 0, new int[] {4})).isEqualTo(Outcome.HELD); // 1 write
        // at 2.9 the copy is the one built at 2 s, before seat 4 was held at 2.2: written, fails on 4
        assertThat(sim.attempt(2.9, 0, new int[] {4, 5})).isEqualTo(Outcome.FAILED);
        // at 3.6 the copy built at 3 s shows seat 4: refused, 1 write not made
        assertThat(sim.attempt(3.6, 0, new int[] {4, 5})).isEqualTo(Outcome.REFUSED_BY_SNAPSHOT);

        String row = SeatKeys.partitionKey(ROUND, layout.seats().get(0));
        assertThat(perSecond(sim.tallies().get(0), row, 4)).containsExactly(2, 3, 2, 0);
        assertThat(sim.refusedBySnapshot()).isEqualTo(2);
        assertThat(sim.writesAvoidedBySnapshot()).isEqualTo(4);
        assertThat(sim.refusedByNegativeCache()).isZero();
        assertThat(sim.failedWrites()).isEqualTo(2);
        assertThat(sim.seatsHeld()).isEqualTo(3);
    }

    @Test
    void theClientsMapIsTheSnapshotLatestAtItsLag() {
        Simulation sim = new Simulation(HotKeyModel.venue(1, 1, 6), ROUND,
                Params.defaults().withRun(1, 4).withMap(0.5, 0, 1), KEYS);
        assertThat(List.of(sim.snapshotAsOf(-0.3), sim.snapshotAsOf(0.2), sim.snapshotAsOf(0.7),
                sim.snapshotAsOf(2.0))).containsExactly(0.0, 0.0, 0.5, 2.0);
    }

    @Test
    void everyRequestIsHeldFailedRefusedOrFindsNoRoom() {
        // 2 instances, so that retries often meet the instance that remembers their seat
        SeatLayout layout = HotKeyModel.venue(2, 5, 10);
        Simulation sim = new Simulation(layout, ROUND, Params.defaults().withRun(200, 10).withFailFast(true, 2, 1, 2),
                KEYS);
        Result r = sim.run();

        assertThat(r.freshAttempts() + r.retryAttempts()).isEqualTo(r.successfulHolds() + r.failedWrites()
                + r.refusedBySnapshot() + r.refusedByNegativeCache() + r.leftWithoutSeats());
        assertThat(r.refusedBySnapshot()).isPositive();
        assertThat(r.refusedByNegativeCache()).isPositive();
        // a refused request would have failed: at least one write avoided each
        assertThat(r.writesAvoidedBySnapshot()).isGreaterThanOrEqualTo(r.refusedBySnapshot());
        assertThat(r.writesAvoidedByNegativeCache()).isGreaterThanOrEqualTo(r.refusedByNegativeCache());
        Tally rows = sim.tallies().get(0);
        long held = 0;
        long failed = 0;
        long released = 0;
        for (String key : SeatKeys.partitionKeys(ROUND, layout)) {
            for (int second = 0; second < 10; second++) {
                held += rows.writes(key, second, HELD);
                failed += rows.writes(key, second, FAILED);
                released += rows.writes(key, second, RELEASED);
            }
        }
        assertThat(failed).isEqualTo(r.failedWrites());
        assertThat(released).isEqualTo(r.releasedWrites());
        assertThat(held - released).isEqualTo(r.seatsHeld()).isEqualTo(100);
        assertThat(r.real().totalWrites()).isEqualTo(held + failed + released);
    }

    @Test
    void failFastChangesOnlyTheWritesAndTheWritesAvoidedAreTheDifference() {
        SeatLayout layout = HotKeyModel.venue(2, 5, 10);
        Params on = Params.defaults().withRun(200, 10).withFailFast(true, 2, 1, 2);
        Result with = new Simulation(layout, ROUND, on, KEYS).run();
        Result without = new Simulation(layout, ROUND, on.withFailFast(false, 2, 1, 2), KEYS).run();

        assertThat(with.writesAvoidedBySnapshot() + with.writesAvoidedByNegativeCache()).isPositive()
                .isEqualTo(without.real().totalWrites() - with.real().totalWrites());
        assertThat(List.of(with.freshAttempts(), with.retryAttempts(), with.successfulHolds(), (long) with.seatsHeld()))
                .isEqualTo(List.of(without.freshAttempts(), without.retryAttempts(), without.successfulHolds(),
                        (long) without.seatsHeld()));
        assertThat(with.soldOutAtS()).isEqualTo(without.soldOutAtS());
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
        // the default, with its random lags and instances, too
        Params p = Params.defaults().withRun(500, 5);
        Result c = new Simulation(layout, ROUND, p, KEYS).run();
        assertThat(new Simulation(layout, ROUND, p, KEYS).run()).isEqualTo(c);
        assertThat(c.refusedBySnapshot()).isPositive();
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
        Result asBuilt = new Simulation(layout, ROUND, Params.defaults().withRun(100, 2), KEYS).run();
        assertThat(HotKeyModel.report(asBuilt, "small")).filteredOn(l -> l.startsWith("arrival_model="))
                .singleElement().asString().contains("every 1 s", "lag uniform 0-1 s", "200 API instances",
                        "less than 1 s ago");
        for (String key : List.of("seats=100", "holds_per_s=100", "duration_s=2", "partition_keys=",
                "max_key_writes_per_s=" + result.real().maxKeyWritesPerS(), "p99_key_writes_per_s=", "busiest_key=",
                "total_writes=" + result.real().totalWrites(), "sold_out_at_s=", "seats_held=" + result.seatsHeld(),
                "failed_writes=" + result.failedWrites(), "writes_avoided_by_snapshot=",
                "writes_avoided_by_negative_cache=")) {
            assertThat(lines).anyMatch(l -> l.startsWith(key));
        }
        assertThat(lines).allMatch(l -> l.contains("=") && !l.contains("\n"));
    }
}
