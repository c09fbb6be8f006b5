package dev.madang.api;

import dev.madang.api.web.Stage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The seat map split in two: a layout version, kept for good, and the round's seat status, a bit per seat polled with
 * If-None-Match. Statuses come from the snapshot the refresher builds (run here by hand, once per step).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class SeatStatusApiTest {

    @Test
    void a_layout_version_comes_in_layout_order_and_is_kept_for_good() {
        String venue = CatalogApiTest.createVenue(Layouts.grid(2, 3, 4));
        String path = "/v1/venues/" + venue + "/layouts/1";
        ExtractableResponse<Response> layout = given().get(path).then().statusCode(200)
                .body("venueId", equalTo(venue)).body("version", equalTo(1)).body("seatCount", equalTo(24))
                .body("sections.id", contains("A", "B"))
                .body("sections[0].rows.label", contains("1", "2", "3"))
                .body("sections[0].rows[0].numbers", contains(1, 2, 3, 4))
                .body("sections[1].rows[2].x", contains(10_010, 10_020, 10_030, 10_040))
                .body("sections[1].rows[2].y", contains(30, 30, 30, 30))
                .extract();
        assertThat(cacheDirectives(layout)).containsExactlyInAnyOrder("public", "max-age=31536000", "immutable");
        String etag = layout.header("ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

        Response again = given().header("If-None-Match", etag).get(path);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.asByteArray()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);

        CatalogApiTest.problem(given().get("/v1/venues/" + venue + "/layouts/2").then(), 404);
        CatalogApiTest.problem(given().get("/v1/venues/" + venue + "/layouts/one").then(), 400)
                .body("errors[0].field", equalTo("version"));
        CatalogApiTest.problem(given().get("/v1/venues/" + venue + "/layouts/0").then(), 400)
                .body("errors[0].field", equalTo("version"));
        CatalogApiTest.problem(given().get("/v1/venues/not-a-venue/layouts/1").then(), 400)
                .body("errors[0].field", equalTo("venueId"));
    }

    @Test
    void the_seat_status_is_a_bit_per_seat_that_answers_304_until_a_seat_changes() {
        String round = Stage.arenaRoundOnSale("실시간 좌석 " + System.nanoTime());
        Stage.refreshSeatMaps();
        ExtractableResponse<Response> roundDetail = given().get("/v1/rounds/" + round).then().statusCode(200).extract();
        int layoutVersion = roundDetail.path("layoutVersion");
        String venue = roundDetail.path("venueId");
        String path = "/v1/rounds/" + round + "/seat-status";

        ExtractableResponse<Response> first = given().get(path).then().statusCode(200)
                .body("roundId", equalTo(round)).body("seatCount", equalTo(10_400))
                .body("roundVersion", equalTo(((Number) roundDetail.path("version")).intValue()))
                .body("closedSections", contains("J"))
                .extract();
        assertThat(cacheDirectives(first)).containsExactlyInAnyOrder("public", "max-age=1");
        assertThat(first.asByteArray().length).as("the arena's status in bytes").isLessThanOrEqualTo(2048);
        byte[] bits = Base64.getDecoder().decode(first.<String>path("taken"));
        assertThat(bits).hasSize(1300).containsOnly(0);
        String etag = first.header("ETag");

        // unchanged: 304 with no body, for the tag as sent and as an edge that compressed it weakened it
        for (String asked : List.of(etag, "W/" + etag, "\"other\", " + etag)) {
            Response same = given().header("If-None-Match", asked).get(path);
            assertThat(same.statusCode()).as(asked).isEqualTo(304);
            assertThat(same.asByteArray()).isEmpty();
            assertThat(same.header("ETag")).isEqualTo(etag);
        }

        // F1-1-12 is the 12th seat of the layout; E's first seat comes after the four 1,500-seat floor blocks
        Stage.holdAsAnotherFan(round, "F1-1-12");
        Stage.holdAsAnotherFan(round, "E-1-1");
        Stage.refreshSeatMaps();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            Response changed = given().header("If-None-Match", etag).get(path);
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(changed.header("ETag")).isNotEqualTo(etag);
            byte[] now = Base64.getDecoder().decode(changed.<String>path("taken"));
            assertThat(taken(now)).containsExactly(11, 6000);
        });

        // the layout the round names lists those seats at those places
        List<List<Integer>> numbers = given().get("/v1/venues/" + venue + "/layouts/" + layoutVersion).then()
                .statusCode(200).extract().path("sections.rows.numbers[0]");
        assertThat(numbers.get(0).get(11)).isEqualTo(12);
    }

    /**
     * The seat map must not cost a DynamoDB read per viewer: each instance reads a round and its snapshot at most once
     * per freshness period (madang.seat-map.freshness, madang.seat-map.snapshot-freshness), and concurrent requests
     * past it wait on the one read. Counted over HTTP: one watcher for three seconds, then a thousand, each polling
     * every second, until they have made a thousand polls (however slowly this machine serves them).
     */
    @Test
    void a_thousand_watchers_cost_no_more_dynamodb_reads_than_one() throws Exception {
        String round = Stage.arenaRoundOnSale("지켜보는 천 명 " + System.nanoTime());
        Stage.refreshSeatMaps();
        java.net.URI status = java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port + "/v1/rounds/" + round + "/seat-status");

        Watched one = watch(status, 1, 0);
        Watched thousand = watch(status, 1000, 1000);

        System.out.printf("watchers=1 polls=%d ddb_requests=%d in %d ms; watchers=1000 polls=%d ddb_requests=%d in %d ms%n",
                one.polls(), one.requests(), one.millis(), thousand.polls(), thousand.requests(), thousand.millis());
        // the crowd asked at least ten times as often as one watcher does (one poll a second)
        assertThat(thousand.polls()).as("polls by a thousand watchers in %d ms", thousand.millis())
                .isGreaterThanOrEqualTo(10 * thousand.millis() / 1000);
        // two cached reads, the round and its snapshot, each at most once per freshness period of the window and once
        // more: a bound set by time alone
        assertThat(one.requests()).as("DynamoDB requests for one watcher").isLessThanOrEqualTo(bound(one.millis()));
        assertThat(thousand.requests()).as("DynamoDB requests for a thousand watchers")
                .isLessThanOrEqualTo(bound(thousand.millis()));
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "madang.seat-map.freshness")
    java.time.Duration roundFreshness;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "madang.seat-map.snapshot-freshness")
    java.time.Duration snapshotFreshness;

    private long bound(long millis) {
        return millis / roundFreshness.toMillis() + 1 + millis / snapshotFreshness.toMillis() + 1;
    }

    private record Watched(long polls, long requests, long millis) {
    }

    /**
     * Polls made and DynamoDB requests sent (by this JVM) while {@code watchers} watch, for three seconds or until they
     * have made {@code polls} polls (within 60 s), whichever is later.
     */
    private static Watched watch(java.net.URI status, int watchers, long polls) throws InterruptedException {
        try (SeatStatusWatchers watching = new SeatStatusWatchers(status, watchers, java.time.Duration.ofSeconds(1),
                16, (w, bits, at) -> { })) {
            Thread.sleep(1000); // every watcher has asked once (and has its ETag)
            long pollsBefore = watching.notModified() + watching.changed();
            long requestsBefore = DynamoRequests.sent();
            long from = System.nanoTime();
            long minimum = from + 3_000_000_000L;
            long limit = from + 60_000_000_000L;
            long now;
            while ((now = System.nanoTime()) < minimum
                    || (watching.notModified() + watching.changed() - pollsBefore < polls && now < limit)) {
                Thread.sleep(50);
            }
            long requests = DynamoRequests.sent() - requestsBefore;
            long made = watching.notModified() + watching.changed() - pollsBefore;
            long millis = (System.nanoTime() - from) / 1_000_000;
            assertThat(watching.failed()).as("failed polls").isZero();
            return new Watched(made, requests, millis);
        }
    }

    @Test
    void an_unknown_round_has_no_status() {
        CatalogApiTest.problem(given().get("/v1/rounds/01HZZZZZZZZZZZZZZZZZZZZZZZ/seat-status").then(), 404);
        CatalogApiTest.problem(given().get("/v1/rounds/nope/seat-status").then(), 400)
                .body("errors[0].field", equalTo("roundId"));
    }

    /** The directives, however many header lines carry them (the server sends one a line; RFC 9110 §5.3 joins them). */
    private static List<String> cacheDirectives(ExtractableResponse<Response> answer) {
        return answer.headers().getValues("Cache-Control").stream()
                .flatMap(line -> java.util.Arrays.stream(line.split(","))).map(String::strip).toList();
    }

    private static List<Integer> taken(byte[] bits) {
        List<Integer> seats = new java.util.ArrayList<>();
        for (int i = 0; i < bits.length * 8; i++) {
            if ((bits[i >> 3] & (1 << (i & 7))) != 0) {
                seats.add(i);
            }
        }
        return seats;
    }
}
