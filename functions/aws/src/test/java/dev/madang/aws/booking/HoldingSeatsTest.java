package dev.madang.aws.booking;

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
import dev.madang.aws.support.MovableClock;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hold use case on its real adapters against the local DynamoDB, raced by many threads. */
class HoldingSeatsTest {

    static LocalAws aws;
    static DynamoCatalog catalog;
    static DynamoBooking booking;
    static String seatsTable;

    /** A clock the expiry test can move forward; everything else runs at "now". */
    static final MovableClock CLOCK = new MovableClock();

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        seatsTable = aws.tableName("SeatsTable");
        catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"), seatsTable);
        booking = new DynamoBooking(aws.dynamo(), seatsTable);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    /** A round on sale now: section A (first come, 1 row of {@code seats}), L (lottery), C (closed). */
    static Round roundOnSale(int seats) {
        Ids ids = new Ids(Clock.systemUTC());
        List<Seat> a = new ArrayList<>();
        for (int n = 1; n <= seats; n++) {
            a.add(new Seat(Seat.idOf("A", "1", n), "A", "1", n, n * 10, 0));
        }
        List<Section> layout = List.of(new Section("A", "A", a),
                new Section("L", "L", List.of(new Seat("L-1-1", "L", "1", 1, 0, 100))),
                new Section("C", "C", List.of(new Seat("C-1-1", "C", "1", 1, 0, 200))));
        String venue = new ManagingVenues(catalog.venues(), ids).register("Hall", null, layout).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails("Race",
                Genre.CONCERT, List.of(), 90, 0, null, null)).id();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, Clock.systemUTC())
                .schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(10)),
                                Instant.now().minusSeconds(60), 4, List.of(new GradePrice("R", 99_000))),
                        Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "R"),
                                "L", new SectionPlan(BookingMode.LOTTERY, "R"),
                                "C", new SectionPlan(BookingMode.CLOSED, "R")));
    }

    static HoldingSeats holding(Duration holdFor) {
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), CLOCK, Duration.ofSeconds(10),
                Runnable::run);
        return new HoldingSeats(cached, RecentlyTakenSeats.none(CLOCK), booking.seatClaims(), booking.holdLedgers(),
                booking.idempotencyKeys(), new Ids(Clock.systemUTC()), CLOCK, holdFor);
    }

    /** seat id → holdId of every seat record of the round that carries a hold. */
    static Map<String, String> holdersOf(Round round) {
        Map<String, String> holders = new HashMap<>();
        // a test may scan; the round's seat records are the items under its SEAT# partitions
        String roundPrefix = "SEAT#" + round.id() + "#";
        for (Map<String, AttributeValue> item : aws.dynamo().scanPaginator(ScanRequest.builder().tableName(seatsTable)
                .consistentRead(true).build()).items()) {
            if (item.get("pk").s().startsWith(roundPrefix) && item.containsKey("holdId")) {
                holders.put(item.get("sk").s(), item.get("holdId").s());
            }
        }
        return holders;
    }

    static <T> List<T> race(int threads, java.util.function.IntFunction<T> attempt) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<T> results = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < threads; i++) {
            int n = i;
            pool.execute(() -> {
                try {
                    go.await();
                    results.add(attempt.apply(n));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        return results;
    }

    sealed interface Outcome permits Held, Refused {
    }

    record Held(SeatHold hold) implements Outcome {
    }

    record Refused(DomainException why) implements Outcome {
    }

    static Outcome attempt(HoldingSeats holding, String user, Round round, List<String> seats, String key) {
        try {
            return new Held(holding.hold(new HoldingSeats.HoldRequest(user, true, round.id(), seats, key)));
        } catch (DomainException e) {
            return new Refused(e);
        }
    }

    /** Every item of the seats table (seat records and hold ledgers), as text: equal snapshots mean no write. */
    static List<String> seatsTableSnapshot() {
        List<String> items = new ArrayList<>();
        aws.dynamo().scanPaginator(ScanRequest.builder().tableName(seatsTable).consistentRead(true).build()).items()
                .forEach(i -> items.add(new java.util.TreeMap<>(i).toString()));
        Collections.sort(items);
        return items;
    }

    @Test
    void a_fan_whose_token_says_unverified_is_refused_forbidden_and_nothing_is_written() {
        Round round = roundOnSale(4);
        HoldingSeats holding = holding(Duration.ofMinutes(8));
        List<String> before = seatsTableSnapshot();

        for (HoldingSeats.HoldRequest unverified : List.of(
                new HoldingSeats.HoldRequest("unverified", false, round.id(), List.of("A-1-1", "A-1-2"), null),
                new HoldingSeats.HoldRequest("unverified", false, round.id(), List.of("A-1-3"), "key-1"),
                new HoldingSeats.HoldRequest("unverified", false, round.id(), List.of(), null))) { // even malformed
            assertThatThrownBy(() -> holding.hold(unverified)).as(unverified.toString())
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                        assertThat(e.type()).isEqualTo("identity-verification-required");
                        assertThat(e.errors()).isEmpty();
                    });
        }

        List<String> after = seatsTableSnapshot();
        System.out.printf("unverified holds: seats table %d items before, %d after%n", before.size(), after.size());
        assertThat(after).isEqualTo(before);
        assertThat(holdersOf(round)).isEmpty();
        // the seats were never taken: a verified fan holds them at once
        assertThat(attempt(holding, "verified", round, List.of("A-1-1", "A-1-2"), null)).isInstanceOf(Held.class);
    }

    @Test
    void a_thousand_fans_race_for_one_seat_and_exactly_one_wins() throws Exception {
        Round round = roundOnSale(4);
        HoldingSeats holding = holding(Duration.ofMinutes(8));

        List<Outcome> outcomes = race(1_000, i -> attempt(holding, "fan-" + i, round, List.of("A-1-2"), null));

        List<SeatHold> held = outcomes.stream().filter(Held.class::isInstance).map(o -> ((Held) o).hold()).toList();
        assertThat(outcomes).hasSize(1_000);
        assertThat(held).hasSize(1);
        assertThat(outcomes).filteredOn(Refused.class::isInstance)
                .allSatisfy(o -> assertThat(((Refused) o).why().type()).isEqualTo("seat-taken"));
        assertThat(holdersOf(round)).containsExactly(Map.entry("A-1-2", held.get(0).holdId()));
    }

    @Test
    void three_hundred_parties_race_for_fifty_seats_and_no_seat_has_two_holders() throws Exception {
        Round round = roundOnSale(50);
        HoldingSeats holding = holding(Duration.ofMinutes(8));
        Random random = new Random(42);
        List<List<String>> wishes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int party = 1 + random.nextInt(4);
            int first = 1 + random.nextInt(50 - party + 1);
            List<String> seats = new ArrayList<>();
            for (int s = 0; s < party; s++) {
                seats.add("A-1-" + (first + s));
            }
            Collections.shuffle(seats, random); // the order a client sends must not matter
            wishes.add(seats);
        }

        List<Outcome> outcomes = race(300, i -> attempt(holding, "party-" + i, round, wishes.get(i), null));

        List<SeatHold> held = outcomes.stream().filter(Held.class::isInstance).map(o -> ((Held) o).hold()).toList();
        Map<String, String> acknowledged = new HashMap<>();
        for (SeatHold h : held) {
            h.seats().forEach(s -> assertThat(acknowledged.put(s.seatId(), h.holdId()))
                    .as("seat %s acknowledged to two holds", s.seatId()).isNull());
        }
        // what is stored is exactly what was acknowledged: no seat taken by a refused request stays taken
        assertThat(holdersOf(round)).isEqualTo(acknowledged);
        for (SeatHold h : held) {
            assertThat(holding.find(h.userId(), h.holdId())).isEqualTo(h);
        }
        for (int i = 0; i < 300; i++) {
            if (outcomes.get(i) instanceof Refused r) {
                assertThat(r.why().type()).isEqualTo("seat-taken");
            }
        }
        assertThat(held).isNotEmpty();
        assertThat(outcomes).filteredOn(Refused.class::isInstance).isNotEmpty();
        System.out.printf("300 parties, 50 seats: %d holds, %d seats held, %d refused%n", held.size(),
                acknowledged.size(), 300 - held.size());
    }

    @Test
    void one_fan_firing_in_parallel_never_exceeds_the_per_person_limit() throws Exception {
        Round round = roundOnSale(30);
        HoldingSeats holding = holding(Duration.ofMinutes(8));

        List<Outcome> outcomes = race(20, i -> attempt(holding, "greedy", round, List.of("A-1-" + (i + 1)), null));

        List<SeatHold> held = outcomes.stream().filter(Held.class::isInstance).map(o -> ((Held) o).hold()).toList();
        assertThat(held).hasSize(4);
        assertThat(outcomes).filteredOn(Refused.class::isInstance)
                .allSatisfy(o -> assertThat(((Refused) o).why().type()).isEqualTo("per-person-limit"));
        assertThat(holdersOf(round)).hasSize(4);
    }

    @Test
    void an_expired_hold_is_free_at_once_and_its_late_release_frees_nothing() {
        Round round = roundOnSale(4);
        HoldingSeats holding = holding(Duration.ofMinutes(8));
        SeatHold first = holding.hold(new HoldingSeats.HoldRequest("early", true, round.id(), List.of("A-1-1", "A-1-2"), null));
        assertThat(attempt(holding, "late", round, List.of("A-1-2"), null)).isInstanceOf(Refused.class);

        CLOCK.advance(Duration.ofMinutes(9));
        try {
            SeatHold second = holding.hold(new HoldingSeats.HoldRequest("late", true, round.id(), List.of("A-1-2"), null));
            assertThatThrownBy(() -> holding.release("early", first.holdId()))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo("hold-expired"));
            // even a raw release by the old hold id (a late message) cannot free the seat now held by another
            booking.seatClaims().release(round.id(), new Seat("A-1-2", "A", "1", 2, 20, 0), first.holdId());
            assertThat(holdersOf(round)).containsEntry("A-1-2", second.holdId());
            // the early fan's expired seats stop counting against its limit
            assertThat(holding.hold(new HoldingSeats.HoldRequest("early", true, round.id(),
                    List.of("A-1-1", "A-1-3", "A-1-4"), null)).seats()).hasSize(3);
        } finally {
            CLOCK.reset();
        }
    }

    @Test
    void releasing_frees_the_seats_and_only_the_holder_may() {
        Round round = roundOnSale(4);
        HoldingSeats holding = holding(Duration.ofMinutes(8));
        SeatHold hold = holding.hold(new HoldingSeats.HoldRequest("owner", true, round.id(), List.of("A-1-3"), null));
        assertThatThrownBy(() -> holding.release("thief", hold.holdId()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
        assertThat(holdersOf(round)).containsKey("A-1-3");
        holding.release("owner", hold.holdId());
        assertThat(holdersOf(round)).isEmpty();
        assertThat(holding.hold(new HoldingSeats.HoldRequest("next", true, round.id(), List.of("A-1-3"), null)).seats()).hasSize(1);
    }

    @Test
    void a_repeated_request_returns_the_first_hold_and_a_reused_key_is_refused() throws Exception {
        Round round = roundOnSale(6);
        HoldingSeats holding = holding(Duration.ofMinutes(8));

        List<Outcome> outcomes = race(8, i -> attempt(holding, "clicker", round, List.of("A-1-1", "A-1-2"), "key-1"));
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Held.class));
        Set<String> holdIds = new HashSet<>();
        outcomes.forEach(o -> holdIds.add(((Held) o).hold().holdId()));
        assertThat(holdIds).hasSize(1);

        Outcome reused = attempt(holding, "clicker", round, List.of("A-1-5"), "key-1");
        assertThat(reused).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.why().type()).isEqualTo("idempotency-key-reused"));
        assertThat(holdersOf(round)).containsOnlyKeys("A-1-1", "A-1-2");
        // a reused key whose seats overlap the first hold and hit a taken seat must not free the first hold's seats
        SeatHold other = holding.hold(new HoldingSeats.HoldRequest("rival", true, round.id(), List.of("A-1-6"), null));
        assertThat(attempt(holding, "clicker", round, List.of("A-1-1", "A-1-6"), "key-1"))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.why().type()).isEqualTo("idempotency-key-reused"));
        assertThat(holdersOf(round)).containsEntry("A-1-1", holdIds.iterator().next())
                .containsEntry("A-1-2", holdIds.iterator().next()).containsEntry("A-1-6", other.holdId()).hasSize(3);
    }

    @Test
    void bad_requests_are_refused_and_write_nothing() {
        Round round = roundOnSale(6);
        HoldingSeats holding = holding(Duration.ofMinutes(8));
        Map<String, List<String>> bad = new HashMap<>();
        bad.put("invalid-request", List.of());
        bad.put("seats-not-holdable", List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5"));
        AtomicInteger refused = new AtomicInteger();
        bad.forEach((type, seats) -> assertThat(attempt(holding, "fan", round, seats, null))
                .isInstanceOfSatisfying(Refused.class, r -> {
                    assertThat(r.why().type()).isEqualTo(type);
                    refused.incrementAndGet();
                }));
        assertThat(attempt(holding, "fan", round, List.of("A-1-1", "A-1-1"), null)).isInstanceOf(Refused.class);
        assertThat(attempt(holding, "fan", round, List.of("Z-9-9"), null)).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.why().type()).isEqualTo("seats-not-holdable"));
        assertThat(attempt(holding, "fan", round, List.of("L-1-1"), null)).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.why().getMessage() + r.why().errors()).contains("lottery"));
        assertThat(attempt(holding, "fan", round, List.of("A-1-1", "C-1-1"), null)).isInstanceOf(Refused.class);
        assertThat(attempt(holding, "fan", roundOnSale(2), List.of("A-1-6"), null)).isInstanceOf(Refused.class);
        assertThat(refused.get()).isEqualTo(2);
        assertThat(holdersOf(round)).isEmpty();
        assertThatThrownBy(() -> holding.find("fan", "01HZZZZZZZZZZZZZZZZZZZZZZZ"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
    }
}
