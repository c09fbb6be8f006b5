package dev.madang.api;

import dev.madang.api.captcha.JwsCaptchaPasses;
import dev.madang.api.ticket.PublishedKeys;
import dev.madang.domain.captcha.CaptchaPass;
import dev.madang.domain.captcha.ConsumingPasses;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The puzzle captcha over HTTP (docs/captcha.md), on the local stack: a fan gets a puzzle, solves it and uses the pass
 * once. The test reads the answer from the stored item, as no client can; the pass is used through the helper the
 * waiting room and the hold routes call ({@link ConsumingPasses}), with the real signature and the real store.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class CaptchaApiTest {

    static final Ids IDS = new Ids(Clock.systemUTC());
    /** Longer than the 400 ms a person needs at the least. */
    static final long HUMAN_PAUSE_MS = 500;

    @Inject
    ConsumingPasses consuming;
    @Inject
    PublishedKeys publishedKeys;

    static RequestSpecification as(String fan) {
        return given().auth().oauth2(TestTokens.fan(fan)).contentType(ContentType.JSON);
    }

    static String newRound() {
        return IDS.next(); // the captcha takes any round id; the route that takes the pass checks the round
    }

    static String challenge(String fan, String round) {
        return as(fan).body(Map.of("roundId", round)).post("/v1/captcha/challenges").then().statusCode(201)
                .extract().path("challengeId");
    }

    static Map<String, AttributeValue> key(String challengeId) {
        return Map.of("pk", AttributeValue.fromS("CAPTCHA#" + challengeId), "sk", AttributeValue.fromS("CHALLENGE"));
    }

    /** The answer, peeked from the store. */
    static int answerOf(String challengeId) {
        return Integer.parseInt(LocalAwsResource.aws.dynamo().getItem(r -> r
                .tableName(LocalAwsResource.aws.tableName("AccountsTable")).key(key(challengeId)).consistentRead(true))
                .item().get("pieceX").n());
    }

    static ValidatableResponse answer(String fan, String challengeId, Object x) {
        return as(fan).body(x == null ? Map.of() : Map.of("x", x)).post("/v1/captcha/challenges/" + challengeId
                + "/answer").then();
    }

    static void pause() throws InterruptedException {
        Thread.sleep(HUMAN_PAUSE_MS);
    }

    static String solved(String fan, String round) throws InterruptedException {
        String id = challenge(fan, round);
        pause();
        return answer(fan, id, answerOf(id)).statusCode(200).extract().path("pass");
    }

    void refused(String fan, String round, String pass, DomainException.Kind kind, String type) {
        assertThatThrownBy(() -> consuming.consume(fan, round, pass)).isInstanceOfSatisfying(DomainException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.type()).isEqualTo(type);
                });
    }

    @Test
    void a_fan_solves_a_puzzle_and_its_pass_admits_once() throws InterruptedException {
        String round = newRound();
        Map<String, Object> puzzle = as("cap-a").body(Map.of("roundId", round)).post("/v1/captcha/challenges")
                .then().statusCode(201).header("Cache-Control", "no-store")
                .body("roundId", equalTo(round)).body("width", equalTo(280)).body("height", equalTo(160))
                .body("pieceSize", equalTo(48)).body("pieceY", notNullValue()).body("expiresAt", endsWith("+09:00"))
                .body("background", startsWith("data:image/png;base64,"))
                .body("piece", startsWith("data:image/png;base64,"))
                .extract().as(Map.class);
        // what the client gets, and nothing else: the answer stays on the server
        assertThat(puzzle).containsOnlyKeys("challengeId", "roundId", "background", "piece", "pieceY", "pieceSize",
                "width", "height", "expiresAt");
        String id = (String) puzzle.get("challengeId");
        assertThat(Ids.isWellFormed(id)).isTrue();
        pause();
        String pass = as("cap-a").body(Map.of("x", answerOf(id) + 3, "elapsedMs", 450))
                .post("/v1/captcha/challenges/" + id + "/answer").then().statusCode(200)
                .header("Cache-Control", "no-store").body("expiresAt", endsWith("+09:00"))
                .extract().path("pass");
        String header = new String(Base64.getUrlDecoder().decode(pass.substring(0, pass.indexOf('.'))));
        assertThat(header).contains("\"typ\":\"" + JwsCaptchaPasses.TYPE + "\"").contains("\"alg\":\"RS256\"")
                .contains("\"kid\":\"" + TestTokens.ACTIVE_KID + "\"");

        CaptchaPass used = consuming.consume("cap-a", round, pass);
        assertThat(used.accountId()).isEqualTo("cap-a");
        assertThat(Duration.between(used.issuedAt(), used.expiresAt())).isEqualTo(Duration.ofMinutes(2));
        refused("cap-a", round, pass, DomainException.Kind.CONFLICT, "captcha-pass-used");

        // the same answer again: the puzzle took its one answer
        CatalogApiTest.problem(answer("cap-a", id, answerOf(id)), 409).body("type", endsWith("captcha-used"));
    }

    @Test
    void a_wrong_answer_spends_the_puzzle_and_a_replay_is_refused() throws InterruptedException {
        String id = challenge("cap-b", newRound());
        pause();
        int right = answerOf(id);
        CatalogApiTest.problem(answer("cap-b", id, right > 150 ? right - 40 : right + 40), 422)
                .body("type", endsWith("captcha-wrong"));
        CatalogApiTest.problem(answer("cap-b", id, right), 409).body("type", endsWith("captcha-used"));
    }

    @Test
    void an_answer_faster_than_a_person_is_wrong() throws InterruptedException {
        // by the server's clock: answered at once, well inside 400 ms of the puzzle being issued
        String id = challenge("cap-c", newRound());
        CatalogApiTest.problem(answer("cap-c", id, answerOf(id)), 422).body("type", endsWith("captcha-wrong"));
        // by the client's own account: after a pause, but claiming a drag of 120 ms
        String claimed = challenge("cap-c", newRound());
        pause();
        CatalogApiTest.problem(as("cap-c").body(Map.of("x", answerOf(claimed), "elapsedMs", 120))
                .post("/v1/captcha/challenges/" + claimed + "/answer").then(), 422)
                .body("type", endsWith("captcha-wrong"));
    }

    @Test
    void another_accounts_puzzle_is_not_found_and_stays_its_owners() throws InterruptedException {
        String id = challenge("cap-d", newRound());
        pause();
        CatalogApiTest.problem(answer("cap-e", id, answerOf(id)), 404);
        CatalogApiTest.problem(answer("cap-d", IDS.next(), 100), 404);
        answer("cap-d", id, answerOf(id)).statusCode(200).body("pass", notNullValue());
    }

    @Test
    void an_expired_puzzle_is_refused() {
        String id = challenge("cap-f", newRound());
        // three minutes pass for this puzzle: its times move back, as a moved clock would see them
        long threeMinutes = Duration.ofMinutes(3).toMillis();
        LocalAwsResource.aws.dynamo().updateItem(r -> r.tableName(LocalAwsResource.aws.tableName("AccountsTable"))
                .key(key(id)).updateExpression("SET issuedAt = issuedAt - :d, expiresAt = expiresAt - :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromN(Long.toString(threeMinutes)))));
        CatalogApiTest.problem(answer("cap-f", id, answerOf(id)), 422).body("type", endsWith("captcha-expired"));
    }

    @Test
    void forged_altered_misdirected_and_expired_passes_are_refused_and_not_spent() throws InterruptedException {
        String round = newRound();
        String pass = solved("cap-g", round);
        int sig = pass.lastIndexOf('.') + 10;
        String flipped = pass.substring(0, sig) + (pass.charAt(sig) == 'A' ? 'B' : 'A') + pass.substring(sig + 1);
        refused("cap-g", round, flipped, DomainException.Kind.FORBIDDEN, "captcha-invalid");
        refused("cap-g", round, null, DomainException.Kind.FORBIDDEN, "captcha-required");
        refused("cap-h", round, pass, DomainException.Kind.FORBIDDEN, "captcha-invalid");
        refused("cap-g", newRound(), pass, DomainException.Kind.FORBIDDEN, "captcha-invalid");
        // an access token is signed by the same keys, but it is no pass
        refused("cap-g", round, TestTokens.fan("cap-g"), DomainException.Kind.FORBIDDEN, "captcha-invalid");

        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        CaptchaPass stale = new CaptchaPass(IDS.next(), "cap-g", round, anHourAgo,
                anHourAgo.plus(Duration.ofMinutes(2)));
        refused("cap-g", round, new JwsCaptchaPasses(() -> TestTokens.KEYS, publishedKeys).sign(stale),
                DomainException.Kind.FORBIDDEN, "captcha-invalid");
        CaptchaPass current = new CaptchaPass(IDS.next(), "cap-g", round, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Instant.now().plus(Duration.ofMinutes(2)));
        // same kid, someone else's key
        refused("cap-g", round, new JwsCaptchaPasses(() -> TestTokens.STRANGER, publishedKeys).sign(current),
                DomainException.Kind.FORBIDDEN, "captcha-invalid");

        consuming.consume("cap-g", round, pass); // none of the above spent it
    }

    @Test
    void malformed_requests_are_400_and_no_token_is_401() {
        CatalogApiTest.problem(as("cap-i").body(Map.of("roundId", "nope")).post("/v1/captcha/challenges").then(), 400);
        CatalogApiTest.problem(as("cap-i").body("{}").post("/v1/captcha/challenges").then(), 400);
        String id = challenge("cap-i", newRound());
        CatalogApiTest.problem(answer("cap-i", id, null), 400);
        CatalogApiTest.problem(answer("cap-i", id, 900), 400);
        CatalogApiTest.problem(answer("cap-i", "not-an-id", 100), 400);
        CatalogApiTest.problem(given().contentType(ContentType.JSON).body(Map.of("roundId", newRound()))
                .post("/v1/captcha/challenges").then(), 401);
    }
}
