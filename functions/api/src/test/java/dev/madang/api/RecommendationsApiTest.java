package dev.madang.api;

import dev.madang.domain.common.Ids;
import dev.madang.domain.recommendation.ComputingRecommendations;
import dev.madang.localstack.TossSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Recommendations over HTTP (issue 19): the job computes the lists from the catalog (genre, tags, cast, venues) and the
 * paid orders; a performance's page gets the ones like it, a fan who booked one gets its likes and not what they
 * booked, a fan the job does not know gets what sells; each page costs one DynamoDB request (counted).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class RecommendationsApiTest {

    static String performance(String title, String genre, List<String> tags, List<String> cast) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("genre", genre);
        body.put("tags", tags);
        body.put("cast", cast);
        body.put("runtimeMinutes", 150);
        return CatalogApiTest.admin().body(body).post("/v1/admin/performances").then().statusCode(201).extract()
                .path("id");
    }

    /** A round on sale now, of 1 section of 6 VIP seats at 170,000. */
    static String roundOnSale(String performanceId, String venueId) {
        Map<String, Object> body = new LinkedHashMap<>(CatalogApiTest.roundBody(venueId, CatalogApiTest.NEXT_MONTH, 1));
        body.put("saleOpensAt", OffsetDateTime.now().minusHours(1).toString());
        return CatalogApiTest.admin().body(body).post("/v1/admin/performances/" + performanceId + "/rounds").then()
                .statusCode(201).extract().path("id");
    }

    /** The fan holds, orders and pays for a seat of the round (card, through the Toss sandbox). */
    static void books(String fan, String roundId) {
        String holdId = PaymentsApiTest.as(fan).body(Map.of("roundId", roundId, "seatIds", List.of("A-1-1")))
                .post("/v1/holds").then().statusCode(201).extract().path("holdId");
        String orderId = PaymentsApiTest.as(fan).body(Map.of("holdId", holdId, "method", "CARD")).post("/v1/orders")
                .then().statusCode(201).extract().path("orderId");
        String paymentKey = PaymentsApiTest.toss().authorize(orderId, 170000, TossSandbox.PayMethod.CARD);
        PaymentsApiTest.pay(fan, orderId, paymentKey, 170000).statusCode(200).body("status", equalTo("PAID"));
    }

    static ComputingRecommendations.Run runTheJob() {
        return RecommendationJob.run();
    }

    /**
     * The DynamoDB requests a call sends: the fewest of three tries, since other work of this JVM (the catalog cache's
     * refresh, say) may send one meanwhile and only adds.
     */
    static long requestsOf(Supplier<ValidatableResponse> call) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = DynamoRequests.sent();
            call.get().statusCode(200);
            fewest = Math.min(fewest, DynamoRequests.sent() - before);
        }
        return fewest;
    }

    @Test
    void the_job_computes_similar_performances_and_a_fans_list_each_read_in_one_request() {
        String venue = CatalogApiTest.createVenue(Layouts.grid(1, 1, 6));
        String lesMis = performance("레미제라블", "MUSICAL", List.of("대극장", "고전"), List.of("배우-갑", "배우-을"));
        String jekyll = performance("지킬 앤 하이드", "MUSICAL", List.of("대극장"), List.of("배우-갑"));
        String concert = performance("겨울 콘서트", "CONCERT", List.of("팝"), List.of("가수-병"));
        String lesMisRound = roundOnSale(lesMis, venue);
        roundOnSale(jekyll, venue);
        roundOnSale(concert, CatalogApiTest.createVenue(Layouts.grid(1, 1, 6)));
        String fan = new Ids(Clock.systemUTC()).next();
        books(fan, lesMisRound);

        ComputingRecommendations.Run run = runTheJob();
        assertThat(run.fans()).isGreaterThanOrEqualTo(1);
        assertThat(run.bookings()).isGreaterThanOrEqualTo(1);

        // a performance's page: the musical with the same lead, tag and hall first, never itself
        given().get("/v1/performances/" + lesMis + "/similar").then().statusCode(200)
                .body("items[0].performanceId", equalTo(jekyll)).body("items[0].title", equalTo("지킬 앤 하이드"))
                .body("items.performanceId", not(hasItem(lesMis)));
        assertThat(given().get("/v1/performances/" + lesMis + "/similar").then().extract().headers()
                .getValues("Cache-Control")).contains("max-age=600");
        // the fan who booked Les Misérables: its likes, not it
        PaymentsApiTest.as(fan).get("/v1/me/recommendations").then().statusCode(200)
                .body("personal", equalTo(true)).body("items.performanceId", hasItem(jekyll))
                .body("items.performanceId", not(hasItem(lesMis)));
        // a fan who only looked at Jekyll's page: it (still theirs to book) and its likes, as Les Misérables
        String looker = new Ids(Clock.systemUTC()).next();
        PaymentsApiTest.as(looker).put("/v1/me/viewed-performances/" + jekyll).then().statusCode(204);
        PaymentsApiTest.as(looker).put("/v1/me/viewed-performances/" + jekyll).then().statusCode(204);
        CatalogApiTest.problem(PaymentsApiTest.as(looker).put("/v1/me/viewed-performances/not-an-id").then(), 400);
        runTheJob();
        PaymentsApiTest.as(looker).get("/v1/me/recommendations").then().statusCode(200)
                .body("personal", equalTo(true)).body("items[0].performanceId", equalTo(jekyll))
                .body("items.performanceId", hasItem(lesMis));
        // a fan the job does not know: what sells
        PaymentsApiTest.as(new Ids(Clock.systemUTC()).next()).get("/v1/me/recommendations").then().statusCode(200)
                .body("personal", equalTo(false));

        assertThat(requestsOf(() -> given().get("/v1/performances/" + lesMis + "/similar").then())).isEqualTo(1);
        assertThat(requestsOf(() -> PaymentsApiTest.as(fan).get("/v1/me/recommendations").then())).isEqualTo(1);
        String stranger = new Ids(Clock.systemUTC()).next();
        assertThat(requestsOf(() -> PaymentsApiTest.as(stranger).get("/v1/me/recommendations").then()))
                .as("a new fan: their list's read, what sells kept by the instance").isEqualTo(1);
    }
}
