package dev.madang.benchmarks;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.RecentlyTakenSeats;
import dev.madang.domain.booking.SeatHold;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.localstack.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The on-sale rush against the local stack: many concurrent clients drive the real hold use case on its DynamoDB
 * adapters (dynalite here), every request counted by an SDK interceptor. Prints one key=value per line.
 *
 * <p>Scenario (defaults; override with -Dbench.attempts, -Dbench.users, -Dbench.rows, -Dbench.perRow,
 * -Dbench.clients, -Dbench.seed): 10,000 attempts by 2,000 fans on a 1,000-seat section (20 rows × 50), party sizes
 * uniform 1–4, rows chosen with weight e^(-row/5) (front rows hot), adjacent seats from a uniform start.
 */
public final class HoldBenchmark {

    public static void main(String[] args) throws Exception {
        int attempts = Integer.getInteger("bench.attempts", 10_000);
        int users = Integer.getInteger("bench.users", 2_000);
        int rows = Integer.getInteger("bench.rows", 20);
        int perRow = Integer.getInteger("bench.perRow", 50);
        int clients = Integer.getInteger("bench.clients", 64);
        long seed = Long.getLong("bench.seed", 7L);

        try (LocalAws aws = LocalAws.start().provision(LocalAws.templatePath())) {
            String catalogTable = aws.tableName("CatalogTable");
            String seatsTable = aws.tableName("SeatsTable");
            Round round = scheduleRound(new DynamoCatalog(aws.dynamo(), catalogTable, seatsTable), rows, perRow);

            RequestCounter counter = new RequestCounter();
            DynamoDbClient counted = counter.client(aws);
            DynamoCatalog catalog = new DynamoCatalog(counted, catalogTable, seatsTable);
            DynamoBooking booking = new DynamoBooking(counted, seatsTable);
            ExecutorService refresher = Executors.newSingleThreadExecutor();
            CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), Clock.systemUTC(),
                    Duration.ofSeconds(10), refresher);
            // as deployed: a seat that just failed is refused from memory for a second (-Dbench.failedSeatMemoryMs=0: off)
            RecentlyTakenSeats recentlyTaken = new RecentlyTakenSeats(Clock.systemUTC(),
                    Duration.ofMillis(Long.getLong("bench.failedSeatMemoryMs", 1_000)));
            HoldingSeats holding = new HoldingSeats(cached, recentlyTaken, booking.seatClaims(), booking.holdLedgers(),
                    booking.idempotencyKeys(), new Ids(Clock.systemUTC()), Clock.systemUTC(), Duration.ofMinutes(8));
            cached.layout(cached.round(round.id())); // a warm function instance: the catalog is cached

            List<List<String>> wishes = wishes(attempts, rows, perRow, seed);
            Random pick = new Random(seed + 1);
            String[] who = new String[attempts];
            for (int i = 0; i < attempts; i++) {
                who[i] = "fan-" + pick.nextInt(users);
            }

            AtomicInteger next = new AtomicInteger();
            List<SeatHold> held = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicLong successWrites = new AtomicLong();
            AtomicLong successReads = new AtomicLong();
            AtomicLong successSeatWrites = new AtomicLong();
            AtomicLong failedRequests = new AtomicLong();
            AtomicLong failedReads = new AtomicLong();
            AtomicLong failedAttempts = new AtomicLong();
            Map<String, AtomicInteger> refusals = new java.util.concurrent.ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            counter.start();
            long started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    for (int i; (i = next.getAndIncrement()) < attempts; ) {
                        counter.takeThreadCounts();
                        try {
                            held.add(holding.hold(new HoldingSeats.HoldRequest(who[i], true, round.id(), wishes.get(i), null)));
                            long[] n = counter.takeThreadCounts();
                            successWrites.addAndGet(n[0]);
                            successReads.addAndGet(n[1]);
                            successSeatWrites.addAndGet(n[2]);
                        } catch (DomainException refused) {
                            long[] n = counter.takeThreadCounts();
                            failedRequests.addAndGet(n[0] + n[1]);
                            failedReads.addAndGet(n[1]);
                            failedAttempts.incrementAndGet();
                            refusals.computeIfAbsent(refused.type(), k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("benchmark did not finish");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            counter.stop();
            refresher.shutdownNow();

            int seatsHeld = held.stream().mapToInt(h -> h.seats().size()).sum();
            Map<String, Integer> holdsPerSeat = new HashMap<>();
            held.forEach(h -> h.seats().forEach(s -> holdsPerSeat.merge(s.seatId(), 1, Integer::sum)));
            long oversold = holdsPerSeat.values().stream().filter(n -> n > 1).count();
            long storedMismatch = storedMismatch(aws, seatsTable, round, held);
            long seatWrites = successSeatWrites.get();

            print("scenario", attempts + " attempts by " + users + " fans on " + rows * perRow + " seats (" + rows + " rows x "
                    + perRow + "), parties 1-4, row weight e^(-row/5), " + clients + " concurrent clients, dynalite");
            print("attempts", attempts);
            print("holds_ok", held.size());
            print("seats_held", seatsHeld);
            print("oversold", oversold);
            print("stored_vs_acknowledged_mismatches", storedMismatch);
            print("ddb_writes_per_seat_held", ratio(successWrites.get(), seatsHeld));
            print("seat_writes_per_seat_held", ratio(seatWrites, seatsHeld));
            print("ledger_writes_per_hold", ratio(successWrites.get() - seatWrites, held.size()));
            // the hold path: every request of an attempt that ended in a hold
            print("ddb_reads_on_hold_path", successReads.get());
            // refusals by the per-person limit read the fan's ledger to purge expired holds (the rare path pays)
            print("ddb_reads_on_refused_attempts", failedReads.get());
            print("catalog_refresh_reads_off_request_threads",
                    counter.total(RequestCounter.READS) - successReads.get() - failedReads.get());
            print("ddb_requests_per_failed_attempt", ratio(failedRequests.get(), failedAttempts.get()));
            print("refusals", new java.util.TreeMap<>(refusals));
            print("ddb_requests_by_operation", counter.byOperation());
            print("holds_per_s", String.format("%.0f", held.size() / seconds));
            print("attempts_per_s", String.format("%.0f", attempts / seconds));
            print("elapsed_s", String.format("%.1f", seconds));
        }
    }

    /** A round on sale now: one section "F" of {@code rows} × {@code perRow} seats, all VIP at 150,000 won. */
    public static Round scheduleRound(DynamoCatalog catalog, int rows, int perRow) {
        Ids ids = new Ids(Clock.systemUTC());
        List<Seat> seats = new ArrayList<>();
        for (int r = 1; r <= rows; r++) {
            for (int n = 1; n <= perRow; n++) {
                seats.add(new Seat(Seat.idOf("F", String.valueOf(r), n), "F", String.valueOf(r), n, n * 10, r * 10));
            }
        }
        String venue = new ManagingVenues(catalog.venues(), ids).register("Bench Hall", null,
                List.of(new Section("F", "Floor", seats))).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails(
                "Benchmark", Genre.CONCERT, List.of(), 120, 0, null, null)).id();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, Clock.systemUTC())
                .schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(7)),
                                Instant.now().minusSeconds(1), 4, List.of(new GradePrice("VIP", 150_000))),
                        Map.of("F", new SectionPlan(BookingMode.SEAT_SELECTION, "VIP")));
    }

    /** Each attempt's wanted seats: a party of 1-4 adjacent seats in a front-weighted row. */
    static List<List<String>> wishes(int attempts, int rows, int perRow, long seed) {
        Random random = new Random(seed);
        double[] cumulative = new double[rows];
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            sum += Math.exp(-r / 5.0);
            cumulative[r] = sum;
        }
        List<List<String>> wishes = new ArrayList<>(attempts);
        for (int i = 0; i < attempts; i++) {
            double x = random.nextDouble() * sum;
            int row = 0;
            while (cumulative[row] < x) {
                row++;
            }
            int party = 1 + random.nextInt(4);
            int start = 1 + random.nextInt(perRow - party + 1);
            List<String> seats = new ArrayList<>(party);
            for (int s = 0; s < party; s++) {
                seats.add(Seat.idOf("F", String.valueOf(row + 1), start + s));
            }
            wishes.add(seats);
        }
        return wishes;
    }

    /** Seats whose stored holder differs from the acknowledged one, plus stored holds nobody acknowledged. */
    private static long storedMismatch(LocalAws aws, String table, Round round, List<SeatHold> held) {
        Map<String, String> acknowledged = new HashMap<>();
        held.forEach(h -> h.seats().forEach(s -> acknowledged.put(s.seatId(), h.holdId())));
        Map<String, String> stored = new HashMap<>();
        for (Map<String, AttributeValue> item : aws.dynamo().scanPaginator(ScanRequest.builder().tableName(table)
                .consistentRead(true).build()).items()) {
            if (item.get("pk").s().startsWith("SEAT#" + round.id() + "#") && item.containsKey("holdId")) {
                stored.put(item.get("sk").s(), item.get("holdId").s());
            }
        }
        long mismatches = 0;
        for (String seat : union(acknowledged.keySet(), stored.keySet())) {
            if (!java.util.Objects.equals(acknowledged.get(seat), stored.get(seat))) {
                mismatches++;
            }
        }
        return mismatches;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static String ratio(long a, long b) {
        return b == 0 ? "n/a" : String.format("%.2f", (double) a / b);
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
