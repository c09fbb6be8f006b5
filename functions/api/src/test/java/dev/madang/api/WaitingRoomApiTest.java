package dev.madang.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import dev.madang.api.queue.JwsQueueTokens;
import dev.madang.domain.queue.QueueTokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The waiting room over HTTP on the local stack: while it is on, booking the round needs an admission bound to the
 * account and the round; fans enter once, poll, and are let in at the room's rate; every forged, copied or expired
 * token is refused with a problem and books nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class WaitingRoomApiTest {

    static String fan(String name) {
        return "room-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String fan) {
        return given().auth().oauth2(TestTokens.fan(fan)).contentType(ContentType.JSON);
    }

    static String roundOnSale() {
        return HoldsApiTest.roundOnSale(true);
    }

    static ValidatableResponse setRoom(String round, OffsetDateTime opensAt, int rate) {
        return CatalogApiTest.admin().body(Map.of("on", true, "opensAt", opensAt.toString(),
                        "admissionsPerSecond", rate, "ads", List.of(Map.of("adId", "drink", "imageUrl",
                                "https://ads.madang.dev/drink.png", "text", "공연 전 한 잔"))))
                .put("/v1/admin/rounds/" + round + "/waiting-room").then();
    }

    static ValidatableResponse hold(String fan, String round, String seat, String admission) {
        RequestSpecification r = as(fan);
        if (admission != null) {
            r = r.header("Madang-Admission", admission);
        }
        return r.body(Map.of("roundId", round, "seatIds", List.of(seat))).post("/v1/holds").then();
    }

    /** Enters with a solved puzzle's pass, as the client does. */
    static ValidatableResponse enter(String fan, String round) {
        try {
            return as(fan).body(Map.of("captchaPass", CaptchaApiTest.solved(fan, round)))
                    .post("/v1/rounds/" + round + "/waiting-room/entries").then();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static ValidatableResponse poll(String fan, String round, String place) {
        RequestSpecification r = as(fan);
        if (place != null) {
            r = r.header("Madang-Queue-Token", place);
        }
        return r.get("/v1/rounds/" + round + "/waiting-room/position").then();
    }

    static String problemType(ValidatableResponse r) {
        String type = r.extract().path("type");
        return type.substring(type.lastIndexOf('/') + 1);
    }

    /**
     * Polls until the fan is let in (within seconds: a place is admitted once a view read after its own second has
     * counted who arrived with it); answers the admission.
     */
    static String admitted(String fan, String round, String place) {
        String[] admission = new String[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(300)).until(() -> {
                    var answer = poll(fan, round, place).statusCode(200).extract();
                    admission[0] = answer.path("admission");
                    return "ADMITTED".equals(answer.path("status"));
                });
        assertThat(admission[0]).isNotNull();
        return admission[0];
    }

    /** The place a token states: its second and offset, read from its claims. */
    static String placeOf(String token) {
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new io.restassured.path.json.JsonPath(claims).getString("sec") + "/"
                + new io.restassured.path.json.JsonPath(claims).getString("off");
    }

    /** The token with one character of its signature changed. */
    static String bitFlipped(String jws) {
        char last = jws.charAt(jws.length() - 2);
        return jws.substring(0, jws.length() - 2) + (last == 'A' ? 'B' : 'A') + jws.charAt(jws.length() - 1);
    }

    @Test
    void while_the_room_is_on_a_hold_needs_an_admission_of_mine_for_this_round() {
        String round = roundOnSale();
        String other = roundOnSale();
        String ana = fan("ana");
        String ben = fan("ben");
        hold(ana, round, "A-1-1", null).statusCode(201); // no room yet: booking as before
        setRoom(round, OffsetDateTime.now().minusSeconds(5), 100).statusCode(200).body("on", equalTo(true));
        setRoom(other, OffsetDateTime.now().minusSeconds(5), 100).statusCode(200);

        assertThat(problemType(CatalogApiTest.problem(hold(ana, round, "A-1-2", null), 403)))
                .isEqualTo("admission-required");
        // entering takes a solved puzzle's pass for this round, once
        assertThat(problemType(CatalogApiTest.problem(as(ana).body(Map.of())
                .post("/v1/rounds/" + round + "/waiting-room/entries").then(), 403))).isEqualTo("captcha-required");
        String othersPass;
        try {
            othersPass = CaptchaApiTest.solved(ana, other);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(problemType(CatalogApiTest.problem(as(ana).body(Map.of("captchaPass", othersPass))
                .post("/v1/rounds/" + round + "/waiting-room/entries").then(), 403))).isEqualTo("captcha-invalid");
        // enter, poll: at 100 a second, let in at once
        var entered = enter(ana, round).statusCode(201)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .body("token", notNullValue()).extract();
        String place = entered.path("token");
        poll(ana, round, place).statusCode(200).body("ad.adId", equalTo("drink"));
        String admission = admitted(ana, round, place);
        // entering again (another tab) keeps the place
        assertThat(placeOf(enter(ana, round).statusCode(201)
                .extract().path("token"))).isEqualTo(placeOf(place));

        hold(ana, round, "A-1-2", admission).statusCode(201);
        // another account's admission, another round's, a forged one: refused, nothing held
        assertThat(problemType(CatalogApiTest.problem(hold(ben, round, "A-1-3", admission), 403)))
                .isEqualTo("admission-invalid");
        String othersAdmission = admitted(ana, other, enter(ana, other).statusCode(201).extract().path("token"));
        assertThat(problemType(CatalogApiTest.problem(hold(ana, round, "A-1-3", othersAdmission), 403)))
                .isEqualTo("admission-invalid");
        assertThat(problemType(CatalogApiTest.problem(hold(ana, round, "A-1-3", bitFlipped(admission)), 403)))
                .isEqualTo("admission-invalid");
        // a place token is not an admission, nor an access token one
        CatalogApiTest.problem(hold(ana, round, "A-1-3", place), 403);
        CatalogApiTest.problem(hold(ana, round, "A-1-3", TestTokens.fan(ana)), 403);
        // a place copied to another account, or to another round, or tampered with: refused
        assertThat(problemType(CatalogApiTest.problem(poll(ben, round, place), 403))).isEqualTo("queue-token-invalid");
        CatalogApiTest.problem(poll(ana, other, place), 403);
        CatalogApiTest.problem(poll(ana, round, bitFlipped(place)), 403);
        CatalogApiTest.problem(poll(ana, round, null), 403);
        // the refused holds wrote nothing: the seat is still free for an admitted fan
        String bensAdmission = admitted(ben, round, enter(ben, round).statusCode(201).extract().path("token"));
        hold(ben, round, "A-1-3", bensAdmission).statusCode(201);
    }

    @Test
    void with_the_line_off_an_organiser_may_still_want_a_puzzle_before_any_hold() throws Exception {
        String round = roundOnSale();
        String ana = fan("ana");
        String ben = fan("ben");
        String opensAt = OffsetDateTime.now().toString();
        CatalogApiTest.admin().body(Map.of("on", false, "puzzleWhenOff", true,
                        "opensAt", opensAt, "admissionsPerSecond", 100))
                .put("/v1/admin/rounds/" + round + "/waiting-room").then().statusCode(200)
                .body("on", equalTo(false)).body("puzzleWhenOff", equalTo(true));
        assertThat(problemType(hold(ana, round, "A-1-1", null).statusCode(403))).isEqualTo("admission-required");
        assertThat(problemType(as(ana).body(Map.of()).post("/v1/rounds/" + round + "/waiting-room/entries").then()
                .statusCode(403))).isEqualTo("captcha-required");

        // a solved puzzle passes the door at once: no place, no line, an admission for five minutes
        String pass = CaptchaApiTest.solved(ana, round);
        var entered = as(ana).body(Map.of("captchaPass", pass)).post("/v1/rounds/" + round
                + "/waiting-room/entries").then().statusCode(201)
                .body("token", equalTo(null)).body("position.status", equalTo("ADMITTED")).extract();
        String admission = entered.path("position.admission");
        assertThat(problemType(as(ana).body(Map.of("captchaPass", pass)).post("/v1/rounds/" + round
                + "/waiting-room/entries").then().statusCode(409))).isEqualTo("captcha-pass-used");
        assertThat(problemType(hold(ben, round, "A-1-2", admission).statusCode(403))).isEqualTo("admission-invalid");
        hold(ana, round, "A-1-1", admission).statusCode(201);

        // the organiser lifts it: booking as before
        CatalogApiTest.admin().body(Map.of("on", false, "opensAt", opensAt, "admissionsPerSecond", 100))
                .put("/v1/admin/rounds/" + round + "/waiting-room").then().statusCode(200)
                .body("puzzleWhenOff", equalTo(false));
        hold(ben, round, "A-1-2", null).statusCode(201);
    }

    @Test
    void an_expired_admission_and_a_tampered_one_are_refused() {
        String round = roundOnSale();
        String ana = fan("late");
        setRoom(round, OffsetDateTime.now().minusMinutes(30), 100).statusCode(200);
        // a fan arriving long after the opening is let in from their arrival, not from when the cursor passed
        String place = enter(ana, round).statusCode(201).extract().path("token");
        String admission = admitted(ana, round, place);
        // one signed with the API's own keys (the test holds them) whose window ended a minute ago
        String expired = new JwsQueueTokens(() -> TestTokens.KEYS, null).signAdmission(
                new QueueTokens.RoomAdmission(ana, round, Instant.now().minusSeconds(60)));
        assertThat(problemType(CatalogApiTest.problem(hold(ana, round, "A-1-4", expired), 403)))
                .isEqualTo("admission-expired");
        // the real one with its expiry pushed back in its claims: the signature no longer matches
        String[] parts = admission.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"rid\":\"" + round + "\"").contains("\"sub\":\"" + ana + "\"");
        String stretched = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replaceAll("\"exp\":\\d+", "\"exp\":4102444800").getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertThat(problemType(CatalogApiTest.problem(hold(ana, round, "A-1-4", stretched), 403)))
                .isEqualTo("admission-invalid");
        hold(ana, round, "A-1-4", admission).statusCode(201);
    }

    @Test
    void the_line_lets_fans_in_at_the_rate_and_the_organiser_watches_and_changes_it() throws Exception {
        String round = roundOnSale();
        OffsetDateTime opens = OffsetDateTime.now().plusSeconds(25); // time for 6 fans to solve and enter, loaded or not
        setRoom(round, opens, 1).statusCode(200);
        List<String> fans = new java.util.ArrayList<>();
        List<String> places = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String f = fan("line" + i);
            fans.add(f);
            places.add(enter(f, round).statusCode(201)
                    .body("position.status", equalTo("WAITING")).extract().path("token"));
        }
        // before the opening nobody is let in, whatever they do
        for (int i = 0; i < 6; i++) {
            poll(fans.get(i), round, places.get(i)).statusCode(200).body("status", equalTo("WAITING"))
                    .body("estimatedWaitSeconds", notNullValue());
        }
        // the opening, then about 2.5 s at 1 a second: the cursor has passed 2 or 3 of the 6, however the machine
        // is loaded (its count is a function of the time, read after the polls)
        Thread.sleep(Math.max(0, java.time.Duration.between(OffsetDateTime.now(), opens).toMillis()) + 2500);
        long admitted = 0;
        for (int i = 0; i < 6; i++) {
            if ("ADMITTED".equals(poll(fans.get(i), round, places.get(i)).statusCode(200).extract().path("status"))) {
                admitted++;
            }
        }
        int cursor = CatalogApiTest.admin().get("/v1/admin/rounds/" + round + "/waiting-room").then()
                .statusCode(200).body("stats.entered", equalTo(6)).body("stats.admittedPerMinute", equalTo(60))
                .body("stats.impressions.drink", org.hamcrest.Matchers.greaterThanOrEqualTo(6))
                .extract().path("stats.admitted");
        double sinceOpening = java.time.Duration.between(opens, OffsetDateTime.now()).toMillis() / 1000.0;
        assertThat((double) cursor).as("the cursor moves at 1 a second").isBetween(Math.min(6, sinceOpening - 3),
                Math.min(6, sinceOpening + 1));
        // the early crowd's order is random, so who is past the cursor is a draw around it; never all at once early
        assertThat(admitted).as("let in by their polls: %s, the cursor %s", admitted, cursor)
                .isLessThanOrEqualTo(Math.min(6, cursor + 3));
        // faster now: everyone is in within a second
        CatalogApiTest.admin().body(Map.of("admissionsPerSecond", 1000)).put("/v1/admin/rounds/" + round
                + "/waiting-room/rate").then().statusCode(200).body("admissionsPerSecond", equalTo(1000));
        Thread.sleep(1200);
        for (int i = 0; i < 6; i++) {
            admitted(fans.get(i), round, places.get(i));
        }
        CatalogApiTest.admin().get("/v1/admin/rounds/" + round + "/waiting-room").then().statusCode(200)
                .body("stats.waiting", equalTo(0)).body("stats.admitted", equalTo(6));
        // the organiser's refusals: a bad room, a fan
        CatalogApiTest.problem(CatalogApiTest.admin().body(Map.of("on", true, "admissionsPerSecond", 0))
                .put("/v1/admin/rounds/" + round + "/waiting-room").then(), 400);
        CatalogApiTest.problem(as(fans.get(0)).get("/v1/admin/rounds/" + round + "/waiting-room").then(), 403);
        // the line is being served: its opening cannot move
        assertThat(problemType(CatalogApiTest.problem(CatalogApiTest.admin().body(Map.of("on", true, "opensAt",
                        opens.plusMinutes(1).toString(), "admissionsPerSecond", 1000))
                .put("/v1/admin/rounds/" + round + "/waiting-room").then(), 422))).isEqualTo("waiting-room-opened");
        // switched off: booking without an admission again
        CatalogApiTest.admin().body(Map.of("on", false, "opensAt", opens.toString(), "admissionsPerSecond", 1000))
                .put("/v1/admin/rounds/" + round + "/waiting-room").then().statusCode(200).body("on", equalTo(false));
        hold(fans.get(0), round, "A-1-5", null).statusCode(201);
    }
}
