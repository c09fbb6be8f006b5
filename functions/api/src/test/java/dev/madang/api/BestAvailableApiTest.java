package dev.madang.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** POST /v1/holds/best-available over HTTP, on the local stack. */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class BestAvailableApiTest {

    /** A round on sale of a 3-section venue (2 rows of 6 each): A by seat selection, B best available, C lottery. */
    static String roundOnSale() {
        String venue = CatalogApiTest.createVenue(Layouts.grid(3, 2, 6));
        String perf = CatalogApiTest.createPerformance("자동 배정 테스트", "MUSICAL");
        Map<String, Object> body = new LinkedHashMap<>(CatalogApiTest.roundBody(venue, CatalogApiTest.NEXT_MONTH, 3));
        body.put("saleOpensAt", OffsetDateTime.now().minusHours(1).toString());
        body.put("sections", Map.of("A", Map.of("mode", "SEAT_SELECTION", "grade", "VIP"),
                "B", Map.of("mode", "BEST_AVAILABLE", "grade", "R"),
                "C", Map.of("mode", "LOTTERY", "grade", "R")));
        return CatalogApiTest.admin().body(body).post("/v1/admin/performances/" + perf + "/rounds").then()
                .statusCode(201).extract().path("id");
    }

    static Map<String, Object> ask(String round, String section, String grade, Object partySize) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("roundId", round);
        if (section != null) {
            body.put("sectionId", section);
        }
        if (grade != null) {
            body.put("grade", grade);
        }
        body.put("partySize", partySize);
        return body;
    }

    @Test
    void a_fan_gets_adjacent_seats_and_a_repeat_with_the_key_gets_the_same_hold() {
        String round = roundOnSale();
        ExtractableResponse<Response> held = HoldsApiTest.fan("best-a").header("Idempotency-Key", "b-1")
                .body(ask(round, "B", null, 3)).post("/v1/holds/best-available").then().statusCode(201)
                .header("Location", notNullValue()).body("together", equalTo(true)).body("status", equalTo("HELD"))
                .body("seats", hasSize(3)).body("amount", equalTo(3 * 140000)).extract();
        List<String> seats = held.path("seats.seatId");
        // front row, the middle three of six: 2-3-4 or 3-4-5 (the best blocks are shuffled a little)
        assertThat(seats).isIn(List.of("B-1-2", "B-1-3", "B-1-4"), List.of("B-1-3", "B-1-4", "B-1-5"),
                List.of("B-1-1", "B-1-2", "B-1-3"), List.of("B-1-4", "B-1-5", "B-1-6"));
        String holdId = held.path("holdId");

        HoldsApiTest.fan("best-a").header("Idempotency-Key", "b-1").body(ask(round, "B", null, 3))
                .post("/v1/holds/best-available").then().statusCode(201).body("holdId", equalTo(holdId));
        HoldsApiTest.fan("best-a").get("/v1/holds/" + holdId).then().statusCode(200).body("seats", hasSize(3));
        // by grade: R is sold by best available only in section B
        HoldsApiTest.fan("best-b").body(ask(round, null, "R", 2)).post("/v1/holds/best-available").then()
                .statusCode(201).body("seats.sectionId", equalTo(List.of("B", "B")));
    }

    @Test
    void bad_best_available_requests_are_problems() {
        String round = roundOnSale();
        CatalogApiTest.problem(given().contentType(ContentType.JSON).body(ask(round, "B", null, 2))
                .post("/v1/holds/best-available").then(), 401);
        CatalogApiTest.problem(given().auth().oauth2(TestTokens.unverifiedFan("best-unverified"))
                .contentType(ContentType.JSON).body(ask(round, "B", null, 2)).post("/v1/holds/best-available").then(), 403)
                .body("type", equalTo("https://madang.dev/problems/identity-verification-required"));
        for (Object party : new Object[] {0, 11, -1}) {
            CatalogApiTest.problem(HoldsApiTest.fan("best-x").body(ask(round, "B", null, party))
                    .post("/v1/holds/best-available").then(), 400);
        }
        CatalogApiTest.problem(HoldsApiTest.fan("best-x").body(ask(round, "B", "R", 2))
                .post("/v1/holds/best-available").then(), 400);
        CatalogApiTest.problem(HoldsApiTest.fan("best-x").body(ask(round, null, null, 2))
                .post("/v1/holds/best-available").then(), 400);
        CatalogApiTest.problem(HoldsApiTest.fan("best-x").body(ask(round, "A", null, 2))
                .post("/v1/holds/best-available").then(), 422)
                .body("type", equalTo("https://madang.dev/problems/not-best-available"));
        CatalogApiTest.problem(HoldsApiTest.fan("best-x").body(ask(round, "C", null, 2))
                .post("/v1/holds/best-available").then(), 422);
        CatalogApiTest.problem(HoldsApiTest.fan("best-x").body(ask(round, "B", null, 5))
                .post("/v1/holds/best-available").then(), 422);
        // seats of a best-available section cannot be picked by hand
        CatalogApiTest.problem(HoldsApiTest.fan("best-x").body(Map.of("roundId", round, "seatIds", List.of("B-1-1")))
                .post("/v1/holds").then(), 422);
        // nothing above held a seat: B's front row still has four side by side for someone else
        HoldsApiTest.fan("best-y").body(ask(round, "B", null, 4)).post("/v1/holds/best-available").then()
                .statusCode(201).body("together", equalTo(true)).body("seats", hasSize(4))
                .body("seats.seatId[0]", org.hamcrest.Matchers.startsWith("B-1-"));
    }
}
