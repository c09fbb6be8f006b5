package dev.madang.api;

import dev.madang.localstack.SesStandIn;
import dev.madang.localstack.SqsEventSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Notifications over the local stack: the payment workflow's message on the notification queue, delivered by the
 * consumer that the SQS event source stand-in feeds as Lambda would, into the SES stand-in and the fan's inbox, which
 * the fan reads over HTTP.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class InboxApiTest {

    static SqsEventSource delivery;

    @BeforeAll
    static void deliver() {
        delivery = LocalAwsResource.deliverNotifications();
    }

    @AfterAll
    static void stopDelivering() {
        delivery.close();
    }

    @BeforeEach
    void webhooksReachThisApi() {
        LocalAwsResource.toss.webhookUrl(URI.create("http://localhost:" + RestAssured.port + "/v1/hooks/toss"));
    }

    static RequestSpecification as(Fans.Tokens fan) {
        return given().auth().oauth2(fan.access()).contentType(ContentType.JSON);
    }

    static void send(String body) {
        LocalAwsResource.aws.sqs().sendMessage(r -> r.queueUrl(LocalAwsResource.aws.queueUrl("NotificationQueue"))
                .messageBody(body));
    }

    static List<SesStandIn.SentEmail> mailTo(String email) {
        return LocalAwsResource.aws.sesStandIn().messagesTo(email);
    }

    @Test
    void a_confirmed_booking_is_emailed_and_in_the_inbox_once_however_often_the_queue_delivers_it() {
        String email = Fans.uniqueEmail();
        Fans.Tokens fan = Fans.newFan(email, "correct horse 1");
        String round = TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH);
        TicketCancellationApiTest.Paid paid = TicketCancellationApiTest.buy(() -> as(fan), round, 2);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(email).size() == 1);
        assertThat(mailTo(email).get(0).subject()).isEqualTo("예매가 확정되었습니다: 취소 테스트");
        assertThat(mailTo(email).get(0).text()).contains("티켓 2매");
        String id = as(fan).get("/v1/me/inbox").then().statusCode(200).body("unread", equalTo(1))
                .body("items", hasSize(1)).body("nextCursor", nullValue())
                .body("items[0].type", equalTo("BOOKING_CONFIRMED"))
                .body("items[0].title", equalTo("예매가 확정되었습니다: 취소 테스트"))
                .body("items[0].readAt", nullValue()).extract().path("items[0].notificationId");

        // the queue delivers the same message again (a redelivery, or a retried workflow step)
        int deletedBefore = delivery.deleted();
        send("{\"type\":\"BOOKING_CONFIRMED\",\"orderId\":\"" + paid.orderId() + "\",\"accountId\":\""
                + fan.accountId() + "\",\"tickets\":2}");
        await().atMost(Duration.ofSeconds(30)).until(() -> delivery.deleted() > deletedBefore);
        assertThat(mailTo(email)).hasSize(1);
        as(fan).get("/v1/me/inbox").then().body("items", hasSize(1)).body("unread", equalTo(1));

        // read, and read again: the first read time stays, the count drops once
        String readAt = as(fan).post("/v1/me/inbox/" + id + "/read").then().statusCode(200)
                .body("notificationId", equalTo(id)).body("readAt", notNullValue()).extract().path("readAt");
        as(fan).post("/v1/me/inbox/" + id + "/read").then().statusCode(200).body("readAt", equalTo(readAt));
        as(fan).get("/v1/me/inbox").then().body("unread", equalTo(0)).body("items[0].readAt", equalTo(readAt));
    }

    @Test
    void messages_of_the_waitlist_and_genre_alerts_are_rendered_with_the_performance_title() {
        String email = Fans.uniqueEmail();
        Fans.Tokens fan = Fans.newFan(email, "correct horse 1");
        String round = TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH);
        send("{\"type\":\"WAITLIST_SEATS_FREED\",\"accountId\":\"" + fan.accountId() + "\",\"subscriptionId\":\"s1\","
                + "\"roundId\":\"" + round + "\",\"grade\":\"VIP\",\"partySize\":2,\"releaseId\":\"r1\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(email).size() == 1);
        as(fan).get("/v1/me/inbox").then().body("items[0].type", equalTo("WAITLIST_SEATS_FREED"))
                .body("items[0].title", equalTo("기다리던 좌석이 나왔습니다: 취소 테스트"))
                .body("items[0].body", startsWith("취소 테스트의 VIP석 2매"));
    }

    @Test
    void a_message_that_always_fails_ends_in_the_dead_letter_queue() {
        String marker = "poison-" + java.util.UUID.randomUUID();
        send("{\"type\":\"NOT_A_TYPE_ANYONE_KNOWS\",\"accountId\":\"" + marker + "\"}");
        String deadLetters = LocalAwsResource.aws.queueUrl("NotificationDeadLetterQueue");
        // five receives a second apart (the queue's maxReceiveCount, this test's visibility timeout)
        await().atMost(Duration.ofSeconds(40)).until(() -> LocalAwsResource.aws.sqs().receiveMessage(r -> r
                .queueUrl(deadLetters).maxNumberOfMessages(10).visibilityTimeout(0)).messages().stream()
                .map(Message::body).anyMatch(b -> b.contains(marker)));
    }

    @Test
    void a_fan_never_sees_or_marks_another_fans_notification() {
        String email = Fans.uniqueEmail();
        Fans.Tokens owner = Fans.newFan(email, "correct horse 1");
        Fans.Tokens other = Fans.newFan(Fans.uniqueEmail(), "correct horse 1");
        send("{\"type\":\"GENRE_SALE_OPENING\",\"accountId\":\"" + owner.accountId() + "\",\"performanceId\":\"p\","
                + "\"genre\":\"MUSICAL\",\"opensAt\":\"2026-12-24T01:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(email).size() == 1);
        String id = as(owner).get("/v1/me/inbox").then().extract().path("items[0].notificationId");

        as(other).get("/v1/me/inbox").then().statusCode(200).body("items", hasSize(0)).body("unread", equalTo(0));
        CatalogApiTest.problem(as(other).post("/v1/me/inbox/" + id + "/read").then(), 404);
        as(owner).get("/v1/me/inbox").then().body("unread", equalTo(1)).body("items[0].readAt", nullValue());
        // malformed ids, limits and cursors are 400s naming the field; no token is 401
        CatalogApiTest.problem(as(owner).post("/v1/me/inbox/not-an-id/read").then(), 400)
                .body("errors[0].field", equalTo("notificationId"));
        CatalogApiTest.problem(as(owner).queryParam("limit", 0).get("/v1/me/inbox").then(), 400)
                .body("errors[0].field", equalTo("limit"));
        CatalogApiTest.problem(as(owner).queryParam("cursor", "@@@").get("/v1/me/inbox").then(), 400)
                .body("errors[0].field", equalTo("cursor"));
        given().get("/v1/me/inbox").then().statusCode(401);
        given().post("/v1/me/inbox/" + id + "/read").then().statusCode(401);
        Map<?, ?> unchanged = as(owner).get("/v1/me/inbox").then().extract().as(Map.class);
        assertThat(unchanged.get("unread")).isEqualTo(1);
    }
}
