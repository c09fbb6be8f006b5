package dev.madang.api;

import dev.madang.aws.pricing.TimeSaleWiring;
import dev.madang.domain.pricing.RunningTimeSales;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.TossSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Time sales over HTTP with the real job: an organiser sets one, the job (run twice) starts it once and, past its end,
 * ends it once; the round shows the current and the original price; a hold made before the change pays its own price.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
public class TimeSalesApiTest {

    static RequestSpecification as(String fan) {
        return given().auth().oauth2(TestTokens.fan(fan)).contentType(ContentType.JSON);
    }

    @BeforeEach
    void webhooksReachThisApi() {
        LocalAwsResource.toss.webhookUrl(URI.create("http://localhost:" + RestAssured.port + "/v1/hooks/toss"));
    }

    /** The time-sale job as the worker runs it, on the tests' local stack, at {@code now}. */
    public static RunningTimeSales.Run job(Instant now) {
        LocalAws aws = LocalAwsResource.aws();
        return TimeSaleWiring.running(aws.dynamo(), aws.tableName("CatalogTable"), aws.tableName("SeatsTable"),
                Clock.fixed(now, ZoneOffset.UTC)).run();
    }

    static Map<String, Object> vip(String roundId) {
        List<Map<String, Object>> grades = given().get("/v1/rounds/" + roundId).then().statusCode(200)
                .extract().path("grades");
        return grades.stream().filter(g -> "VIP".equals(g.get("grade"))).findFirst().orElseThrow();
    }

    /** A sale on the round's VIP grade: under 60 % taken 60 days before, 20 % off until 1 day before. */
    static void setSale(String roundId) {
        CatalogApiTest.admin().body(Map.of("grade", "VIP", "soldBelowPercent", 60, "startDaysBefore", 60,
                        "discountPercent", 20, "endDaysBefore", 1))
                .post("/v1/admin/rounds/" + roundId + "/time-sales").then().statusCode(201)
                .body("status", equalTo("SCHEDULED"));
    }

    @Test
    void a_time_sale_starts_and_ends_once_on_schedule_and_a_hold_keeps_its_price_through_payment() {
        String roundId = TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH);
        // held before the sale: 170,000
        String early = as("ts-early").body(Map.of("roundId", roundId, "seatIds", List.of("A-1-1"))).post("/v1/holds")
                .then().statusCode(201).body("amount", equalTo(170000)).extract().path("holdId");
        setSale(roundId);
        CatalogApiTest.problem(CatalogApiTest.admin().body(Map.of("grade", "VIP", "soldBelowPercent", 60,
                        "startDaysBefore", 60, "discountPercent", 20, "endDaysBefore", 1))
                .post("/v1/admin/rounds/" + roundId + "/time-sales").then(), 409).body("type", endsWith("time-sale-exists"));

        // the job, twice: the sale starts once (0 of 6 taken is under 60 %)
        Instant now = Instant.now();
        assertThat(job(now).started()).isGreaterThanOrEqualTo(1);
        assertThat(job(now.plusSeconds(1)).started()).isZero();
        CatalogApiTest.admin().get("/v1/admin/rounds/" + roundId + "/time-sales").then().statusCode(200)
                .body("sales[0].status", equalTo("ACTIVE")).body("history", hasSize(1))
                .body("history[0].from", equalTo(170000)).body("history[0].to", equalTo(136000));
        await().atMost(Duration.ofSeconds(5)).until(() -> ((Number) vip(roundId).get("price")).longValue() == 136000);
        assertThat(((Number) vip(roundId).get("originalPrice")).longValue()).isEqualTo(170000);

        // a hold made now gets the sale price once the hold path's catalog cache (10 s) has the new round
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Map<String, Object> hold = as("ts-late").body(Map.of("roundId", roundId, "seatIds", List.of("A-1-2")))
                    .post("/v1/holds").then().statusCode(201).extract().as(Map.class);
            as("ts-late").delete("/v1/holds/" + hold.get("holdId")).then().statusCode(204);
            return ((Number) hold.get("amount")).longValue() == 136000;
        });

        // the early hold pays what it was held at
        String orderId = as("ts-early").body(Map.of("holdId", early, "method", "CARD")).post("/v1/orders").then()
                .statusCode(201).body("amount", equalTo(170000)).extract().path("orderId");
        String key = LocalAwsResource.toss.authorize(orderId, 170000, TossSandbox.PayMethod.CARD);
        as("ts-early").body(Map.of("paymentKey", key, "amount", 170000)).post("/v1/orders/" + orderId + "/payment")
                .then().statusCode(200).body("status", equalTo("PAID")).body("tickets[0].price", equalTo(170000));

        // a day before the show the sale ends, once: the original price is back
        Instant pastEnd = CatalogApiTest.NEXT_MONTH.toInstant().minus(Duration.ofDays(1)).plusSeconds(60);
        assertThat(job(pastEnd).ended()).isGreaterThanOrEqualTo(1);
        assertThat(job(pastEnd.plusSeconds(1)).ended()).isZero();
        CatalogApiTest.admin().get("/v1/admin/rounds/" + roundId + "/time-sales").then().statusCode(200)
                .body("sales[0].status", equalTo("ENDED")).body("history", hasSize(2))
                .body("history[1].from", equalTo(136000)).body("history[1].to", equalTo(170000));
        await().atMost(Duration.ofSeconds(5)).until(() -> ((Number) vip(roundId).get("price")).longValue() == 170000);
        given().get("/v1/rounds/" + roundId).then().body("grades.find { it.grade == 'VIP' }.originalPrice", nullValue());
    }

    @Test
    void a_sale_waits_for_the_round_to_open_even_inside_its_window() {
        String roundId = TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH); // its sale opened an hour ago
        setSale(roundId); // its window opened 60 days before the show, a month ago

        job(Instant.now().minus(Duration.ofHours(2)));
        CatalogApiTest.admin().get("/v1/admin/rounds/" + roundId + "/time-sales").then().statusCode(200)
                .body("sales[0].status", equalTo("SCHEDULED")).body("history", hasSize(0));
        assertThat(((Number) vip(roundId).get("price")).longValue()).isEqualTo(170000);

        job(Instant.now());
        CatalogApiTest.admin().get("/v1/admin/rounds/" + roundId + "/time-sales").then().statusCode(200)
                .body("sales[0].status", equalTo("ACTIVE")).body("history[0].to", equalTo(136000));
    }

    @Test
    void a_sale_whose_window_passed_unseen_is_skipped_and_bad_sales_are_refused() {
        String roundId = TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH);
        setSale(roundId);
        Instant pastEnd = CatalogApiTest.NEXT_MONTH.toInstant().minus(Duration.ofHours(1));
        assertThat(job(pastEnd).skipped()).isGreaterThanOrEqualTo(1);
        CatalogApiTest.admin().get("/v1/admin/rounds/" + roundId + "/time-sales").then().statusCode(200)
                .body("sales[0].status", equalTo("SKIPPED")).body("history", hasSize(0));
        assertThat(((Number) vip(roundId).get("price")).longValue()).isEqualTo(170000);

        CatalogApiTest.problem(CatalogApiTest.admin().body(Map.of("grade", "S", "soldBelowPercent", 60,
                "startDaysBefore", 7, "discountPercent", 20, "endDaysBefore", 2))
                .post("/v1/admin/rounds/" + roundId + "/time-sales").then(), 400).body("errors[0].field", equalTo("grade"));
        CatalogApiTest.problem(CatalogApiTest.admin().body(Map.of("grade", "VIP", "soldBelowPercent", 60,
                "startDaysBefore", 2, "discountPercent", 20, "endDaysBefore", 7))
                .post("/v1/admin/rounds/" + roundId + "/time-sales").then(), 400)
                .body("errors[0].field", equalTo("endDaysBefore"));
        CatalogApiTest.problem(as("ts-fan").body(Map.of("grade", "VIP", "soldBelowPercent", 60,
                "startDaysBefore", 7, "discountPercent", 20, "endDaysBefore", 2))
                .post("/v1/admin/rounds/" + roundId + "/time-sales").then(), 403);
        CatalogApiTest.problem(CatalogApiTest.admin().get("/v1/admin/rounds/01J0000000000000000000000Z/time-sales")
                .then(), 404);
    }
}
