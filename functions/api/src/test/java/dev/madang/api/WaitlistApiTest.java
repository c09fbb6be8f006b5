package dev.madang.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.alerts.CatalogAnnouncements;
import dev.madang.aws.alerts.DynamoGenreFollows;
import dev.madang.aws.alerts.SqsAlerts;
import dev.madang.domain.alerts.TellingGenreFollowers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Waitlist subscriptions and genre follows over HTTP: a fan subscribes, lists and cancels their own; bad requests are
 * problems naming the field and write nothing; another fan's subscription is a 404 and absent from their list. A
 * genre's follower hears of a performance scheduled in it through the catalog bus (the EventBridge stand-in, the
 * template's rule, the genre fan-out) on the notification queue; a non-follower does not.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class WaitlistApiTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static RequestSpecification fan(String who) {
        return given().auth().oauth2(TestTokens.fan(who)).contentType(ContentType.JSON);
    }

    static long alertItemsOf(String account) {
        String table = LocalAwsResource.aws.tableName("AlertsTable");
        return LocalAwsResource.aws.dynamo().scanPaginator(r -> r.tableName(table)).items().stream()
                .filter(i -> i.get("pk").s().equals("FAN#" + account)).count();
    }

    @Test
    void a_fan_subscribes_lists_and_cancels_and_another_fan_can_do_neither() {
        String round = HoldsApiTest.roundOnSale(true);
        String id = fan("wl-a").body(Map.of("roundId", round, "grade", "VIP", "partySize", 2))
                .post("/v1/me/waitlist").then().statusCode(201).body("subscriptionId", notNullValue())
                .body("roundId", equalTo(round)).body("grade", equalTo("VIP")).body("partySize", equalTo(2))
                .extract().path("subscriptionId");
        fan("wl-a").get("/v1/me/waitlist").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].subscriptionId", equalTo(id));
        // R is sold by lottery in this round: a fan may wait for its leftovers, which come to sale after the draw
        fan("wl-a").body(Map.of("roundId", round, "grade", "R", "partySize", 1)).post("/v1/me/waitlist").then()
                .statusCode(201);
        String r = fan("wl-a").get("/v1/me/waitlist").then().body("items", hasSize(2)).extract()
                .path("items.find { it.grade == 'R' }.subscriptionId");
        fan("wl-a").delete("/v1/me/waitlist/" + r).then().statusCode(204);
        CatalogApiTest.problem(fan("wl-a").body(Map.of("roundId", round, "grade", "VIP", "partySize", 1))
                .post("/v1/me/waitlist").then(), 409);

        // another fan: not in their list, and cancelling it is a 404 that changes nothing
        fan("wl-b").get("/v1/me/waitlist").then().statusCode(200).body("items", hasSize(0));
        CatalogApiTest.problem(fan("wl-b").delete("/v1/me/waitlist/" + id).then(), 404);
        fan("wl-a").get("/v1/me/waitlist").then().body("items", hasSize(1));

        fan("wl-a").delete("/v1/me/waitlist/" + id).then().statusCode(204);
        fan("wl-a").get("/v1/me/waitlist").then().body("items", hasSize(0));
        CatalogApiTest.problem(fan("wl-a").delete("/v1/me/waitlist/" + id).then(), 404);
        given().get("/v1/me/waitlist").then().statusCode(401);
    }

    @Test
    void bad_subscriptions_are_problems_naming_the_field_and_write_nothing() {
        String round = HoldsApiTest.roundOnSale(true);
        CatalogApiTest.problem(fan("wl-x").body(Map.of("roundId", round, "grade", "VIP")).post("/v1/me/waitlist")
                .then(), 400).body("errors.field", contains("partySize"));
        CatalogApiTest.problem(fan("wl-x").body(Map.of("roundId", "nope", "grade", "VIP", "partySize", 1))
                .post("/v1/me/waitlist").then(), 400).body("errors.field", contains("roundId"));
        CatalogApiTest.problem(fan("wl-x").post("/v1/me/waitlist").then(), 400);
        CatalogApiTest.problem(fan("wl-x").body(Map.of("roundId", round, "grade", "ZZ", "partySize", 1))
                .post("/v1/me/waitlist").then(), 422).body("errors.field", contains("grade"));
        CatalogApiTest.problem(fan("wl-x").body(Map.of("roundId", round, "grade", "VIP", "partySize", 5))
                .post("/v1/me/waitlist").then(), 422).body("errors.field", contains("partySize"));
        CatalogApiTest.problem(fan("wl-x").body(Map.of("roundId", "01HZZZZZZZZZZZZZZZZZZZZZZZ", "grade", "VIP",
                "partySize", 1)).post("/v1/me/waitlist").then(), 404);
        CatalogApiTest.problem(fan("wl-x").delete("/v1/me/waitlist/not-an-id").then(), 400);
        assertThat(alertItemsOf("wl-x")).isZero();
    }

    @Test
    void a_follower_hears_of_a_performance_scheduled_in_the_genre_and_a_non_follower_does_not() throws Exception {
        var aws = LocalAwsResource.aws;
        String queue = aws.queueUrl("NotificationQueue");
        CatalogAnnouncements announcements = new CatalogAnnouncements(new TellingGenreFollowers(
                new DynamoGenreFollows(aws.dynamo(), aws.tableName("AlertsTable")), new SqsAlerts(aws.sqs(), queue)));
        aws.lambdas().register("GenreAlertsFunction", event -> String.valueOf(announcements.handle(
                JSON.readValue(event, new TypeReference<Map<String, Object>>() { }))));

        fan("g-follower").put("/v1/me/genres/DANCE").then().statusCode(200).body("genres", contains("DANCE"));
        fan("g-follower").put("/v1/me/genres/DANCE").then().statusCode(200).body("genres", contains("DANCE"));
        fan("g-other").put("/v1/me/genres/CONCERT").then().statusCode(200);
        fan("g-quitter").put("/v1/me/genres/DANCE").then().statusCode(200);
        fan("g-quitter").delete("/v1/me/genres/DANCE").then().statusCode(200).body("genres", hasSize(0));
        CatalogApiTest.problem(fan("g-other").put("/v1/me/genres/OPERETTA").then(), 400)
                .body("errors.field", contains("genre"));
        fan("g-follower").get("/v1/me/genres").then().statusCode(200).body("genres", contains("DANCE"));

        String venue = CatalogApiTest.createVenue(Layouts.grid(2, 1, 6));
        String perf = CatalogApiTest.createPerformance("장르 알림", "DANCE");
        CatalogApiTest.admin().body(CatalogApiTest.roundBody(venue, CatalogApiTest.NEXT_MONTH, 2))
                .post("/v1/admin/performances/" + perf + "/rounds").then().statusCode(201);
        assertThat(aws.eventBridgeStandIn().awaitDeliveries(Duration.ofSeconds(20))).isTrue();

        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode m : drain(queue)) {
            if (perf.equals(m.path("performanceId").asText())) {
                mine.add(m);
            }
        }
        assertThat(mine).extracting(m -> m.get("accountId").asText()).containsOnly("g-follower");
        assertThat(mine).extracting(m -> m.get("type").asText())
                .containsExactlyInAnyOrder("GENRE_PERFORMANCE_SCHEDULED", "GENRE_SALE_OPENING");
        assertThat(mine).allSatisfy(m -> assertThat(m.get("genre").asText()).isEqualTo("DANCE"));
        assertThat(mine).filteredOn(m -> m.get("type").asText().equals("GENRE_SALE_OPENING"))
                .allSatisfy(m -> assertThat(m.get("opensAt").asText()).isNotBlank());
    }

    static List<JsonNode> drain(String queue) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        var sqs = LocalAwsResource.aws.sqs();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return out;
            }
            for (Message m : batch) {
                out.add(JSON.readTree(m.body()));
                sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
    }
}
