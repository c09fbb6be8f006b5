package dev.madang.aws.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.booking.SeatClaims;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.waitlist.SubscribingToWaitlists;
import dev.madang.domain.waitlist.TellingWaitlists;
import dev.madang.domain.waitlist.WaitlistSubscription;
import dev.madang.domain.waitlist.WatchingFreedSeats;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The waitlist acceptance on the real adapters (dynalite, ElasticMQ read with the SDK): 100 fans wait for grade R;
 * 10 R seats come back (holds released, seen by the refresher's next snapshot) → only the front of the line, parties
 * adding up to twice the seats freed, get a message on the notification queue, in line order; a fan who cancelled
 * and the fans waiting for another grade get none; the next release tells the next group.
 */
class WaitlistAlertsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static LocalAws aws;
    static DynamoCatalog catalog;
    static SeatClaims claims;
    static DynamoWaitlists waitlists;
    static String queue;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"), aws.tableName("SeatsTable"));
        claims = new DynamoBooking(aws.dynamo(), aws.tableName("SeatsTable")).seatClaims();
        waitlists = new DynamoWaitlists(aws.dynamo(), aws.tableName("AlertsTable"));
        queue = aws.queueUrl("NotificationQueue");
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    /** A round on sale: section A (30 seats, grade R), section B (10 seats, grade S). */
    static Round roundOnSale() {
        Ids ids = new Ids(Clock.systemUTC());
        List<Seat> a = new ArrayList<>();
        List<Seat> b = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            a.add(new Seat(Seat.idOf("A", "1", n), "A", "1", n, n * 10, 10));
        }
        for (int n = 1; n <= 10; n++) {
            b.add(new Seat(Seat.idOf("B", "1", n), "B", "1", n, n * 10, 50));
        }
        String venue = new ManagingVenues(catalog.venues(), ids).register("Hall", null,
                List.of(new Section("A", "A", a), new Section("B", "B", b))).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails("Wait",
                Genre.MUSICAL, List.of(), 90, 0, null, null)).id();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, Clock.systemUTC())
                .schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(30)),
                                Instant.now().minusSeconds(60), 4, List.of(new GradePrice("R", 99_000),
                                        new GradePrice("S", 77_000))),
                        Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "R"),
                                "B", new SectionPlan(BookingMode.SEAT_SELECTION, "S")));
    }

    @Test
    void ten_seats_freed_tell_the_first_twenty_of_a_hundred_in_order_and_nobody_else() throws Exception {
        Round round = roundOnSale();
        SeatLayout layout = catalog.venues().layout(round.venueId(), round.layoutVersion()).orElseThrow();
        // one millisecond apart, so the line's order is the order of subscribing
        ManualClock clock = ManualClock.at(Instant.now());
        SubscribingToWaitlists subscribing = new SubscribingToWaitlists(catalog.rounds(), waitlists, new Ids(clock),
                clock);
        WaitlistSubscription quitter = subscribing.subscribe("fan-quitter", round.id(), "R", 1);
        clock.advance(Duration.ofMillis(1));
        List<WaitlistSubscription> line = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            line.add(subscribing.subscribe("fan-" + i, round.id(), "R", 1));
            clock.advance(Duration.ofMillis(1));
        }
        subscribing.subscribe("fan-s", round.id(), "S", 1);
        subscribing.cancel("fan-quitter", quitter.id());
        assertThatThrownBy(() -> subscribing.subscribe("fan-0", round.id(), "R", 2))
                .isInstanceOf(DomainException.class).hasMessageContaining("already");

        TellingWaitlists telling = new TellingWaitlists(waitlists, new SqsAlerts(aws.sqs(), queue), Clock.systemUTC());
        WatchingFreedSeats watched = new WatchingFreedSeats(catalog.seatMapSnapshots(), new CachedCatalog(
                catalog.rounds(), catalog.venues(), Clock.systemUTC(), Duration.ofSeconds(10), Runnable::run), telling);
        RefreshingSeatMaps refresher = new RefreshingSeatMaps(catalog.performances(), catalog.rounds(),
                catalog.venues(), catalog.seatInventory(), watched, Clock.systemUTC());

        // 15 seats of A held by someone (and one of B): the snapshot shows them taken, nobody is told
        for (int n = 0; n < 15; n++) {
            assertThat(claims.claim(round.id(), layout.seats().get(n), "hold-x", "someone", Instant.now(),
                    Instant.now().plusSeconds(600))).isTrue();
        }
        refresher.refresh(List.of(round));
        refresher.refresh(List.of(round));
        assertThat(drain()).isEmpty();

        // 10 of them come back: the front twenty (twice the seats, parties of one) are told, in line order
        for (int n = 0; n < 10; n++) {
            claims.release(round.id(), layout.seats().get(n), "hold-x");
        }
        refresher.refresh(List.of(round));
        List<JsonNode> told = drain();
        // a standard queue delivers in no set order; the line below shows who went first
        assertThat(told).extracting(m -> m.get("accountId").asText())
                .containsExactlyInAnyOrderElementsOf(line.subList(0, 20).stream().map(WaitlistSubscription::accountId).toList());
        assertThat(told).allSatisfy(m -> {
            assertThat(m.get("type").asText()).isEqualTo("WAITLIST_SEATS_FREED");
            assertThat(m.get("roundId").asText()).isEqualTo(round.id());
            assertThat(m.get("grade").asText()).isEqualTo("R");
            assertThat(m.get("partySize").asInt()).isEqualTo(1);
            assertThat(m.get("releaseId").asText()).startsWith(round.id() + "@");
            assertThat(m.has("email")).isFalse();
        });
        // the told moved to the end of the line, in the same order
        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            var page = waitlists.line(round.id(), "R", 7, cursor);
            page.items().forEach(s -> order.add(s.accountId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(order).hasSize(100);
        assertThat(order.subList(0, 80)).containsExactlyElementsOf(
                line.subList(20, 100).stream().map(WaitlistSubscription::accountId).toList());
        assertThat(order.subList(80, 100)).containsExactlyElementsOf(
                line.subList(0, 20).stream().map(WaitlistSubscription::accountId).toList());

        // the same snapshot again frees nothing; five more seats tell the next ten
        refresher.refresh(List.of(round));
        assertThat(drain()).isEmpty();
        for (int n = 10; n < 15; n++) {
            claims.release(round.id(), layout.seats().get(n), "hold-x");
        }
        refresher.refresh(List.of(round));
        assertThat(drain()).extracting(m -> m.get("accountId").asText())
                .containsExactlyInAnyOrderElementsOf(line.subList(20, 30).stream().map(WaitlistSubscription::accountId).toList());
    }

    @Test
    void a_release_told_twice_tells_nobody_twice_and_parties_larger_than_the_seats_keep_their_place() throws Exception {
        Round round = roundOnSale();
        ManualClock clock = ManualClock.at(Instant.now());
        SubscribingToWaitlists subscribing = new SubscribingToWaitlists(catalog.rounds(), waitlists, new Ids(clock),
                clock);
        subscribing.subscribe("big", round.id(), "R", 4);
        clock.advance(Duration.ofMillis(1));
        subscribing.subscribe("pair", round.id(), "R", 2);
        TellingWaitlists telling = new TellingWaitlists(waitlists, new SqsAlerts(aws.sqs(), queue), Clock.systemUTC());

        assertThat(telling.seatsFreed(round.id(), Map.of("R", 2), "release-1")).isEqualTo(1);
        assertThat(telling.seatsFreed(round.id(), Map.of("R", 2), "release-1")).isZero();
        assertThat(drain()).extracting(m -> m.get("accountId").asText()).containsExactly("pair");
        assertThat(waitlists.line(round.id(), "R", 10, null).items()).extracting(WaitlistSubscription::accountId)
                .containsExactly("big", "pair");
    }

    @Test
    void a_lotterys_leftovers_tell_the_front_of_their_grade_once_the_lottery_releases_its_sections() throws Exception {
        Ids ids = new Ids(Clock.systemUTC());
        List<Seat> c = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            c.add(new Seat(Seat.idOf("C", "1", n), "C", "1", n, n * 10, 10));
        }
        String venue = new ManagingVenues(catalog.venues(), ids).register("Lottery hall", null,
                List.of(new Section("C", "C", c))).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails("Draw",
                Genre.CONCERT, List.of(), 90, 0, null, null)).id();
        Round round = new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids,
                Clock.systemUTC()).schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(30)),
                        Instant.now().minusSeconds(60), 4, List.of(new GradePrice("S", 55_000))),
                Map.of("C", new SectionPlan(BookingMode.LOTTERY, "S")));
        new SubscribingToWaitlists(catalog.rounds(), waitlists, ids, Clock.systemUTC())
                .subscribe("leftover-fan", round.id(), "S", 1);
        TellingWaitlists telling = new TellingWaitlists(waitlists, new SqsAlerts(aws.sqs(), queue), Clock.systemUTC());
        // a round cache that reads the round again on every refresh, so the release shows on the next one
        WatchingFreedSeats watched = new WatchingFreedSeats(catalog.seatMapSnapshots(), new CachedCatalog(
                catalog.rounds(), catalog.venues(), Clock.systemUTC(), Duration.ZERO, Runnable::run), telling);
        RefreshingSeatMaps refresher = new RefreshingSeatMaps(catalog.performances(), catalog.rounds(),
                catalog.venues(), catalog.seatInventory(), watched, Clock.systemUTC());
        refresher.refresh(List.of(round));
        refresher.refresh(List.of(round));
        assertThat(drain()).isEmpty(); // free, but sold by draw: nothing to book yet

        Round stored = catalog.rounds().find(round.id()).orElseThrow();
        catalog.rounds().update(stored.withLotteryReleased(), stored.version());
        refresher.refresh(List.of(round)); // the cache reloads the round behind this pass
        refresher.refresh(List.of(round));
        assertThat(drain()).extracting(m -> m.get("accountId").asText()).containsExactly("leftover-fan");
    }

    static List<JsonNode> drain() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            List<Message> batch = aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return out;
            }
            for (Message m : batch) {
                out.add(JSON.readTree(m.body()));
                aws.sqs().deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
    }
}
