package dev.madang.benchmarks;

import dev.madang.benchmarks.HotKeyModel.Params;
import dev.madang.benchmarks.HotKeyModel.Simulation;
import dev.madang.benchmarks.OpeningRoom.Admitted;
import dev.madang.benchmarks.OpeningRoom.CountingRooms;
import dev.madang.benchmarks.OpeningRoom.MovableClock;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.queue.AdmissionGate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The waiting room's admission benchmark (no DynamoDB): a simulated opening of 20,000 arrivals per second for 60 s
 * on a 50,000-seat venue, through the real {@code WaitingLine} on 200 API instances and the real key functions
 * ({@code WaitingRoomKeys} for the room, {@code SeatKeys.partitionKey} for the seats), fans polling every 2 s. The
 * fans let in then book as {@link HotKeyModel} models the rush (its arrival model, fail-fast as built, every write
 * counted per key per second), each attempt first passing the real {@link AdmissionGate} on its hold instance.
 *
 * <p>Properties: {@code bench.arrivals.per.s} (20,000), {@code bench.arrival.s} (60), {@code bench.early.s} (0:
 * arrivals from the opening), {@code room.rate} (admissions a second), {@code bench.room.instances} (200),
 * {@code seed} (42), and every {@link HotKeyModel} property for the holds.
 *
 * <p>{@code mvn -q -pl tools/benchmarks exec:java -Dexec.mainClass=dev.madang.benchmarks.WaitingRoomBenchmark}
 */
public final class WaitingRoomBenchmark {

    /** The admission rate: chosen with the 30-seed sweep of {@code HotKeyModel -Droom.rate=...} (README). */
    static final int DEFAULT_RATE = 1_000;

    private WaitingRoomBenchmark() {
    }

    /** The room in front of the hold path: admitted fans' first attempts, the gate, and who holds each seat. */
    static final class RoomFront implements Simulation.Front {

        private final List<Admitted> admitted;
        private final List<AdmissionGate> gates; // per hold instance; null: no gate (admissions without tokens)
        private final MovableClock clock;
        private final long[] holder; // seat → fan + 1 holding it; a second holder is a seat sold twice
        long attempts;
        long refusedByGate;
        long oversold;

        RoomFront(List<Admitted> admitted, List<AdmissionGate> gates, MovableClock clock, int seats) {
            this.admitted = admitted;
            this.gates = gates;
            this.clock = clock;
            this.holder = new long[seats];
        }

        @Override
        public double firstAttemptOf(long fan) {
            return fan < admitted.size() ? admitted.get((int) fan).at() : Double.POSITIVE_INFINITY;
        }

        @Override
        public void beforeAttempt(double t, long fan, int instance) {
            attempts++;
            if (gates == null) {
                return;
            }
            clock.set(OpeningRoom.at(t));
            Admitted a = admitted.get((int) fan);
            try {
                gates.get(instance).require(a.userId(), OpeningRoom.ROUND, a.admission());
            } catch (DomainException refused) {
                refusedByGate++;
            }
        }

        @Override
        public void held(double t, long fan, int[] seats) {
            for (int seat : seats) {
                if (holder[seat] != 0 && holder[seat] != fan + 1) {
                    oversold++;
                }
                holder[seat] = fan + 1;
            }
        }
    }

    /** What the holds behind the room came to. */
    record Holds(HotKeyModel.Result result, RoomFront front, long gateReads) {
    }

    /** Runs the rush with the room's admitted fans as the fresh attempts (gated when their admissions are tokens). */
    static Holds holds(OpeningRoom.Outcome room, Params p, SeatLayout layout, boolean gated) {
        MovableClock clock = new MovableClock(OpeningRoom.at(0));
        CountingRooms store = room.store();
        List<AdmissionGate> gates = null;
        if (gated) {
            gates = new ArrayList<>(p.instances());
            OpeningRoom.StandInTokens tokens = new OpeningRoom.StandInTokens();
            for (int i = 0; i < p.instances(); i++) {
                gates.add(OpeningRoom.gate(store, tokens, clock, p.seed() + i));
            }
        }
        RoomFront front = new RoomFront(room.admitted(), gates, clock, layout.seats().size());
        long reads = store.reads();
        Simulation simulation = new Simulation(layout, OpeningRoom.ROUND, p, HotKeyModel.keyFunctions().subList(0, 1));
        HotKeyModel.Result result = simulation.run(front);
        return new Holds(result, front, store.reads() - reads);
    }

    static OpeningRoom.Settings settings(boolean polls) {
        return new OpeningRoom.Settings(dbl("bench.arrivals.per.s", 20_000), (int) dbl("bench.arrival.s", 60),
                dbl("bench.early.s", 0), (int) dbl("room.rate", DEFAULT_RATE), (int) dbl("duration.s", 60),
                (int) dbl("bench.room.instances", 200), (long) dbl("seed", 42), polls);
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        OpeningRoom.Settings s = settings(true);
        Params p = Params.fromSystemProperties();
        SeatLayout layout = HotKeyModel.venue(20, 50, 50);
        OpeningRoom.Outcome room = OpeningRoom.run(s);
        double roomSeconds = (System.nanoTime() - started) / 1e9;
        Holds holds = holds(room, p, layout, true);
        CountingRooms store = room.store();
        HotKeyModel.Summary seats = holds.result().real();
        int maxKey = Math.max(store.maxKeyWritesPerS(), seats.maxKeyWritesPerS());

        long admittedInRun = room.admitted().stream().filter(a -> a.at() >= 0 && a.at() < s.runS()).count();
        long steady = 0;
        for (int sec = 10; sec < s.runS(); sec++) {
            steady += room.admittedPerSecond()[sec];
        }
        print("scenario", "opening of " + num(s.arrivalsPerS()) + " arrivals/s (Poisson) for " + s.arrivalS()
                + " s from " + num(s.earlyS()) + " s before the opening, room admitting " + s.admissionsPerS()
                + "/s, real WaitingLine on " + s.instances() + " instances (each its own view), in-memory store"
                + " keyed as DynamoWaitingRooms, fans polling every 2 s on a random instance until admitted; the"
                + " admitted book on 20 sections x 50 rows x 50 seats as HotKeyModel models it (seed " + p.seed()
                + "), each attempt through the real AdmissionGate on 1 of " + p.instances() + " hold instances;"
                + " tokens unsigned stand-ins; " + s.runS() + " s run");
        print("arrivals", room.arrivals());
        print("arrivals_per_s", fmt(room.arrivals() / (double) s.arrivalS(), 0));
        print("room_rate", s.admissionsPerS());
        print("admitted", admittedInRun);
        print("admitted_on_entering", room.admittedOnEntering());
        print("admitted_first_s", room.admittedPerSecond()[0]);
        print("admitted_per_s", fmt(admittedInRun / (double) s.runS(), 1));
        print("admitted_per_s_from_10s", fmt(steady / (double) (s.runS() - 10), 1));
        print("admitted_vs_rate_pct", fmt(100.0 * (admittedInRun / (double) s.runS() - s.admissionsPerS())
                / s.admissionsPerS(), 2));
        long[] perSecond = room.admittedPerSecond();
        print("admitted_per_s_max", java.util.Arrays.stream(perSecond).max().orElse(0));
        print("admitted_per_s_series", java.util.Arrays.stream(perSecond).mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining(",")));
        print("polls", room.polls());
        print("ddb_reads_per_poll", fmt(room.readsOnPolls() / (double) room.polls(), 6));
        print("ddb_reads_per_poll_from_10s", fmt(room.steadyReadsOnPolls() / (double) room.steadyPolls(), 6));
        print("ddb_item_reads_per_poll", fmt(room.itemReadsOnPolls() / (double) room.polls(), 6));
        print("ddb_reads_on_polls", room.readsOnPolls());
        print("ddb_reads_per_enter", fmt(room.readsOnEnters() / (double) room.enters(), 6));
        print("room_writes", store.writes());
        print("room_max_key_writes_per_s", store.maxKeyWritesPerS());
        print("room_busiest_key", store.busiestKey() + " @" + store.busiestSecond() + "s");
        print("room_max_key_writes_per_s_by_pattern", store.maxByPattern());
        print("hold_attempts", holds.front().attempts);
        print("seats_held", holds.result().seatsHeld());
        print("sold_out_at_s", holds.result().soldOutAtS() < 0 ? "not sold out"
                : fmt(holds.result().soldOutAtS(), 3));
        print("seat_max_key_writes_per_s", seats.maxKeyWritesPerS());
        print("seat_busiest_key", seats.busiestKey() + " @" + seats.busiestSecond() + "s (held "
                + seats.busiestHeld() + ", failed " + seats.busiestFailed() + ", released "
                + seats.busiestReleased() + ")");
        print("max_key_writes_per_s", maxKey);
        print("meets_target", maxKey <= HotKeyModel.TARGET_MAX_KEY_WRITES_PER_S);
        print("gate_reads_per_hold_attempt", fmt(holds.gateReads() / (double) holds.front().attempts, 6));
        print("refused_by_gate", holds.front().refusedByGate);
        print("oversold", holds.front().oversold);
        print("room_sim_s", fmt(roomSeconds, 1));
        print("elapsed_s", fmt((System.nanoTime() - started) / 1e9, 1));
    }

    static double dbl(String name, double fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : Double.parseDouble(v.trim());
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + (value instanceof Map<?, ?> m ? m.toString() : value));
    }
}
