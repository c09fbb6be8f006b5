package dev.madang.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SeatInventory;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.catalog.Venue;
import dev.madang.domain.catalog.ViewingSeatMap;
import dev.madang.domain.catalog.ViewingSeatMap.SeatStatus;
import dev.madang.domain.common.Ids;
import dev.madang.localstack.LocalAws;
import dev.madang.workers.RefreshSeatMapsHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code refreshSeatMaps} worker against the local stack provisioned from template.yaml: a small catalog loaded
 * through the domain use cases, seat records written with the seats table's key scheme (see
 * {@code DynamoSeatInventory}), the handler run directly and through the Lambda Invoke API, and the result read back
 * the way fans read it ({@link ViewingSeatMap}). The tests share one stack, so the one that counts every round on sale
 * runs first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeatMapRefreshTest {

    static final String FUNCTION = "RefreshSeatMapsFunction";
    static final ObjectMapper JSON = new ObjectMapper();

    static LocalAws aws;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    @Order(1)
    void refresh_marks_live_holds_and_sold_seats_taken_and_frees_expired_holds() throws Exception {
        // the tables as the template hands them to the function, as WorkerBeans reads them
        Map<String, String> env = aws.functionEnvironment(FUNCTION);
        assertThat(env).containsEntry("QUARKUS_LAMBDA_HANDLER", "refreshSeatMaps")
                .containsEntry("CATALOG_TABLE", aws.tableName("CatalogTable"))
                .containsEntry("SEATS_TABLE", aws.tableName("SeatsTable"));
        Clock clock = Clock.systemUTC();
        DynamoCatalog catalog = new DynamoCatalog(aws.dynamo(), env.get("CATALOG_TABLE"), env.get("SEATS_TABLE"));

        // a 12-seat hall: section A (grade R, rows 1-2, 4 seats each), section B (grade S, row 1, 4 seats)
        Ids ids = new Ids(clock);
        Venue venue = new ManagingVenues(catalog.venues(), ids)
                .register("대학로 마당 소극장", "서울 종로구 대학로 1", List.of(section("A", 2, 4, 0), section("B", 1, 4, 100)))
                .venue();
        Performance play = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails(
                "마당놀이 심청전", Genre.THEATRE, List.of("연극"), 100, 7, null, null));
        SchedulingRounds scheduling = new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(),
                ids, clock);
        Instant now = clock.instant();
        Map<String, SectionPlan> plans = Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "R"),
                "B", new SectionPlan(BookingMode.SEAT_SELECTION, "S"));
        List<GradePrice> grades = List.of(new GradePrice("R", 60_000), new GradePrice("S", 40_000));
        Round onSale = scheduling.schedule(play.id(), venue.id(),
                new Round.Schedule(now.plus(Duration.ofDays(7)), now.minus(Duration.ofHours(1)), 4, grades), plans);
        Round quietOnSale = scheduling.schedule(play.id(), venue.id(),
                new Round.Schedule(now.plus(Duration.ofDays(8)), now.minus(Duration.ofHours(1)), 4, grades), plans);
        Round comingSoon = scheduling.schedule(play.id(), venue.id(),
                new Round.Schedule(now.plus(Duration.ofDays(14)), now.plus(Duration.ofDays(1)), 4, grades), plans);

        putSeat(onSale, "A", "1", "A-1-2", Map.of("holdId", s("HOLD-LIVE"),
                "holdExpiresAt", n(now.plus(Duration.ofMinutes(10)).toEpochMilli())));
        putSeat(onSale, "A", "2", "A-2-3", Map.of("holdId", s("HOLD-EXPIRED"),
                "holdExpiresAt", n(now.minus(Duration.ofMinutes(1)).toEpochMilli())));
        putSeat(onSale, "B", "1", "B-1-4", Map.of("ticketId", s("TICKET-1")));
        // not refreshed: its sale has not opened
        putSeat(comingSoon, "A", "1", "A-1-1", Map.of("ticketId", s("TICKET-2")));

        // a zero window: one pass per invocation
        RefreshSeatMapsHandler handler = new RefreshSeatMapsHandler(refreshing(catalog, catalog.seatInventory(), clock),
                Duration.ofSeconds(1), Duration.ZERO);

        Map<String, Object> result = handler.handleRequest(Map.of(), null);

        assertThat(result).containsEntry("passes", 1).containsEntry("rounds", 2).containsEntry("takenSeats", 2)
                .containsEntry("failedRounds", 0).containsEntry("failedPasses", 0).containsKey("slowestPassMillis");
        ViewingSeatMap viewing = new ViewingSeatMap(catalog.rounds(), catalog.venues(), catalog.seatMapSnapshots(),
                clock, Duration.ZERO);
        assertThat(taken(viewing, onSale)).containsExactly("A-1-2", "B-1-4");
        assertThat(statuses(viewing, onSale)).hasSize(12).containsEntry("A-2-3", SeatStatus.AVAILABLE);
        assertThat(viewing.seatMap(onSale.id()).asOf()).isAfterOrEqualTo(now);
        ViewingSeatMap.Availability availability = viewing.availability(onSale.id());
        assertThat(availability.byGrade()).containsOnly(Map.entry("R", new ViewingSeatMap.Count(8, 7)),
                Map.entry("S", new ViewingSeatMap.Count(4, 3)));
        assertThat(availability.bySection()).extracting(ViewingSeatMap.SectionCount::remaining).containsExactly(7, 3);
        assertThat(remaining(availability)).isEqualTo(12 - 2);
        // a round on sale with nothing taken gets an all-free snapshot; one not yet on sale gets none
        assertThat(catalog.seatMapSnapshots().find(quietOnSale.id())).hasValueSatisfying(
                snapshot -> assertThat(snapshot.taken().isEmpty()).isTrue());
        assertThat(taken(viewing, quietOnSale)).isEmpty();
        assertThat(catalog.seatMapSnapshots().find(comingSoon.id())).isEmpty();

        // the same handler behind the Lambda Invoke API, as the schedule (and the local runner) call it; the hold
        // that expired is sold meanwhile, so the answer must come from a fresh refresh
        aws.lambdas().register(FUNCTION, event -> JSON.writeValueAsString(
                handler.handleRequest(JSON.readValue(event, new TypeReference<Map<String, Object>>() { }), null)));
        putSeat(onSale, "A", "2", "A-2-3", Map.of("ticketId", s("TICKET-3")));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(aws.lambdaEndpoint() + "/2015-03-31/functions/" + FUNCTION + "/invocations"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).as(response.body()).isEmpty();
        assertThat(JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { }))
                .containsEntry("passes", 1).containsEntry("rounds", 2).containsEntry("takenSeats", 3)
                .containsEntry("failedRounds", 0);
        assertThat(taken(viewing, onSale)).containsExactly("A-1-2", "A-2-3", "B-1-4");
        assertThat(remaining(viewing.availability(onSale.id()))).isEqualTo(12 - 3);
    }

    @Test
    @Order(2)
    void a_hold_shows_taken_within_seconds_while_the_refresher_runs_and_free_soon_after_it_expires() throws Exception {
        Clock clock = Clock.systemUTC();
        DynamoCatalog catalog = catalog();
        Round round = roundOnSale(catalog, clock, "마당놀이 춘향전");
        // the deployed cadence (every second) over a window long enough for the whole test
        RefreshSeatMapsHandler handler = new RefreshSeatMapsHandler(refreshing(catalog, catalog.seatInventory(), clock),
                Duration.ofSeconds(1), Duration.ofSeconds(9));
        // how the API serves fans: the snapshot re-read at most once a second
        ViewingSeatMap viewing = new ViewingSeatMap(catalog.rounds(), catalog.venues(), catalog.seatMapSnapshots(),
                clock, Duration.ofSeconds(1));
        ExecutorService invocation = Executors.newSingleThreadExecutor();
        try {
            Future<Map<String, Object>> running = invocation.submit(() -> handler.handleRequest(Map.of(), null));
            await().atMost(Duration.ofSeconds(3)).until(() -> catalog.seatMapSnapshots().find(round.id()).isPresent());
            assertThat(statuses(viewing, round)).containsEntry("A-1-2", SeatStatus.AVAILABLE);

            Instant heldAt = clock.instant();
            Instant expiresAt = heldAt.plus(Duration.ofSeconds(4));
            putSeat(round, "A", "1", "A-1-2", Map.of("holdId", s("HOLD-FRESH"), "holdExpiresAt", n(expiresAt.toEpochMilli())));

            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> statuses(viewing, round).get("A-1-2") == SeatStatus.TAKEN);
            Duration shown = Duration.between(heldAt, clock.instant());
            assertThat(remaining(viewing.availability(round.id()))).isEqualTo(12 - 1);
            // taken until it expires (up to shortly before: the map and the clock are each read a moment apart)
            Duration untilExpiry = Duration.between(clock.instant(), expiresAt).minusMillis(300);
            if (!untilExpiry.isNegative()) {
                await().during(untilExpiry).atMost(untilExpiry.plusSeconds(2)).pollInterval(Duration.ofMillis(200))
                        .until(() -> statuses(viewing, round).get("A-1-2") == SeatStatus.TAKEN);
            }

            await().atMost(Duration.between(clock.instant(), expiresAt).plusSeconds(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> statuses(viewing, round).get("A-1-2") == SeatStatus.AVAILABLE);
            Duration freed = Duration.between(expiresAt, clock.instant());
            assertThat(freed.isNegative()).as("freed before the hold expired: %s", freed).isFalse();
            assertThat(remaining(viewing.availability(round.id()))).isEqualTo(12);

            Map<String, Object> result = running.get(15, TimeUnit.SECONDS);
            System.out.printf("hold shown as taken after %d ms, shown free %d ms after expiry; refresher: %s%n",
                    shown.toMillis(), freed.toMillis(), result);
            assertThat(result).containsEntry("failedRounds", 0).containsEntry("failedPasses", 0);
            assertThat((Integer) result.get("passes")).isBetween(5, 9);
            // three 12-seat rounds: far under the period, but this machine may be busy with other builds
            assertThat((Long) result.get("slowestPassMillis")).isLessThan(2_000L);
        } finally {
            invocation.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void a_round_that_cannot_be_read_keeps_its_snapshot_and_does_not_stop_the_others() {
        Clock clock = Clock.systemUTC();
        DynamoCatalog catalog = catalog();
        Round broken = roundOnSale(catalog, clock, "마당놀이 흥부전");
        Round fine = roundOnSale(catalog, clock, "마당놀이 별주부전");
        putSeat(fine, "B", "1", "B-1-1", Map.of("ticketId", s("TICKET-FINE")));
        SeatInventory real = catalog.seatInventory();
        SeatInventory throttled = (round, layout, now) -> {
            if (round.id().equals(broken.id())) {
                throw new IllegalStateException("ProvisionedThroughputExceeded (simulated)");
            }
            return real.takenSeats(round, layout, now);
        };

        RefreshingSeatMaps.Refreshed pass = refreshing(catalog, throttled, clock).refreshRoundsOnSale();

        assertThat(pass.failures()).extracting(RefreshingSeatMaps.Failure::id).containsExactly(broken.id());
        assertThat(pass.rounds()).isGreaterThanOrEqualTo(1);
        assertThat(catalog.seatMapSnapshots().find(broken.id())).isEmpty();
        ViewingSeatMap viewing = new ViewingSeatMap(catalog.rounds(), catalog.venues(), catalog.seatMapSnapshots(),
                clock, Duration.ZERO);
        assertThat(taken(viewing, fine)).containsExactly("B-1-1");

        // the handler reports it and still answers
        Map<String, Object> result = new RefreshSeatMapsHandler(refreshing(catalog, throttled, clock),
                Duration.ofSeconds(1), Duration.ZERO).handleRequest(Map.of(), null);
        assertThat(result).containsEntry("passes", 1).containsEntry("failedRounds", 1).containsEntry("failedPasses", 0);
    }

    private static DynamoCatalog catalog() {
        return new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"), aws.tableName("SeatsTable"));
    }

    private static RefreshingSeatMaps refreshing(DynamoCatalog catalog, SeatInventory inventory, Clock clock) {
        return new RefreshingSeatMaps(catalog.performances(), catalog.rounds(), catalog.venues(), inventory,
                catalog.seatMapSnapshots(), clock);
    }

    /** A round on sale since an hour ago in a new 12-seat hall laid out like the one of the first test. */
    private static Round roundOnSale(DynamoCatalog catalog, Clock clock, String title) {
        Ids ids = new Ids(clock);
        Venue venue = new ManagingVenues(catalog.venues(), ids)
                .register("마당 소극장 " + title, "서울 종로구 대학로 1", List.of(section("A", 2, 4, 0), section("B", 1, 4, 100)))
                .venue();
        Performance play = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails(
                title, Genre.THEATRE, List.of("연극"), 100, 7, null, null));
        Instant now = clock.instant();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, clock).schedule(
                play.id(), venue.id(),
                new Round.Schedule(now.plus(Duration.ofDays(7)), now.minus(Duration.ofHours(1)), 4,
                        List.of(new GradePrice("R", 60_000), new GradePrice("S", 40_000))),
                Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "R"), "B", new SectionPlan(BookingMode.SEAT_SELECTION, "S")));
    }

    /** {@code rows} rows of {@code perRow} seats; x/y keep every seat on its own spot. */
    private static Section section(String id, int rows, int perRow, int x0) {
        List<Seat> seats = new ArrayList<>();
        for (int row = 1; row <= rows; row++) {
            for (int number = 1; number <= perRow; number++) {
                seats.add(new Seat(Seat.idOf(id, String.valueOf(row), number), id, String.valueOf(row), number,
                        x0 + number * 10, row * 10));
            }
        }
        return new Section(id, "구역 " + id, seats);
    }

    /** A seat record as DynamoSeatInventory keys it: one partition per row of a round, the seat id as sort key. */
    private static void putSeat(Round round, String sectionId, String row, String seatId,
                                Map<String, AttributeValue> state) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(state);
        item.put("pk", s("SEAT#" + round.id() + "#" + sectionId + "#" + row));
        item.put("sk", s(seatId));
        aws.dynamo().putItem(r -> r.tableName(aws.tableName("SeatsTable")).item(item));
    }

    private static Map<String, SeatStatus> statuses(ViewingSeatMap viewing, Round round) {
        Map<String, SeatStatus> out = new TreeMap<>();
        viewing.seatMap(round.id()).sections().forEach(section -> section.seats()
                .forEach(view -> out.put(view.seat().id(), view.status())));
        return out;
    }

    private static List<String> taken(ViewingSeatMap viewing, Round round) {
        return statuses(viewing, round).entrySet().stream().filter(e -> e.getValue() == SeatStatus.TAKEN)
                .map(Map.Entry::getKey).toList();
    }

    private static int remaining(ViewingSeatMap.Availability availability) {
        assertThat(availability.bySection()).extracting(ViewingSeatMap.SectionCount::total).containsExactly(8, 4);
        return availability.bySection().stream().mapToInt(ViewingSeatMap.SectionCount::remaining).sum();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
