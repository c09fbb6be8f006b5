package dev.madang.benchmarks;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.booking.HoldingBestAvailable;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.RecentlyTakenSeats;
import dev.madang.domain.booking.SeatHold;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.ViewingSeatMap;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.exhibition.EntrySlots;
import dev.madang.domain.exhibition.SchedulingEntrySlots;
import dev.madang.localstack.LocalAws;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rush on one exhibition time slot (docs/commerce.md, "Exhibitions and time slots"): {@code fans} fans at once
 * book 1-4 entries each (the slot's per-person limit is 4) of a slot with {@code quota} entries, through the real
 * best-available hold path on its DynamoDB adapters against dynalite, with the snapshot refresher running underneath
 * as deployed. A fan refused {@code no-seats-available} looks at the remaining entries the detail page shows and, while
 * they leave room for the party, taps again 250 ms later (up to {@value #TRIES} tries): in the rush a refusal may only
 * mean that every attempt met a rival, or entries another request held for a moment. Then one fan sends eight requests for 2 entries
 * in parallel: the ledger lets at most 4 through. Counted from the seats table afterwards, not from the answers alone.
 * Prints key=value lines; defaults 2,000 fans and 300 entries (-Dbench.fans, -Dbench.quota, -Dbench.clients,
 * -Dbench.seed).
 */
public final class EntryRushBenchmark {

    static final int TRIES = 5;
    static final int LIMIT = 4;

    public static void main(String[] args) throws Exception {
        try (LocalAws aws = LocalAws.start().provision(LocalAws.templatePath())) {
            run(aws, Integer.getInteger("bench.fans", 2_000), Integer.getInteger("bench.quota", 300),
                    Integer.getInteger("bench.clients", 64), Long.getLong("bench.seed", 7L))
                    .forEach((k, v) -> System.out.println(k + "=" + v));
        }
    }

    static Map<String, Object> run(LocalAws aws, int fans, int quota, int clients, long seed) throws Exception {
        String seatsTable = aws.tableName("SeatsTable");
        RequestCounter counter = new RequestCounter();
        DynamoCatalog catalog = new DynamoCatalog(counter.client(aws), aws.tableName("CatalogTable"), seatsTable);
        DynamoBooking booking = new DynamoBooking(counter.client(aws), seatsTable);
        Clock clock = Clock.systemUTC();
        List<Round> slots = slots(catalog, quota, clock);
        Round slot = slots.get(0);

        ExecutorService background = Executors.newSingleThreadExecutor();
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), clock, Duration.ofSeconds(10),
                background);
        HoldingSeats holding = new HoldingSeats(cached, new RecentlyTakenSeats(clock, Duration.ofSeconds(1)),
                booking.seatClaims(), booking.holdLedgers(), booking.idempotencyKeys(), new Ids(clock), clock,
                Duration.ofMinutes(8));
        HoldingBestAvailable entries = new HoldingBestAvailable(holding, catalog.seatMapSnapshots(),
                catalog.seatInventory(), Duration.ofMillis(250), HoldingBestAvailable.DEFAULT_SHUFFLE_TOP,
                new Random(seed));
        cached.layout(cached.round(slot.id())); // a warm instance
        ViewingSeatMap page = new ViewingSeatMap(catalog.rounds(), catalog.venues(), catalog.seatMapSnapshots(), clock,
                Duration.ofSeconds(1), Duration.ofMillis(250));
        RefreshingSeatMaps refresher = new RefreshingSeatMaps(catalog.performances(), catalog.rounds(),
                catalog.venues(), catalog.seatInventory(), catalog.seatMapSnapshots(), clock);
        AtomicBoolean rushing = new AtomicBoolean(true);
        Thread refreshing = new Thread(() -> {
            while (rushing.get()) {
                refresher.refresh(slot, clock.instant());
                sleep(1_000);
            }
        });

        Random random = new Random(seed);
        int[] party = new int[fans];
        for (int i = 0; i < fans; i++) {
            party[i] = 1 + random.nextInt(LIMIT);
        }
        List<SeatHold> held = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        counter.start();
        refreshing.start();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i; (i = next.getAndIncrement()) < fans; ) {
                    for (int attempt = 1; attempt <= TRIES; attempt++) {
                        requests.incrementAndGet();
                        try {
                            held.add(entries.hold(new HoldingBestAvailable.BestAvailableRequest("fan-" + i, true,
                                    slot.id(), EntrySlots.SECTION, null, party[i], null)).hold());
                            break;
                        } catch (DomainException refused) {
                            refusals.computeIfAbsent(refused.type(), k -> new AtomicInteger()).incrementAndGet();
                            // as a fan does: look at the slot's remaining entries, and tap again a moment later
                            // while it shows room for the party
                            if (!refused.type().equals("no-seats-available")
                                    || remaining(page, slot) < party[i]) {
                                break;
                            }
                            sleep(250);
                        }
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(20, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the rush did not finish");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        rushing.set(false);
        refreshing.join();
        counter.stop();

        int granted = onePartyInParallel(entries, slots.get(1));
        background.shutdownNow();

        Map<String, String> stored = holders(aws, seatsTable, slot);
        Map<String, Integer> holdsPerEntry = new HashMap<>();
        held.forEach(h -> h.seats().forEach(s -> holdsPerEntry.merge(s.seatId(), 1, Integer::sum)));
        int answered = held.stream().mapToInt(h -> h.seats().size()).sum();
        long heldTwice = holdsPerEntry.values().stream().filter(n -> n > 1).count();
        long mismatches = held.stream().flatMap(h -> h.seats().stream().map(s -> !h.holdId().equals(
                stored.get(s.seatId())))).filter(Boolean::booleanValue).count();
        Map<String, Long> perKey = counter.writesByKey();
        long seatWrites = perKey.entrySet().stream().filter(e -> e.getKey().startsWith("SEAT#"))
                .mapToLong(Map.Entry::getValue).sum();
        Map.Entry<String, Long> busiest = perKey.entrySet().stream().filter(e -> e.getKey().startsWith("SEAT#"))
                .max(Map.Entry.comparingByValue()).orElse(Map.entry("-", 0L));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", fans + " fans book 1-" + LIMIT + " entries each (up to " + TRIES + " tries) of one "
                + quota + "-entry slot, " + clients + " concurrent clients, dynalite");
        out.put("fans_with_entries", held.size());
        // what the rush took for the fans who go on to pay: held entries, exactly what tickets are issued for
        out.put("entries_sold", stored.size());
        out.put("entries_answered", answered);
        out.put("entries_over_quota", Math.max(0, stored.size() - quota) + heldTwice);
        out.put("entries_stored_vs_answered_mismatches", mismatches);
        out.put("hold_requests", requests.get());
        out.put("refusals", new java.util.TreeMap<>(refusals));
        out.put("entry_hall_keys", (quota + EntrySlots.ENTRIES_PER_ROW - 1) / EntrySlots.ENTRIES_PER_ROW);
        out.put("seat_writes", seatWrites);
        out.put("seat_writes_per_entry_sold", String.format("%.2f", (double) seatWrites / Math.max(1, answered)));
        out.put("busiest_key_writes", busiest.getValue());
        out.put("busiest_key_write_share_pct", String.format("%.1f", 100.0 * busiest.getValue()
                / Math.max(1, seatWrites)));
        // the model the seat-holds figure uses: the same mix of requests arriving at 5,000 a second
        out.put("max_key_writes_per_s", Math.round(5_000.0 * busiest.getValue() / Math.max(1, requests.get())));
        out.put("one_fan_parallel_entries_granted", granted);
        out.put("elapsed_s", String.format("%.1f", seconds));
        return out;
    }

    /** One fan's eight parallel requests for 2 entries each of a quiet slot: the entries granted (at most 4). */
    private static int onePartyInParallel(HoldingBestAvailable entries, Round slot) throws Exception {
        ExecutorService parallel = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(parallel.submit(() -> {
                try {
                    return entries.hold(new HoldingBestAvailable.BestAvailableRequest("the-eager-fan", true, slot.id(),
                            EntrySlots.SECTION, null, 2, null)).hold().seats().size();
                } catch (DomainException refused) {
                    return 0;
                }
            }));
        }
        int granted = 0;
        for (java.util.concurrent.Future<Integer> answer : answers) {
            granted += answer.get();
        }
        parallel.shutdown();
        return granted;
    }

    /** Two slots of {@code quota} entries a week ahead, on sale now: the rush's and a quiet one. */
    private static List<Round> slots(DynamoCatalog catalog, int quota, Clock clock) {
        Ids ids = new Ids(clock);
        String exhibition = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails(
                "Entry rush", Genre.EXHIBITION, List.of(), 60, 0, null, null)).id();
        SchedulingEntrySlots scheduling = new SchedulingEntrySlots(catalog.performances(),
                new ManagingVenues(catalog.venues(), ids),
                new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, clock), clock);
        return scheduling.schedule(exhibition, new SchedulingEntrySlots.SlotPlan(
                List.of(LocalDate.now(EntrySlots.ZONE).plusDays(7)), null, null, null, List.of(LocalTime.of(10, 0), LocalTime.of(11, 0)),
                quota, 15_000L, LIMIT, null)).slots();
    }

    /** entry id → hold id of every entry of the slot that carries a hold. */
    private static Map<String, String> holders(LocalAws aws, String table, Round slot) {
        Map<String, String> holders = new HashMap<>();
        for (Map<String, AttributeValue> item : aws.dynamo().scanPaginator(ScanRequest.builder().tableName(table)
                .consistentRead(true).build()).items()) {
            if (item.get("pk").s().startsWith("SEAT#" + slot.id() + "#") && item.containsKey("holdId")) {
                holders.put(item.get("sk").s(), item.get("holdId").s());
            }
        }
        return holders;
    }

    /** The remaining entries the detail page shows (the snapshot, re-read at most every 250 ms). */
    private static int remaining(ViewingSeatMap page, Round slot) {
        return page.availability(slot.id()).byGrade().get(EntrySlots.GRADE).remaining();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
