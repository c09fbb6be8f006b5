package dev.madang.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class HoldsApiTest {

    static RequestSpecification fan(String who) {
        return given().auth().oauth2(TestTokens.fan(who)).contentType(ContentType.JSON);
    }

    /** A round of a 2-section venue: A by seat selection (on sale now), B by lottery. */
    static String roundOnSale(boolean open) {
        String venue = CatalogApiTest.createVenue(Layouts.grid(2, 1, 6));
        String perf = CatalogApiTest.createPerformance("홀드 테스트", "MUSICAL");
        OffsetDateTime startsAt = CatalogApiTest.NEXT_MONTH;
        Map<String, Object> body = new LinkedHashMap<>(CatalogApiTest.roundBody(venue, startsAt, 2));
        body.put("saleOpensAt", (open ? OffsetDateTime.now().minusHours(1) : OffsetDateTime.now().plusDays(1)).toString());
        body.put("sections", Map.of("A", Map.of("mode", "SEAT_SELECTION", "grade", "VIP"),
                "B", Map.of("mode", "LOTTERY", "grade", "R")));
        return CatalogApiTest.admin().body(body).post("/v1/admin/performances/" + perf + "/rounds").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void a_fan_holds_sees_and_releases_seats() {
        String round = roundOnSale(true);
        String holdId = fan("fan-a").header("Idempotency-Key", "k-1")
                .body(Map.of("roundId", round, "seatIds", List.of("A-1-2", "A-1-1")))
                .post("/v1/holds").then().statusCode(201)
                .body("seats", hasSize(2)).body("amount", equalTo(340000)).body("status", equalTo("HELD"))
                .body("expiresAt", notNullValue()).extract().path("holdId");
        // a double click with the same key answers the same hold
        fan("fan-a").header("Idempotency-Key", "k-1").body(Map.of("roundId", round, "seatIds", List.of("A-1-1", "A-1-2")))
                .post("/v1/holds").then().statusCode(201).body("holdId", equalTo(holdId));
        CatalogApiTest.problem(fan("fan-a").header("Idempotency-Key", "k-1")
                .body(Map.of("roundId", round, "seatIds", List.of("A-1-3"))).post("/v1/holds").then(), 422);
        CatalogApiTest.problem(fan("fan-b").body(Map.of("roundId", round, "seatIds", List.of("A-1-2")))
                .post("/v1/holds").then(), 409);

        fan("fan-a").get("/v1/holds/" + holdId).then().statusCode(200).body("seats.seatId", hasItem("A-1-1"));
        CatalogApiTest.problem(fan("fan-b").get("/v1/holds/" + holdId).then(), 404);
        CatalogApiTest.problem(fan("fan-b").delete("/v1/holds/" + holdId).then(), 404);
        fan("fan-a").delete("/v1/holds/" + holdId).then().statusCode(204);
        CatalogApiTest.problem(fan("fan-a").delete("/v1/holds/" + holdId).then(), 404);
        fan("fan-b").body(Map.of("roundId", round, "seatIds", List.of("A-1-2"))).post("/v1/holds").then().statusCode(201);
    }

    @Test
    void bad_hold_requests_are_problems() {
        String round = roundOnSale(true);
        String closed = roundOnSale(false);
        CatalogApiTest.problem(given().contentType(ContentType.JSON)
                .body(Map.of("roundId", round, "seatIds", List.of("A-1-1"))).post("/v1/holds").then(), 401);
        CatalogApiTest.problem(fan("x").body(Map.of("roundId", round, "seatIds", List.of())).post("/v1/holds").then(), 400);
        CatalogApiTest.problem(fan("x").body(Map.of("roundId", round, "seatIds", List.of("A-1-1", "A-1-1")))
                .post("/v1/holds").then(), 400);
        CatalogApiTest.problem(fan("x").body(Map.of("roundId", "nope", "seatIds", List.of("A-1-1"))).post("/v1/holds").then(), 400);
        CatalogApiTest.problem(fan("x").body("{\"roundId\": ").post("/v1/holds").then(), 400);
        CatalogApiTest.problem(fan("x").body(Map.of("roundId", "01HZZZZZZZZZZZZZZZZZZZZZZZ", "seatIds", List.of("A-1-1")))
                .post("/v1/holds").then(), 404);
        CatalogApiTest.problem(fan("x").body(Map.of("roundId", round, "seatIds", List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5")))
                .post("/v1/holds").then(), 422);
        CatalogApiTest.problem(fan("x").body(Map.of("roundId", round, "seatIds", List.of("Q-1-1"))).post("/v1/holds").then(), 422);
        CatalogApiTest.problem(fan("x").body(Map.of("roundId", round, "seatIds", List.of("B-1-1"))).post("/v1/holds").then(), 422);
        CatalogApiTest.problem(fan("x").body(Map.of("roundId", closed, "seatIds", List.of("A-1-1"))).post("/v1/holds").then(), 422);
        CatalogApiTest.problem(fan("x").get("/v1/holds/not-an-id").then(), 400);
        // nothing above held a seat: all six seats of section A are free for someone else
        fan("y").body(Map.of("roundId", round, "seatIds", List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4")))
                .post("/v1/holds").then().statusCode(201);
    }
}
