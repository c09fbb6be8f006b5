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
import org.junit.jupiter.api.Test;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code refreshSeatMaps} worker against the local stack provisioned from template.yaml: a small catalog loaded
 * through the domain use cases, seat records written with the seats table's key scheme (see
 * {@code DynamoSeatInventory}), the handler run directly and through the Lambda Invoke API, and the result read back
 * the way fans read it ({@link ViewingSeatMap}).
 */
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
        Map<String, SectionPlan> plans = Map.of("A", new SectionPlan(BookingMode.FIRST_COME, "R"),
                "B", new SectionPlan(BookingMode.FIRST_COME, "S"));
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

        RefreshSeatMapsHandler handler = new RefreshSeatMapsHandler(new RefreshingSeatMaps(catalog.performances(),
                catalog.rounds(), catalog.venues(), catalog.seatInventory(), catalog.seatMapSnapshots(), clock));

        Map<String, Object> result = handler.handleRequest(Map.of(), null);

        assertThat(result).containsOnly(Map.entry("rounds", 2), Map.entry("takenSeats", 2));
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
                .containsOnly(Map.entry("rounds", 2), Map.entry("takenSeats", 3));
        assertThat(taken(viewing, onSale)).containsExactly("A-1-2", "A-2-3", "B-1-4");
        assertThat(remaining(viewing.availability(onSale.id()))).isEqualTo(12 - 3);
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
