package dev.madang.api;

import dev.madang.domain.common.Ids;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.UUID;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The performance rooms over HTTP (issue 19): post, reply, report until hidden, an admin's restore and mute; who may
 * not post; another fan's post is not theirs to edit or delete; a phone number waits for its author's confirmation;
 * the public page is the same for everyone, cacheable, and answers 304 when unchanged.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class RoomsApiTest {

    static final Ids ACCOUNT_IDS = new Ids(Clock.systemUTC());

    /** A new verified fan's account id, shaped as real ones are (an admin names it in a path). */
    static String newFan() {
        return ACCOUNT_IDS.next();
    }

    static RequestSpecification as(String fan) {
        return PaymentsApiTest.as(fan);
    }

    static String posts(String perf) {
        return "/v1/performances/" + perf + "/room/posts";
    }

    static ValidatableResponse post(String fan, String perf, Map<String, Object> body) {
        return as(fan).body(body).post(posts(perf)).then();
    }

    static List<String> publicIds(String perf) {
        return given().get(posts(perf)).then().statusCode(200).extract().path("items.postId");
    }

    @Test
    void fans_post_and_reply_and_everyone_reads_the_same_cacheable_page() {
        String perf = CatalogApiTest.createPerformance("레미제라블", "MUSICAL");
        String kim = newFan();
        String lee = newFan();
        String taxi = post(kim, perf, Map.of("topic", "TAXI_SHARE", "body", "끝나고 잠실역 택시 같이 타실 분"))
                .statusCode(201).body("post.status", equalTo("VISIBLE")).body("post.ticketHolder", equalTo(false))
                .body("personalData", hasSize(0)).extract().path("post.postId");
        String reply = post(lee, perf, Map.of("replyTo", taxi, "body", "저요, 2명"))
                .statusCode(201).body("post.replyTo", equalTo(taxi)).body("post.topic", equalTo("TAXI_SHARE"))
                .extract().path("post.postId");

        ValidatableResponse page = given().get(posts(perf)).then().statusCode(200)
                .body("items.postId", contains(reply, taxi))
                .body("items[1].author", equalTo(as(kim).get("/v1/me/rooms/" + perf).then().statusCode(200)
                        .extract().path("handle")))
                .body("items[0].authorId", nullValue());
        assertThat(page.extract().headers().getValues("Cache-Control")).contains("max-age=2", "public");
        String etag = page.extract().header("ETag");
        given().header("If-None-Match", etag).get(posts(perf)).then().statusCode(304);
        given().queryParam("topic", "MERCHANDISE").get(posts(perf)).then().statusCode(200).body("items", hasSize(0));
        CatalogApiTest.problem(given().queryParam("topic", "GOSSIP").get(posts(perf)).then(), 400);
        CatalogApiTest.problem(given().get(posts("01J00000000000000000000000")).then(), 404);
    }

    @Test
    void an_unverified_or_muted_account_cannot_post_and_nothing_is_written() {
        String perf = CatalogApiTest.createPerformance("햄릿", "THEATRE");
        String unverified = newFan();
        CatalogApiTest.problem(given().auth().oauth2(TestTokens.unverifiedFan(unverified)).contentType(ContentType.JSON)
                .body(Map.of("topic", "FREE_TALK", "body", "안녕하세요")).post(posts(perf)).then(), 403)
                .body("type", org.hamcrest.Matchers.endsWith("identity-verification-required"));
        CatalogApiTest.problem(given().contentType(ContentType.JSON)
                .body(Map.of("topic", "FREE_TALK", "body", "익명")).post(posts(perf)).then(), 401);

        String loud = newFan();
        post(loud, perf, Map.of("topic", "FREE_TALK", "body", "첫 글")).statusCode(201);
        CatalogApiTest.problem(as(newFan()).body(Map.of("minutes", 60, "reason", "스팸"))
                .put("/v1/admin/room-mutes/" + loud).then(), 403);
        CatalogApiTest.admin().body(Map.of("minutes", 60, "reason", "스팸")).put("/v1/admin/room-mutes/" + loud)
                .then().statusCode(200).body("accountId", equalTo(loud));
        CatalogApiTest.problem(post(loud, perf, Map.of("topic", "FREE_TALK", "body", "또 씀")), 403)
                .body("type", org.hamcrest.Matchers.endsWith("account-muted"));
        CatalogApiTest.problem(post(newFan(), perf, Map.of("topic", "FREE_TALK", "body", "")), 400);

        assertThat(publicIds(perf)).hasSize(1);
    }

    @Test
    void another_fans_post_cannot_be_edited_or_deleted() {
        String perf = CatalogApiTest.createPerformance("오페라의 유령", "MUSICAL");
        String author = newFan();
        String other = newFan();
        String postId = post(author, perf, Map.of("topic", "MERCHANDISE", "body", "포스터 교환해요"))
                .statusCode(201).extract().path("post.postId");
        String one = posts(perf) + "/" + postId;

        CatalogApiTest.problem(as(other).body(Map.of("body", "내 글로 바꿈")).put(one).then(), 404);
        CatalogApiTest.problem(as(other).delete(one).then(), 404);
        CatalogApiTest.problem(as(other).body(Map.of()).post(one + "/confirmation").then(), 404);
        given().get(posts(perf)).then().body("items[0].body", equalTo("포스터 교환해요"));

        as(author).body(Map.of("body", "포스터 교환 완료")).put(one).then().statusCode(200)
                .body("post.body", equalTo("포스터 교환 완료"));
        as(author).delete(one).then().statusCode(204);
        given().get(posts(perf)).then().body("items[0].status", equalTo("DELETED"))
                .body("items[0].body", nullValue());
    }

    @Test
    void a_post_with_a_phone_number_is_held_until_its_author_confirms() {
        String perf = CatalogApiTest.createPerformance("아이유 콘서트", "CONCERT");
        String author = newFan();
        String postId = post(author, perf, Map.of("topic", "TAXI_SHARE", "body", "택시 동승 010-1234-5678 문자 주세요"))
                .statusCode(201).body("post.status", equalTo("AWAITING_CONFIRMATION"))
                .body("personalData", contains("PHONE_NUMBER")).extract().path("post.postId");

        assertThat(publicIds(perf)).doesNotContain(postId);
        as(author).get("/v1/me/rooms/" + perf).then().statusCode(200).body("unpublished.postId", contains(postId));
        as(newFan()).get("/v1/me/rooms/" + perf).then().statusCode(200).body("unpublished", hasSize(0));

        as(author).body(Map.of()).post(posts(perf) + "/" + postId + "/confirmation").then().statusCode(200)
                .body("status", equalTo("VISIBLE"));
        assertThat(publicIds(perf)).contains(postId);
    }

    @Test
    void five_reports_hide_a_post_until_an_admin_restores_it() {
        String perf = CatalogApiTest.createPerformance("논란의 공연", "THEATRE");
        String author = newFan();
        String postId = post(author, perf, Map.of("topic", "FREE_TALK", "body", "논란의 글")).statusCode(201)
                .extract().path("post.postId");
        String one = posts(perf) + "/" + postId;

        CatalogApiTest.problem(as(author).body(Map.of("reason", "내 글")).post(one + "/reports").then(), 422);
        for (int i = 0; i < 5; i++) {
            as(newFan()).body(Map.of("reason", "욕설")).post(one + "/reports").then().statusCode(204);
        }
        assertThat(publicIds(perf)).doesNotContain(postId);
        CatalogApiTest.admin().get("/v1/admin/performances/" + perf + "/room/posts").then().statusCode(200)
                .body("items.postId", hasItem(postId)).body("items[0].status", equalTo("HIDDEN_BY_REPORTS"))
                .body("items[0].reports", equalTo(5)).body("items[0].authorId", equalTo(author));
        CatalogApiTest.problem(as(newFan()).get("/v1/admin/performances/" + perf + "/room/posts").then(), 403);

        CatalogApiTest.admin().post("/v1/admin/performances/" + perf + "/room/posts/" + postId + "/restoring")
                .then().statusCode(200).body("status", equalTo("VISIBLE")).body("reports", equalTo(0));
        assertThat(publicIds(perf)).contains(postId);
        CatalogApiTest.admin().post("/v1/admin/performances/" + perf + "/room/posts/" + postId + "/hiding")
                .then().statusCode(200).body("status", equalTo("HIDDEN_BY_ADMIN"));
        assertThat(publicIds(perf)).doesNotContain(postId);
        given().get(posts(perf)).then().body("items.postId", not(hasItem(postId)));
    }

    @Test
    void closing_an_account_keeps_its_posts_without_their_author() {
        String perf = CatalogApiTest.createPerformance("마지막 공연", "DANCE");
        String email = Fans.uniqueEmail();
        String password = "Correct-Horse-42";
        Fans.Tokens leaving = Fans.Tokens.of(Fans.signUp(Fans.signUpBody(email, password,
                Fans.verification("DI-" + UUID.randomUUID(), "홍길동"))).statusCode(201));
        given().auth().oauth2(leaving.access()).contentType(ContentType.JSON)
                .body(Map.of("topic", "FREE_TALK", "body", "안녕히 계세요")).post(posts(perf)).then().statusCode(201)
                .body("post.author", org.hamcrest.Matchers.notNullValue());

        given().auth().oauth2(leaving.access()).contentType(ContentType.JSON).body(Map.of("password", password))
                .delete("/v1/me").then().statusCode(204);

        given().get(posts(perf)).then().statusCode(200).body("items[0].body", equalTo("안녕히 계세요"))
                .body("items[0].author", nullValue());
        CatalogApiTest.admin().get("/v1/admin/performances/" + perf + "/room/posts").then()
                .body("items[0].authorId", nullValue());
    }

    @Test
    void a_fan_with_a_ticket_for_the_performance_carries_the_ticket_holder_mark() {
        String holder = newFan();
        TicketsApiTest.Paid paid = TicketsApiTest.paidTickets(holder);
        String perf = given().get("/v1/rounds/" + paid.roundId()).then().statusCode(200).extract()
                .path("performanceId");

        post(holder, perf, Map.of("topic", "TAXI_SHARE", "body", "티켓 있어요, 택시 같이 가요")).statusCode(201)
                .body("post.ticketHolder", equalTo(true));
        post(newFan(), perf, Map.of("topic", "FREE_TALK", "body", "저는 아직 못 구했어요")).statusCode(201)
                .body("post.ticketHolder", equalTo(false));
    }
}
