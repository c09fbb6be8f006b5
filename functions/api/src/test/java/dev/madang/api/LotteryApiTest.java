package dev.madang.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Lottery entries over HTTP: an organiser opens a round's lottery, fans enter, change, withdraw and list their
 * entries; every bad request is a problem and writes nothing (counted on the lottery table itself).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class LotteryApiTest {

    static final String TYPE = "https://madang.dev/problems/";
    static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.ofHours(9));

    static RequestSpecification fan(String who) {
        return given().auth().oauth2(TestTokens.fan(who)).contentType(ContentType.JSON);
    }

    static Map<String, Object> settings(OffsetDateTime opens, OffsetDateTime closes, OffsetDateTime pay, int redraws) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entriesOpenAt", opens.toString());
        body.put("entriesCloseAt", closes.toString());
        body.put("paymentDeadline", pay.toString());
        body.put("redraws", redraws);
        return body;
    }

    /** A round (A: seat selection, B: lottery, per-person limit 4) whose lottery takes entries now. */
    static String lotteryOpenNow() {
        String round = HoldsApiTest.roundOnSale(true);
        CatalogApiTest.admin().body(settings(NOW.minusMinutes(1), NOW.plusDays(2), NOW.plusDays(4), 1))
                .put("/v1/admin/rounds/" + round + "/lottery").then().statusCode(200)
                .body("redraws", equalTo(1)).body("entries", equalTo(0));
        return round;
    }

    static ValidatableResponse problem(ValidatableResponse r, int status, String type) {
        return CatalogApiTest.problem(r, status).body("type", equalTo(TYPE + type));
    }

    /** Items of the lottery table that belong to the round (a test-only scan of the local table). */
    static long itemsOf(String round) {
        String table = LocalAwsResource.aws.tableName("LotteryTable");
        return LocalAwsResource.aws.dynamo().scanPaginator(r -> r.tableName(table)).items().stream()
                .filter(i -> i.get("pk").s().contains(round)).count();
    }

    static String entries(String round) {
        return "/v1/rounds/" + round + "/lottery/entries";
    }

    @Test
    void an_organiser_opens_a_lottery_and_fans_enter_change_withdraw_and_list() {
        String round = lotteryOpenNow();
        String entryId = fan("lot-a").body(Map.of("sectionId", "B", "partySize", 2)).post(entries(round)).then()
                .statusCode(201).body("entryId", notNullValue()).body("state", equalTo("ENTERED"))
                .body("sectionId", equalTo("B")).body("partySize", equalTo(2)).extract().path("entryId");
        assertThat(entryId).hasSize(26).doesNotContain("lot-a");
        fan("lot-b").body(Map.of("sectionId", "B", "partySize", 1)).post(entries(round)).then().statusCode(201)
                .body("entryId", not(equalTo(entryId)));
        CatalogApiTest.admin().get("/v1/admin/rounds/" + round + "/lottery").then().statusCode(200)
                .body("entries", equalTo(2)).body("entryCounts.B.2", equalTo(1)).body("entryCounts.B.1", equalTo(1));

        fan("lot-a").body(Map.of("sectionId", "B", "partySize", 4)).put(entries(round) + "/mine").then()
                .statusCode(200).body("entryId", equalTo(entryId)).body("partySize", equalTo(4));
        fan("lot-a").get("/v1/me/lottery-entries").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].entryId", equalTo(entryId)).body("items[0].roundId", equalTo(round))
                .body("items[0].partySize", equalTo(4)).body("items[0].state", equalTo("ENTERED"));
        CatalogApiTest.admin().get("/v1/admin/rounds/" + round + "/lottery").then().statusCode(200)
                .body("entryCounts.B.4", equalTo(1)).body("entryCounts.B.2", equalTo(null));

        fan("lot-a").delete(entries(round) + "/mine").then().statusCode(204);
        fan("lot-a").get("/v1/me/lottery-entries").then().statusCode(200).body("items", hasSize(0));
        problem(fan("lot-a").delete(entries(round) + "/mine").then(), 404, "not-found");
        CatalogApiTest.admin().get("/v1/admin/rounds/" + round + "/lottery").then().body("entries", equalTo(1));
        assertThat(itemsOf(round)).isEqualTo(3); // settings + lot-b's claim and entry
    }

    @Test
    void bad_entries_are_problems_and_write_nothing() {
        String round = lotteryOpenNow();
        fan("lot-x").body(Map.of("sectionId", "B", "partySize", 1)).post(entries(round)).then().statusCode(201);
        long before = itemsOf(round);

        problem(given().auth().oauth2(TestTokens.unverifiedFan("lot-u")).contentType(ContentType.JSON)
                .body(Map.of("sectionId", "B", "partySize", 1)).post(entries(round)).then(), 403,
                "identity-verification-required");
        problem(fan("lot-y").body(Map.of("sectionId", "A", "partySize", 1)).post(entries(round)).then(), 422,
                "not-a-lottery-section");
        problem(fan("lot-y").body(Map.of("sectionId", "B", "partySize", 0)).post(entries(round)).then(), 422,
                "per-person-limit");
        problem(fan("lot-y").body(Map.of("sectionId", "B", "partySize", 5)).post(entries(round)).then(), 422,
                "per-person-limit");
        problem(fan("lot-y").body(Map.of("sectionId", "B", "partySize", 1))
                .post(entries("01HZZZZZZZZZZZZZZZZZZZZZZZ")).then(), 404, "not-found");
        problem(fan("lot-y").body(Map.of("sectionId", "B")).post(entries(round)).then(), 400, "invalid-request");
        problem(fan("lot-x").body(Map.of("sectionId", "B", "partySize", 2)).post(entries(round)).then(), 409,
                "already-entered");
        given().contentType(ContentType.JSON).body(Map.of("sectionId", "B", "partySize", 1)).post(entries(round))
                .then().statusCode(401);
        problem(fan("lot-y").body(Map.of("sectionId", "B", "partySize", 1)).put(entries(round) + "/mine").then(),
                404, "not-found");
        problem(fan("lot-x").body(Map.of("sectionId", "A", "partySize", 1)).put(entries(round) + "/mine").then(),
                422, "not-a-lottery-section");

        assertThat(itemsOf(round)).isEqualTo(before);
        CatalogApiTest.admin().get("/v1/admin/rounds/" + round + "/lottery").then().body("entries", equalTo(1));
        fan("lot-y").get("/v1/me/lottery-entries").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void entries_before_open_are_closed_and_the_settings_change_until_then() {
        String round = HoldsApiTest.roundOnSale(true);
        String path = "/v1/admin/rounds/" + round + "/lottery";
        CatalogApiTest.admin().body(settings(NOW.plusHours(1), NOW.plusDays(2), NOW.plusDays(4), 0)).put(path).then()
                .statusCode(200);
        CatalogApiTest.admin().body(settings(NOW.plusHours(2), NOW.plusDays(2), NOW.plusDays(4), 3)).put(path).then()
                .statusCode(200).body("redraws", equalTo(3));
        problem(fan("lot-z").body(Map.of("sectionId", "B", "partySize", 1)).post(entries(round)).then(), 422,
                "entries-closed");
        assertThat(itemsOf(round)).isEqualTo(1);
        // a round with no lottery yet takes no entries either
        String none = HoldsApiTest.roundOnSale(true);
        problem(fan("lot-z").body(Map.of("sectionId", "B", "partySize", 1)).post(entries(none)).then(), 422,
                "entries-closed");
        assertThat(itemsOf(none)).isZero();
    }

    @Test
    void bad_lottery_settings_are_problems_and_write_nothing() {
        String round = lotteryOpenNow();
        String path = "/v1/admin/rounds/" + round + "/lottery";
        problem(CatalogApiTest.admin().body(settings(NOW.plusHours(1), NOW.plusDays(2), NOW.plusDays(4), 0))
                .put(path).then(), 422, "lottery-locked");
        CatalogApiTest.admin().get(path).then().body("redraws", equalTo(1));

        String fresh = HoldsApiTest.roundOnSale(true);
        String freshPath = "/v1/admin/rounds/" + fresh + "/lottery";
        problem(CatalogApiTest.admin().body(settings(NOW.plusDays(2), NOW.plusDays(1), NOW.plusDays(4), 0))
                .put(freshPath).then(), 422, "invalid-lottery-schedule");
        problem(CatalogApiTest.admin().body(settings(NOW.plusHours(1), NOW.plusDays(5), NOW.plusDays(4), 0))
                .put(freshPath).then(), 422, "invalid-lottery-schedule");
        problem(CatalogApiTest.admin().body(settings(NOW.plusHours(1), NOW.plusDays(2), NOW.plusDays(60), 0))
                .put(freshPath).then(), 422, "invalid-lottery-schedule");
        problem(CatalogApiTest.admin().body(settings(NOW.plusHours(1), NOW.plusDays(2), NOW.plusDays(4), 4))
                .put(freshPath).then(), 422, "invalid-lottery-schedule");
        problem(CatalogApiTest.admin().body(Map.of("entriesOpenAt", NOW.toString())).put(freshPath).then(), 400,
                "invalid-request");
        problem(fan("lot-admin?").body(settings(NOW.plusHours(1), NOW.plusDays(2), NOW.plusDays(4), 0))
                .put(freshPath).then(), 403, "forbidden");
        problem(CatalogApiTest.admin().body(settings(NOW.plusHours(1), NOW.plusDays(2), NOW.plusDays(4), 0))
                .put("/v1/admin/rounds/01HZZZZZZZZZZZZZZZZZZZZZZZ/lottery").then(), 404, "not-found");
        problem(CatalogApiTest.admin().get(freshPath).then(), 404, "not-found");
        assertThat(itemsOf(fresh)).isZero();

        // a round with no lottery section
        String venue = CatalogApiTest.createVenue(Layouts.grid(2, 1, 6));
        String perf = CatalogApiTest.createPerformance("추첨 없음", "MUSICAL");
        String plain = CatalogApiTest.admin().body(CatalogApiTest.roundBody(venue, CatalogApiTest.NEXT_MONTH, 2))
                .post("/v1/admin/performances/" + perf + "/rounds").then().statusCode(201).extract().path("id");
        problem(CatalogApiTest.admin().body(settings(NOW.plusHours(1), NOW.plusDays(2), NOW.plusDays(4), 0))
                .put("/v1/admin/rounds/" + plain + "/lottery").then(), 422, "no-lottery-section");
        assertThat(itemsOf(plain)).isZero();
    }

    @Test
    void opening_a_lottery_starts_its_draw_and_anyone_reads_the_published_result() {
        String round = lotteryOpenNow();
        // the draw waits in Step Functions for the entries to close, under the name of the round and its close time
        String machine = LocalAwsResource.aws.stateMachineArn("LotteryStateMachine");
        String name = "lottery-" + round + "-" + NOW.plusDays(2).toInstant().getEpochSecond();
        var execution = LocalAwsResource.aws.sfn().describeExecution(b -> b.executionArn(
                machine.replace(":stateMachine:", ":execution:") + ":" + name));
        assertThat(execution.name()).isEqualTo(name);
        assertThat(execution.input()).contains("\"roundId\":\"" + round + "\"");

        // before any draw: no commitment, nothing revealed; no token needed
        given().get("/v1/rounds/" + round + "/lottery/result").then().statusCode(200)
                .body("roundId", equalTo(round)).body("revealed", equalTo(false))
                .body("draws", org.hamcrest.Matchers.hasSize(0));
        problem(given().get("/v1/rounds/01HZZZZZZZZZZZZZZZZZZZZZZZ/lottery/result").then(), 404, "not-found");
    }

    @Test
    void draw_now_closes_the_entries_at_once_and_is_harmless_to_repeat() {
        String round = lotteryOpenNow();
        fan("lot-now").body(Map.of("sectionId", "B", "partySize", 2)).post(entries(round)).then().statusCode(201);
        String draw = "/v1/admin/rounds/" + round + "/lottery/draw";
        problem(fan("lot-now").post(draw).then(), 403, "forbidden");
        given().post(draw).then().statusCode(401);
        CatalogApiTest.admin().post(draw).then().statusCode(202).body("roundId", equalTo(round))
                .body("entries", equalTo(1));
        problem(fan("lot-late").body(Map.of("sectionId", "B", "partySize", 1)).post(entries(round)).then(), 422,
                "entries-closed");
        problem(fan("lot-now").delete(entries(round) + "/mine").then(), 422, "entries-closed");
        CatalogApiTest.admin().post(draw).then().statusCode(202).body("entries", equalTo(1));

        // nothing to draw before entries open, and no lottery no draw: each writes nothing
        String later = HoldsApiTest.roundOnSale(true);
        CatalogApiTest.admin().body(settings(NOW.plusHours(1), NOW.plusDays(2), NOW.plusDays(4), 0))
                .put("/v1/admin/rounds/" + later + "/lottery").then().statusCode(200);
        long before = itemsOf(later);
        problem(CatalogApiTest.admin().post("/v1/admin/rounds/" + later + "/lottery/draw").then(), 422,
                "entries-not-open");
        assertThat(itemsOf(later)).isEqualTo(before);
        problem(CatalogApiTest.admin().post("/v1/admin/rounds/" + HoldsApiTest.roundOnSale(true) + "/lottery/draw")
                .then(), 404, "not-found");
        problem(CatalogApiTest.admin().post("/v1/admin/rounds/not-an-id/lottery/draw").then(), 400, "invalid-request");
    }

    @Test
    void the_organiser_pages_through_a_sections_offers_and_bad_queries_are_problems() {
        String round = lotteryOpenNow();
        String offers = "/v1/admin/rounds/" + round + "/lottery/offers";
        // nothing drawn yet: an empty page
        CatalogApiTest.admin().queryParam("sectionId", "B").get(offers).then().statusCode(200)
                .body("items", hasSize(0));
        problem(fan("lot-o").queryParam("sectionId", "B").get(offers).then(), 403, "forbidden");
        problem(CatalogApiTest.admin().get(offers).then(), 400, "invalid-request");
        problem(CatalogApiTest.admin().queryParam("sectionId", "B").queryParam("limit", "0").get(offers).then(), 400,
                "invalid-request");
        problem(CatalogApiTest.admin().queryParam("sectionId", "B").queryParam("limit", "ten").get(offers).then(),
                400, "invalid-request");
        problem(CatalogApiTest.admin().queryParam("sectionId", "B").queryParam("cursor", "x' OR 1=1").get(offers)
                .then(), 400, "invalid-request");
        problem(CatalogApiTest.admin().queryParam("sectionId", "B")
                .get("/v1/admin/rounds/" + HoldsApiTest.roundOnSale(true) + "/lottery/offers").then(), 404,
                "not-found");
    }
}

