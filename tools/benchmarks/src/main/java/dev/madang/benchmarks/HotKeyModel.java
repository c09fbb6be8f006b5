package dev.madang.benchmarks;

import dev.madang.aws.catalog.SeatKeys;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SeatLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Hot-key model for seat holds (issue 3): how many writes per second the busiest partition key of the seats table
 * takes during an on-sale rush, computed with the real {@link SeatKeys#partitionKey(String, Seat)}. A DynamoDB
 * partition key takes at most 1,000 writes/s, failed conditional writes included; the target is 500, half of that.
 * A seeded discrete-event simulation; no DynamoDB is involved.
 *
 * <p>Venue: 20 sections × 50 rows × 50 seats = 50,000 seats, built as a real {@link SeatLayout}. The sections stand
 * in a fan around the stage, section index i = 0..19, so sections 9 and 10 face it; row 1 is the front row.
 *
 * <p>Model of the system as built (defaults; every one is a system property):
 * <ul>
 *   <li>fresh hold attempts arrive as a Poisson process at {@code holds.per.s} = 5,000/s for {@code duration.s} =
 *       60 s (the opening rush); retries come on top of that rate;</li>
 *   <li>party size uniform 1..{@code party.max} = 4, adjacent seats in one row;</li>
 *   <li>target: section i with weight exp(-|i - 9.5| / {@code section.sigma}) (σ = 4: centre sections 9.5× as
 *       wanted as the end ones), row r with weight exp(-(r - 1) / {@code lambda}) (λ = 8 rows: 71% of a section's
 *       demand is on rows 1-10), first seat uniform among the starts that the client's seat map shows free; a
 *       row the map shows without room for the party is not picked (preference conditioned on what is visible);</li>
 *   <li>seat-map snapshots: the refresher worker rebuilds the snapshot every {@code map.refresh.s} = 1 s from t = 0;
 *       a snapshot built at time T shows exactly the holds made before T. The client's map is read through an API
 *       instance's cached copy, so at the moment of its attempt a client sees the snapshot that was the latest at
 *       t - L, with L uniform in [{@code client.lag.min.s}, {@code client.lag.max.s}] = [0, 1] s drawn per attempt:
 *       the map is 0-2 s old (mean 1 s), and no human think time is added on top;
 *       a client whose map shows no room for its party leaves;</li>
 *   <li>fail fast on the hold path ({@code fail.fast} = true): requests are spread uniformly at random over
 *       {@code instances} = 200 API instances (the hot path's reserved concurrency). Each instance refreshes its
 *       own copy of the snapshot every {@code instance.refresh.s} = 1 s at its own seeded random phase, taking the
 *       worker's latest (so its copy lags the worker's by up to 1 s, and is up to 2 s old). Before any write it
 *       refuses (HTTP 409, no write) a request any of whose seats is (a) taken in its copy, or, if not, (b) in its
 *       own negative cache: a seat whose conditional write failed on this instance less than
 *       {@code negative.cache.s} = 2 s ago. A refused client behaves as a failed one (it retries);</li>
 *   <li>an attempt that passes writes its seats one conditional write each in ascending seat number (the fixed
 *       order of ARCHITECTURE 3), all in the second it starts, attempts one after another in time order; the first
 *       taken seat fails (one failed write on that seat's key, and the seat enters that instance's negative cache)
 *       and the seats this attempt already took are released (one write each on their keys);</li>
 *   <li>a client that failed or was refused picks again, from the map as it then sees it, after a pause uniform
 *       in [{@code retry.min.s}, {@code retry.max.s}] = [1, 3] s, at most {@code retries} = 3 times;</li>
 *   <li>holds last 8 minutes, longer than the run, so a held seat stays taken; confirmation and payment writes
 *       come minutes later and are not counted.</li>
 * </ul>
 * The colleague's earlier default (map rebuilt every 60 s, every request written) is
 * {@code -Dmap.refresh.s=60 -Dclient.lag.max.s=0 -Dfail.fast=false}, and gives the same figures as before.
 * Writes are counted per partition key per one-second window (held, failed and released writes all count).
 * A refused request's "writes avoided" are the writes it would have made had it gone ahead at that moment (its
 * seats up to and including the first taken one, plus the releases). A refused request would have failed (a seat
 * the snapshot or the negative cache shows taken is still held: nothing frees during a run) and its client does
 * what it does after a failure, so fail-fast changes only the writes, never who holds what: with the same seed the
 * writes avoided are exactly the difference in {@code total_writes} between {@code -Dfail.fast=false} and on.
 * Alternative key functions are tallied over the same simulated writes for comparison; the
 * headline figures are always those of the real function. {@code -Dseries=true} also prints the busiest real key of
 * every second.
 *
 * <p>Run (exec:java runs in-process, so model properties go straight on the mvn command line):
 * {@code mvn -q -o -pl tools/benchmarks compile exec:java -Dexec.mainClass=dev.madang.benchmarks.HotKeyModel -Dlambda=4}
 */
public final class HotKeyModel {

    /**
     * Check (a), refusing seats taken in the instance's snapshot copy, is modelled but not built: the hold path as
     * shipped has only (b), the per-instance memory of failed writes ({@code RecentlyTakenSeats}), because a
     * snapshot cannot tell when a hold expires and would refuse an expired hold's seats for a second or two.
     * {@code -Dsnapshot.check=true} models both.
     */
    static boolean snapshotCheck() {
        return Boolean.getBoolean("snapshot.check");
    }


    /** Busiest-key writes per second the design aims to stay under: half a partition's 1,000 writes/s. */
    public static final int TARGET_MAX_KEY_WRITES_PER_S = 500;

    static final int HELD = 0;
    static final int FAILED = 1;
    static final int RELEASED = 2;

    private HotKeyModel() {
    }

    /** How a seat maps to a partition key of the seats table. */
    @FunctionalInterface
    public interface KeyFunction {
        String key(String roundId, Seat seat);
    }

    public record NamedKeys(String name, KeyFunction function) {
    }

    /** The real function, then the alternatives compared with it. */
    static List<NamedKeys> keyFunctions() {
        return List.of(
                new NamedKeys("real", SeatKeys::partitionKey),
                new NamedKeys("section", (round, seat) -> "SEAT#" + round + "#" + seat.sectionId()),
                new NamedKeys("row", (round, seat) -> "SEAT#" + round + "#" + seat.sectionId() + "#" + seat.row()),
                new NamedKeys("row_block25", block(25)),
                new NamedKeys("row_block10", block(10)));
    }

    /** Keys per block of {@code size} consecutive seat numbers of a row (25 = half a 50-seat row). */
    static KeyFunction block(int size) {
        return (round, seat) -> "SEAT#" + round + "#" + seat.sectionId() + "#" + seat.row() + "#B"
                + (seat.number() - 1) / size;
    }

    public record Params(double holdsPerS, int durationS, long seed, double lambdaRows, double sectionSigma,
                         int maxParty, int retries, double retryMinS, double retryMaxS, double mapRefreshS,
                         double clientLagMinS, double clientLagMaxS, boolean failFast, int instances,
                         double instanceRefreshS, double negativeCacheS) {

        public Params {
            if (holdsPerS <= 0 || durationS <= 0 || maxParty < 1 || retries < 0 || retryMinS < 0
                    || retryMaxS < retryMinS || mapRefreshS <= 0 || lambdaRows <= 0 || clientLagMinS < 0
                    || clientLagMaxS < clientLagMinS || instances < 1 || instanceRefreshS <= 0
                    || negativeCacheS < 0) {
                throw new IllegalArgumentException("hot-key model parameters out of range");
            }
        }

        /** The system as built: 1 s snapshots read through 1 s instance caches, fail-fast on 200 instances. */
        public static Params defaults() {
            return new Params(5_000, 60, 42, 8, 4, 4, 3, 1, 3, 1, 0, 1, true, 200, 1, 1);
        }

        /** The earlier default: the map rebuilt every 60 s, seen as soon as built, every request written. */
        public static Params legacy() {
            return defaults().withMap(60, 0, 0).withFailFast(false, 200, 1, 2);
        }

        public Params withRun(double holdsPerS, int durationS) {
            return new Params(holdsPerS, durationS, seed, lambdaRows, sectionSigma, maxParty, retries, retryMinS,
                    retryMaxS, mapRefreshS, clientLagMinS, clientLagMaxS, failFast, instances, instanceRefreshS,
                    negativeCacheS);
        }

        public Params withMap(double mapRefreshS, double clientLagMinS, double clientLagMaxS) {
            return new Params(holdsPerS, durationS, seed, lambdaRows, sectionSigma, maxParty, retries, retryMinS,
                    retryMaxS, mapRefreshS, clientLagMinS, clientLagMaxS, failFast, instances, instanceRefreshS,
                    negativeCacheS);
        }

        public Params withFailFast(boolean failFast, int instances, double instanceRefreshS, double negativeCacheS) {
            return new Params(holdsPerS, durationS, seed, lambdaRows, sectionSigma, maxParty, retries, retryMinS,
                    retryMaxS, mapRefreshS, clientLagMinS, clientLagMaxS, failFast, instances, instanceRefreshS,
                    negativeCacheS);
        }

        public static Params fromSystemProperties() {
            Params d = defaults();
            return new Params(dbl("holds.per.s", d.holdsPerS), (int) dbl("duration.s", d.durationS),
                    (long) dbl("seed", d.seed), dbl("lambda", d.lambdaRows), dbl("section.sigma", d.sectionSigma),
                    (int) dbl("party.max", d.maxParty), (int) dbl("retries", d.retries),
                    dbl("retry.min.s", d.retryMinS), dbl("retry.max.s", d.retryMaxS),
                    dbl("map.refresh.s", d.mapRefreshS), dbl("client.lag.min.s", d.clientLagMinS),
                    dbl("client.lag.max.s", d.clientLagMaxS), bool("fail.fast", d.failFast),
                    (int) dbl("instances", d.instances), dbl("instance.refresh.s", d.instanceRefreshS),
                    dbl("negative.cache.s", d.negativeCacheS));
        }

        private static double dbl(String name, double fallback) {
            String v = System.getProperty(name);
            return v == null || v.isBlank() ? fallback : Double.parseDouble(v.trim());
        }

        private static boolean bool(String name, boolean fallback) {
            String v = System.getProperty(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false, not " + v);
            };
        }

        /** Section weights for a fan of {@code n} sections; σ ≤ 0 means every section is equally wanted. */
        String sectionLaw(int n) {
            return sectionSigma <= 0 ? "uniform over the " + n + " sections"
                    : "section i of " + n + " (a fan around the stage) with weight exp(-|i-" + num((n - 1) / 2.0)
                    + "|/" + num(sectionSigma) + ")";
        }

        String arrivalModel(int sections) {
            String lag = clientLagMaxS == clientLagMinS ? num(clientLagMinS) + " s"
                    : "uniform " + num(clientLagMinS) + "-" + num(clientLagMaxS) + " s per attempt";
            String hotPath = !failFast ? "no fail-fast: every request that picks seats is written"
                    : "fail-fast: requests spread uniformly at random over " + instances + " API instances, each"
                    + " refreshing its own snapshot copy every " + num(instanceRefreshS) + " s at a seeded random"
                    + " phase (copy = the worker's latest then); before any write an instance refuses (409, no write)"
                    + " a request with a seat " + (snapshotCheck() ? "(a) taken in its copy, else (b)" : "(b) (check (a), its snapshot copy, off as built)")
                    + " in its negative cache (a seat whose"
                    + " write failed on this instance less than " + num(negativeCacheS) + " s ago"
                    + (negativeCacheS == 0 ? ", i.e. off" : "") + "); a refused client retries like a failed one";
            return "Poisson fresh hold attempts at " + num(holdsPerS) + "/s for " + durationS + " s (seed " + seed
                    + "); party size uniform 1-" + maxParty + " adjacent seats in one row; " + sectionLaw(sections)
                    + ", row r (1 = front) with weight exp(-(r-1)/" + num(lambdaRows)
                    + "), first seat uniform among the starts the client's seat map shows free; seat map = worker"
                    + " snapshot rebuilt every " + num(mapRefreshS) + " s from t=0 (showing the holds made before"
                    + " its build), seen by the client as the snapshot latest at t - lag, lag " + lag + " (map "
                    + num(clientLagMinS) + "-" + num(clientLagMaxS + mapRefreshS) + " s old, no think time); "
                    + hotPath + "; seats written one conditional write each in ascending number, in the second the"
                    + " attempt starts; the first taken seat fails (1 failed write) and the seats already taken are"
                    + " released (1 write each); a failed or refused client picks again after a uniform "
                    + num(retryMinS) + "-" + num(retryMaxS) + " s pause, at most " + retries + " times, retries on"
                    + " top of the " + num(holdsPerS) + "/s; holds last 8 min so nothing frees during the run;"
                    + " confirm/payment writes not counted";
        }
    }

    /** The 50,000-seat venue: {@code sections} × {@code rows} × {@code seatsPerRow}, rows numbered from the front. */
    public static SeatLayout venue(int sections, int rows, int seatsPerRow) {
        List<Section> out = new ArrayList<>(sections);
        for (int s = 0; s < sections; s++) {
            String id = sections <= 26 ? String.valueOf((char) ('A' + s)) : "S" + (s + 1);
            List<Seat> seats = new ArrayList<>(rows * seatsPerRow);
            for (int r = 1; r <= rows; r++) {
                for (int n = 1; n <= seatsPerRow; n++) {
                    seats.add(new Seat(Seat.idOf(id, String.valueOf(r), n), id, String.valueOf(r), n,
                            s * (seatsPerRow + 5) * 10 + n * 10, r * 12));
                }
            }
            out.add(new Section(id, "Section " + id, seats));
        }
        return SeatLayout.of(out);
    }

    /** Writes per partition key per one-second window, for one key function. */
    public static final class Tally {

        private final String name;
        private final List<String> keys = new ArrayList<>();
        private final Map<String, Integer> indexOfKey = new LinkedHashMap<>();
        private final int[] keyOfSeat;
        private final int seconds;
        private final int[] counts; // [key][second][HELD|FAILED|RELEASED]

        /**
         * The key function is pure, so it is called once per seat here and every write is charged to that result
         * (the same key the function gives at write time, without building 10^6 strings).
         */
        Tally(String name, String roundId, SeatLayout layout, KeyFunction function, int seconds) {
            this.name = name;
            this.seconds = seconds;
            List<Seat> seats = layout.seats();
            keyOfSeat = new int[seats.size()];
            for (int i = 0; i < seats.size(); i++) {
                String key = function.key(roundId, seats.get(i));
                Integer k = indexOfKey.get(key);
                if (k == null) {
                    k = keys.size();
                    keys.add(key);
                    indexOfKey.put(key, k);
                }
                keyOfSeat[i] = k;
            }
            counts = new int[keys.size() * seconds * 3];
        }

        void record(int seat, int second, int kind) {
            counts[(keyOfSeat[seat] * seconds + second) * 3 + kind]++;
        }

        public String name() {
            return name;
        }

        public int partitionKeys() {
            return keys.size();
        }

        /** Writes of one kind ({@link #HELD}, {@link #FAILED}, {@link #RELEASED}) on a key in one second. */
        int writes(String key, int second, int kind) {
            Integer k = indexOfKey.get(key);
            return k == null ? 0 : counts[(k * seconds + second) * 3 + kind];
        }

        /** All writes on a key in one second. */
        public int writes(String key, int second) {
            return writes(key, second, HELD) + writes(key, second, FAILED) + writes(key, second, RELEASED);
        }

        /** The busiest key of each second, as "writes key (held/failed/released)". */
        List<String> busiestPerSecond() {
            List<String> out = new ArrayList<>(seconds);
            for (int second = 0; second < seconds; second++) {
                int max = 0;
                int busy = 0;
                for (int k = 0; k < keys.size(); k++) {
                    int w = writes(keys.get(k), second);
                    if (w > max) {
                        max = w;
                        busy = k;
                    }
                }
                int base = (busy * seconds + second) * 3;
                out.add(max + " " + keys.get(busy) + " (" + counts[base] + "/" + counts[base + 1] + "/"
                        + counts[base + 2] + ")");
            }
            return out;
        }

        public Summary summary() {
            int max = 0;
            int busyKey = 0;
            int busySecond = 0;
            long total = 0;
            int[] nonZero = new int[keys.size() * seconds];
            int n = 0;
            for (int second = 0; second < seconds; second++) {
                for (int k = 0; k < keys.size(); k++) {
                    int base = (k * seconds + second) * 3;
                    int w = counts[base] + counts[base + 1] + counts[base + 2];
                    if (w == 0) {
                        continue;
                    }
                    nonZero[n++] = w;
                    total += w;
                    if (w > max) {
                        max = w;
                        busyKey = k;
                        busySecond = second;
                    }
                }
            }
            int base = (busyKey * seconds + busySecond) * 3;
            return new Summary(name, keys.size(), max, keys.isEmpty() ? "" : keys.get(busyKey), busySecond,
                    counts[base], counts[base + 1], counts[base + 2], p99(Arrays.copyOf(nonZero, n)), total);
        }
    }

    /** Nearest-rank 99th percentile; 0 for no values. */
    static int p99(int[] values) {
        if (values.length == 0) {
            return 0;
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
    }

    public record Summary(String keyFunction, int partitionKeys, int maxKeyWritesPerS, String busiestKey,
                          int busiestSecond, int busiestHeld, int busiestFailed, int busiestReleased,
                          int p99KeyWritesPerS, long totalWrites) {
    }

    /**
     * What one run came to. {@code refusedBy...} count requests an instance refused before any write, and
     * {@code writesAvoidedBy...} the writes those requests would have made at that moment; {@code failedWrites} is
     * also the number of attempts that wrote and failed.
     */
    public record Result(Params params, int sections, int seats, List<Summary> tallies, long freshAttempts,
                         long retryAttempts, long successfulHolds, long leftWithoutSeats, long gaveUpAfterRetries,
                         int seatsHeld, double soldOutAtS, long refusedBySnapshot, long writesAvoidedBySnapshot,
                         long refusedByNegativeCache, long writesAvoidedByNegativeCache, long failedWrites,
                         long releasedWrites) {

        public Summary real() {
            return tallies.get(0);
        }
    }

    /** How one request ended. */
    enum Outcome {
        HELD, FAILED, REFUSED_BY_SNAPSHOT, REFUSED_BY_NEGATIVE_CACHE
    }

    /** One run: the seat state, the snapshots and instance caches that show it, and the tallies it writes into. */
    public static final class Simulation {

        private static final int VIEWS_KEPT = 64;

        private final Params p;
        private final int sectionCount;
        private final List<Tally> tallies = new ArrayList<>();
        private final boolean[] held;
        /**
         * When each seat was taken for good (+∞ while free). Nothing frees during a run (holds outlast it) and a
         * failed attempt takes and gives back in one instant, so a snapshot built at T shows seat s taken iff
         * heldAt[s] < T: every snapshot, the worker's or an instance's copy, is this one array read at its T.
         */
        private final double[] heldAt;
        private final int[][] rowSeats; // seat indices of each row, in ascending seat number
        private final double[] rowWeight;
        /** Snapshot build time → [party-1][row]: cumulative weight of the rows that snapshot shows room in. */
        private final Map<Double, double[][]> views = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Double, double[][]> eldest) {
                return size() > VIEWS_KEPT;
            }
        };
        private final SplittableRandom random; // arrivals, parties, picks, retry pauses (as in the earlier model)
        private final SplittableRandom routing; // client lag and instance choice, apart so the above is unchanged
        private final double[] instancePhase;
        /** instance × seats + seat → time its conditional write last failed on that instance. */
        private final Map<Long, Double> failedAt = new HashMap<>();
        private int seatsHeld;
        private double soldOutAt = -1;
        private long refusedBySnapshot;
        private long writesAvoidedBySnapshot;
        private long refusedByNegativeCache;
        private long writesAvoidedByNegativeCache;
        private long failedWrites;
        private long releasedWrites;

        public Simulation(SeatLayout layout, String roundId, Params p, List<NamedKeys> keyFunctions) {
            this.p = p;
            for (NamedKeys f : keyFunctions) {
                tallies.add(new Tally(f.name(), roundId, layout, f.function(), p.durationS()));
            }
            List<Seat> seats = layout.seats();
            held = new boolean[seats.size()];
            heldAt = new double[seats.size()];
            Arrays.fill(heldAt, Double.POSITIVE_INFINITY);
            random = new SplittableRandom(p.seed());
            routing = new SplittableRandom(p.seed() ^ 0x5DEECE66DL);
            instancePhase = new double[p.instances()];
            for (int i = 0; i < instancePhase.length; i++) {
                instancePhase[i] = routing.nextDouble() * p.instanceRefreshS();
            }

            Map<String, List<Integer>> rows = new LinkedHashMap<>();
            Map<String, Integer> sectionOrdinal = new LinkedHashMap<>();
            Map<String, Integer> rowOrdinal = new LinkedHashMap<>();
            Map<String, Integer> rowsInSection = new LinkedHashMap<>();
            for (int i = 0; i < seats.size(); i++) {
                Seat seat = seats.get(i);
                sectionOrdinal.putIfAbsent(seat.sectionId(), sectionOrdinal.size());
                String rowId = seat.sectionId() + "\u0000" + seat.row();
                if (!rows.containsKey(rowId)) {
                    rows.put(rowId, new ArrayList<>());
                    int ordinal = rowsInSection.merge(seat.sectionId(), 1, Integer::sum) - 1;
                    rowOrdinal.put(rowId, ordinal);
                }
                rows.get(rowId).add(i);
            }
            sectionCount = sectionOrdinal.size();
            double centre = (sectionCount - 1) / 2.0;
            rowSeats = new int[rows.size()][];
            rowWeight = new double[rows.size()];
            int r = 0;
            for (Map.Entry<String, List<Integer>> row : rows.entrySet()) {
                rowSeats[r] = row.getValue().stream()
                        .sorted(Comparator.comparingInt(i -> seats.get(i).number()))
                        .mapToInt(Integer::intValue).toArray();
                String sectionId = seats.get(rowSeats[r][0]).sectionId();
                double ws = p.sectionSigma() <= 0 ? 1
                        : Math.exp(-Math.abs(sectionOrdinal.get(sectionId) - centre) / p.sectionSigma());
                rowWeight[r] = ws * Math.exp(-rowOrdinal.get(row.getKey()) / p.lambdaRows());
                r++;
            }
        }

        List<Tally> tallies() {
            return tallies;
        }

        int seatsHeld() {
            return seatsHeld;
        }

        long refusedBySnapshot() {
            return refusedBySnapshot;
        }

        long writesAvoidedBySnapshot() {
            return writesAvoidedBySnapshot;
        }

        long refusedByNegativeCache() {
            return refusedByNegativeCache;
        }

        long writesAvoidedByNegativeCache() {
            return writesAvoidedByNegativeCache;
        }

        long failedWrites() {
            return failedWrites;
        }

        /** For tests: when an instance refreshes its snapshot copy (its first refresh at {@code phase}). */
        void setInstancePhase(int instance, double phase) {
            instancePhase[instance] = phase;
        }

        /** Build time of the worker's latest snapshot at time t (the empty one built at 0 before that). */
        double snapshotAsOf(double t) {
            return t <= 0 ? 0 : p.mapRefreshS() * Math.floor(t / p.mapRefreshS());
        }

        /** Build time of the snapshot an instance holds at time t: the worker's latest at the copy's last refresh. */
        double instanceCopyAsOf(int instance, double t) {
            double phase = instancePhase[instance];
            double lastRefresh = phase + p.instanceRefreshS() * Math.floor((t - phase) / p.instanceRefreshS());
            return snapshotAsOf(lastRefresh);
        }

        /** Whether the snapshot built at {@code asOf} shows the seat taken. */
        private boolean takenIn(double asOf, int seat) {
            return heldAt[seat] < asOf;
        }

        /**
         * One request at time t on one API instance: with fail-fast, refused before any write when a seat is taken
         * in the instance's snapshot copy or in its negative cache; otherwise written as {@link #hold}, and the seat
         * that failed enters this instance's negative cache.
         */
        Outcome attempt(double t, int instance, int[] seatsInOrder) {
            if (p.failFast()) {
                double asOf = instanceCopyAsOf(instance, t);
                for (int seat : snapshotCheck() ? seatsInOrder : new int[0]) {
                    if (takenIn(asOf, seat)) {
                        refusedBySnapshot++;
                        writesAvoidedBySnapshot += writesIfWritten(seatsInOrder);
                        return Outcome.REFUSED_BY_SNAPSHOT;
                    }
                }
                if (p.negativeCacheS() > 0) {
                    for (int seat : seatsInOrder) {
                        Double failed = failedAt.get(cacheKey(instance, seat));
                        if (failed != null && t - failed < p.negativeCacheS()) {
                            refusedByNegativeCache++;
                            writesAvoidedByNegativeCache += writesIfWritten(seatsInOrder);
                            return Outcome.REFUSED_BY_NEGATIVE_CACHE;
                        }
                    }
                }
            }
            int failedSeat = write(t, seatsInOrder);
            if (failedSeat < 0) {
                return Outcome.HELD;
            }
            if (p.failFast() && p.negativeCacheS() > 0) {
                failedAt.put(cacheKey(instance, failedSeat), t);
            }
            return Outcome.FAILED;
        }

        private long cacheKey(int instance, int seat) {
            return (long) instance * held.length + seat;
        }

        /** The writes a request would make now: its seats up to the first taken one, plus releases; else all. */
        private int writesIfWritten(int[] seatsInOrder) {
            for (int i = 0; i < seatsInOrder.length; i++) {
                if (held[seatsInOrder[i]]) {
                    return 2 * i + 1;
                }
            }
            return seatsInOrder.length;
        }

        /**
         * One hold attempt at time t: a conditional write per seat in the given (ascending) order; on the first seat
         * already held, that write fails and the seats this attempt took are released. Returns whether it held all.
         */
        boolean hold(double t, int[] seatsInOrder) {
            return write(t, seatsInOrder) < 0;
        }

        /** As {@link #hold}; returns -1 when all were held, else the seat whose write failed. */
        private int write(double t, int[] seatsInOrder) {
            int second = (int) t;
            for (int i = 0; i < seatsInOrder.length; i++) {
                int seat = seatsInOrder[i];
                if (held[seat]) {
                    record(seat, second, FAILED);
                    failedWrites++;
                    for (int j = 0; j < i; j++) {
                        held[seatsInOrder[j]] = false;
                        heldAt[seatsInOrder[j]] = Double.POSITIVE_INFINITY; // taken and given back in one instant
                        record(seatsInOrder[j], second, RELEASED);
                        releasedWrites++;
                    }
                    return seat;
                }
                held[seat] = true;
                heldAt[seat] = t;
                record(seat, second, HELD);
            }
            seatsHeld += seatsInOrder.length;
            if (seatsHeld == held.length && soldOutAt < 0) {
                soldOutAt = t;
            }
            return -1;
        }

        private void record(int seat, int second, int kind) {
            for (Tally tally : tallies) {
                tally.record(seat, second, kind);
            }
        }

        /** The pick tables of the snapshot built at {@code asOf}, built on first use (a snapshot never changes). */
        private double[][] view(double asOf) {
            double[][] cumulative = views.get(asOf);
            if (cumulative != null) {
                return cumulative;
            }
            cumulative = new double[p.maxParty()][rowSeats.length];
            for (int party = 1; party <= p.maxParty(); party++) {
                double sum = 0;
                for (int r = 0; r < rowSeats.length; r++) {
                    if (visibleStarts(asOf, r, party) > 0) {
                        sum += rowWeight[r];
                    }
                    cumulative[party - 1][r] = sum;
                }
            }
            views.put(asOf, cumulative);
            return cumulative;
        }

        /** Starts in row r where the snapshot built at {@code asOf} shows {@code party} adjacent free seats. */
        private int visibleStarts(double asOf, int r, int party) {
            int starts = 0;
            int run = 0;
            for (int seat : rowSeats[r]) {
                run = takenIn(asOf, seat) ? 0 : run + 1;
                if (run >= party) {
                    starts++;
                }
            }
            return starts;
        }

        /**
         * The client's pick on the snapshot built at {@code asOf}: a row by preference among those it shows room
         * in, then a visible free start; null when it shows no room anywhere.
         */
        int[] pick(double asOf, int party) {
            double[] cum = view(asOf)[party - 1];
            double total = cum[cum.length - 1];
            if (total <= 0) {
                return null;
            }
            double u = random.nextDouble() * total;
            int r = 0; // the first row whose cumulative weight exceeds u: a row with room, since u < total
            int hi = cum.length - 1;
            while (r < hi) {
                int mid = (r + hi) >>> 1;
                if (cum[mid] > u) {
                    hi = mid;
                } else {
                    r = mid + 1;
                }
            }
            int k = random.nextInt(visibleStarts(asOf, r, party));
            int run = 0;
            int[] seats = rowSeats[r];
            for (int i = 0; i < seats.length; i++) {
                run = takenIn(asOf, seats[i]) ? 0 : run + 1;
                if (run >= party && k-- == 0) {
                    return Arrays.copyOfRange(seats, i - party + 1, i + 1);
                }
            }
            throw new IllegalStateException("no visible start in row " + r);
        }

        private record Retry(double at, long order, int party, int retriesLeft, long fan) {
        }

        /**
         * What stands in front of the hold path when fresh attempts do not simply arrive at {@code holds.per.s}: a
         * waiting room. Fan k (0, 1, 2, ... in the order they were let in) makes its first attempt at
         * {@link #firstAttemptOf}; every attempt of a fan, retries included, first passes {@link #beforeAttempt} on
         * the API instance it reaches, and a hold that took all its seats is told to {@link #held}.
         */
        public interface Front {
            /** When fan k makes its first attempt, in non-decreasing order of k; +∞ when there is no fan k. */
            double firstAttemptOf(long fan);

            void beforeAttempt(double t, long fan, int instance);

            void held(double t, long fan, int[] seats);
        }

        /** The rush as modelled so far: fresh attempts arrive at {@code holds.per.s}, nothing in front. */
        public Result run() {
            return run(null);
        }

        /** The rush behind {@code front} (null: Poisson fresh attempts at {@code holds.per.s}, as {@link #run()}). */
        public Result run(Front front) {
            PriorityQueue<Retry> retries = new PriorityQueue<>(
                    Comparator.comparingDouble(Retry::at).thenComparingLong(Retry::order));
            long order = 0;
            long fresh = 0;
            long retried = 0;
            long successes = 0;
            long leftWithoutSeats = 0;
            long gaveUp = 0;
            double nextFresh = front == null ? exponential() : front.firstAttemptOf(0);
            while (true) {
                boolean isRetry = !retries.isEmpty() && retries.peek().at() < nextFresh;
                double t = isRetry ? retries.peek().at() : nextFresh;
                if (t >= p.durationS()) {
                    break;
                }
                int party;
                int retriesLeft;
                long fan;
                if (isRetry) {
                    Retry retry = retries.poll();
                    party = retry.party();
                    retriesLeft = retry.retriesLeft();
                    fan = retry.fan();
                    retried++;
                } else {
                    party = 1 + random.nextInt(p.maxParty());
                    retriesLeft = p.retries();
                    fan = fresh;
                    fresh++;
                    nextFresh = front == null ? nextFresh + exponential() : front.firstAttemptOf(fresh);
                }
                double lag = p.clientLagMinS() + routing.nextDouble() * (p.clientLagMaxS() - p.clientLagMinS());
                int instance = routing.nextInt(p.instances());
                if (front != null) {
                    front.beforeAttempt(t, fan, instance);
                }
                int[] seats = pick(snapshotAsOf(t - lag), party);
                if (seats == null) {
                    leftWithoutSeats++;
                } else if (attempt(t, instance, seats) == Outcome.HELD) {
                    successes++;
                    if (front != null) {
                        front.held(t, fan, seats);
                    }
                } else if (retriesLeft > 0) {
                    double pause = p.retryMinS() + random.nextDouble() * (p.retryMaxS() - p.retryMinS());
                    retries.add(new Retry(t + pause, order++, party, retriesLeft - 1, fan));
                } else {
                    gaveUp++;
                }
            }
            List<Summary> summaries = tallies.stream().map(Tally::summary).toList();
            return new Result(p, sectionCount, held.length, summaries, fresh, retried, successes, leftWithoutSeats,
                    gaveUp, seatsHeld, soldOutAt, refusedBySnapshot, writesAvoidedBySnapshot, refusedByNegativeCache,
                    writesAvoidedByNegativeCache, failedWrites, releasedWrites);
        }

        private double exponential() {
            return -Math.log(1 - random.nextDouble()) / p.holdsPerS();
        }
    }

    static List<String> report(Result r, String venueShape) {
        Summary real = r.real();
        List<String> out = new ArrayList<>();
        out.add("arrival_model=" + r.params().arrivalModel(r.sections()));
        out.add("venue=" + venueShape + ", first-come sale");
        out.add("seats=" + r.seats());
        out.add("holds_per_s=" + num(r.params().holdsPerS()));
        out.add("duration_s=" + r.params().durationS());
        out.add("key_function=dev.madang.aws.catalog.SeatKeys.partitionKey");
        out.add("partition_keys=" + real.partitionKeys());
        out.add("max_key_writes_per_s=" + real.maxKeyWritesPerS());
        out.add("p99_key_writes_per_s=" + real.p99KeyWritesPerS());
        out.add("busiest_key=" + real.busiestKey());
        out.add("busiest_key_second=" + real.busiestSecond() + " (held " + real.busiestHeld() + ", failed "
                + real.busiestFailed() + ", released " + real.busiestReleased() + ")");
        out.add("total_writes=" + real.totalWrites());
        out.add("failed_writes=" + r.failedWrites());
        out.add("released_writes=" + r.releasedWrites());
        out.add("writes_avoided_by_snapshot=" + r.writesAvoidedBySnapshot());
        out.add("requests_refused_by_snapshot=" + r.refusedBySnapshot());
        out.add("writes_avoided_by_negative_cache=" + r.writesAvoidedByNegativeCache());
        out.add("requests_refused_by_negative_cache=" + r.refusedByNegativeCache());
        out.add("sold_out_at_s=" + (r.soldOutAtS() < 0 ? "not sold out" : String.format(Locale.ROOT, "%.3f",
                r.soldOutAtS())));
        out.add("seats_held=" + r.seatsHeld());
        out.add("attempts=" + (r.freshAttempts() + r.retryAttempts()) + " (fresh " + r.freshAttempts() + ", retries "
                + r.retryAttempts() + ")");
        out.add("successful_holds=" + r.successfulHolds());
        out.add("clients_gave_up=" + r.gaveUpAfterRetries() + " (retries used up), " + r.leftWithoutSeats()
                + " (map showed no room)");
        out.add("target_max_key_writes_per_s=" + TARGET_MAX_KEY_WRITES_PER_S);
        out.add("meets_target=" + (real.maxKeyWritesPerS() <= TARGET_MAX_KEY_WRITES_PER_S));
        for (Summary alt : r.tallies().subList(1, r.tallies().size())) {
            String prefix = "alt." + alt.keyFunction() + ".";
            out.add(prefix + "partition_keys=" + alt.partitionKeys());
            out.add(prefix + "max_key_writes_per_s=" + alt.maxKeyWritesPerS());
            out.add(prefix + "p99_key_writes_per_s=" + alt.p99KeyWritesPerS());
            out.add(prefix + "busiest_key=" + alt.busiestKey() + " @" + alt.busiestSecond() + "s");
        }
        return out;
    }

    /**
     * The rush rerun with the waiting room in front ({@code -Droom.rate=N}): {@code bench.arrivals.per.s} = 20,000
     * arrivals a second for 60 s enter the room through the real {@code WaitingLine.enter} on an in-memory store
     * keyed as {@code DynamoWaitingRooms} ({@link OpeningRoom}); the room admits N a second, a fan learning of it at
     * its next 2-second poll (computed, not polled: see {@link OpeningRoom}); each admitted fan is a fresh hold
     * attempt of this model at that moment, retries as before. Seeds 1..{@code room.seeds} (30); per seed the busiest
     * key of the room (place items, shard counters, roll-ups) and of the seats, and the max of both.
     */
    static void roomSweep() {
        int seeds = Integer.getInteger("room.seeds", 30);
        SeatLayout layout = venue(20, 50, 50);
        int worst = 0;
        int worstSeats = 0;
        int worstRoom = 0;
        long worstSeed = 0;
        long started = System.nanoTime();
        OpeningRoom.Settings base = WaitingRoomBenchmark.settings(false);
        System.out.println("room_model=" + num(base.arrivalsPerS()) + " arrivals/s (Poisson) for " + base.arrivalS()
                + " s from " + num(base.earlyS()) + " s before the opening into a room admitting "
                + base.admissionsPerS() + "/s (real WaitingLine.enter on " + base.instances() + " instances, in-memory store keyed as"
                + " DynamoWaitingRooms; admission at the fan's first 2-s poll past its turn); admitted fans are this"
                + " model's fresh attempts, everything else as its arrival_model");
        for (long seed = 1; seed <= seeds; seed++) {
            OpeningRoom.Settings s = new OpeningRoom.Settings(base.arrivalsPerS(), base.arrivalS(), base.earlyS(),
                    base.admissionsPerS(), base.runS(), base.instances(), seed, false);
            OpeningRoom.Outcome room = OpeningRoom.run(s);
            Params p = Params.fromSystemProperties();
            p = new Params(p.holdsPerS(), p.durationS(), seed, p.lambdaRows(), p.sectionSigma(), p.maxParty(),
                    p.retries(), p.retryMinS(), p.retryMaxS(), p.mapRefreshS(), p.clientLagMinS(), p.clientLagMaxS(),
                    p.failFast(), p.instances(), p.instanceRefreshS(), p.negativeCacheS());
            WaitingRoomBenchmark.Holds holds = WaitingRoomBenchmark.holds(room, p, layout, false);
            int roomMax = room.store().maxKeyWritesPerS();
            int seatMax = holds.result().real().maxKeyWritesPerS();
            int max = Math.max(roomMax, seatMax);
            System.out.println("seed." + seed + "=max_key_writes_per_s " + max + " (room " + roomMax + " "
                    + room.store().busiestKey() + " @" + room.store().busiestSecond() + "s; seats " + seatMax + " "
                    + holds.result().real().busiestKey() + " @" + holds.result().real().busiestSecond() + "s; admitted "
                    + room.admitted().size() + ", " + room.admittedOnEntering() + " on entering; sold out at "
                    + (holds.result().soldOutAtS() < 0 ? "-" : String.format(Locale.ROOT, "%.1f s",
                    holds.result().soldOutAtS())) + ")");
            if (max > worst) {
                worst = max;
                worstSeed = seed;
            }
            worstSeats = Math.max(worstSeats, seatMax);
            worstRoom = Math.max(worstRoom, roomMax);
        }
        System.out.println("room_rate=" + base.admissionsPerS());
        System.out.println("seeds=" + seeds);
        System.out.println("max_room_key_writes_per_s=" + worstRoom);
        System.out.println("max_seat_key_writes_per_s=" + worstSeats);
        System.out.println("max_key_writes_per_s=" + worst + " (seed " + worstSeed + ")");
        System.out.println("meets_target_on_every_seed=" + (worst <= TARGET_MAX_KEY_WRITES_PER_S));
        System.out.println("elapsed_s=" + String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    public static void main(String[] args) {
        if (System.getProperty("room.rate") != null) {
            roomSweep();
            return;
        }
        Params params = Params.fromSystemProperties();
        int sections = Integer.getInteger("venue.sections", 20);
        int rows = Integer.getInteger("venue.rows", 50);
        int perRow = Integer.getInteger("venue.seats.per.row", 50);
        SeatLayout layout = venue(sections, rows, perRow);
        String roundId = System.getProperty("round.id", "RND01HOTKEY");
        Simulation simulation = new Simulation(layout, roundId, params, keyFunctions());
        Result result = simulation.run();
        String shape = sections + " sections x " + rows + " rows x " + perRow + " seats";
        report(result, shape).forEach(System.out::println);
        if (Boolean.getBoolean("series")) { // the busiest real key of every second, to see when the peak comes
            List<String> series = simulation.tallies().get(0).busiestPerSecond();
            for (int second = 0; second < series.size(); second++) {
                System.out.println("series." + second + "=" + series.get(second));
            }
        }
    }
}
