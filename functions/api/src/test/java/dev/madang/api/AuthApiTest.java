package dev.madang.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Sign-up, login, refresh, logout and what the API accepts as an access token, over HTTP. */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class AuthApiTest {

    static final String PASSWORD = "Correct-Horse-42";

    @Test
    void a_fan_signs_up_with_a_verified_identity_and_is_logged_in() {
        String email = Fans.uniqueEmail();
        Map<String, Object> body = Fans.signUpBody(email.toUpperCase(), PASSWORD, Fans.verifiedPerson());
        body.put("marketingConsent", true);
        // a client trying to make itself an admin, or verified by its own word: ignored
        body.put("role", "ADMIN");
        body.put("roles", List.of("ADMIN"));
        body.put("verified", true);
        ValidatableResponse r = Fans.signUp(body).statusCode(201)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .body("tokenType", equalTo("Bearer")).body("accessToken", notNullValue())
                .body("refreshToken", notNullValue()).body("accessTokenExpiresAt", notNullValue());
        String access = r.extract().path("accessToken");

        given().auth().oauth2(access).get("/v1/me").then().statusCode(200)
                .body("email", equalTo(email)) // stored normalised
                .body("roles", contains("USER"))
                .body("identityVerified", equalTo(true))
                .body("identity.birthDate", equalTo("1994-05-17"))
                .body("marketingConsent", equalTo(true));
        // an admin route stays closed to it
        CatalogApiTest.problem(given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/v1/admin/venues").then(), 403);
    }

    @Test
    void the_same_email_signed_up_in_parallel_gives_one_account() throws Exception {
        String email = Fans.uniqueEmail();
        int n = 12;
        List<String> verifications = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            verifications.add(Fans.verifiedPerson()); // twelve different people, one e-mail
        }
        long before = AccountsTable.accountsAndClaims();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String v : verifications) {
                Callable<Integer> signUp = () -> Fans.signUp(Fans.signUpBody(email, PASSWORD, v)).extract().statusCode();
                answers.add(pool.submit(signUp));
            }
            Map<Integer, Long> byStatus = new HashMap<>();
            for (Future<Integer> a : answers) {
                byStatus.merge(a.get(), 1L, Long::sum);
            }
            System.out.println("parallel sign-ups of one e-mail: " + byStatus);
            assertThat(byStatus).containsOnly(Map.entry(201, 1L), Map.entry(409, (long) n - 1));
        } finally {
            pool.shutdownNow();
        }
        // one account with its e-mail, person and verification claims: nothing of the refused eleven
        assertThat(AccountsTable.accountsAndClaims() - before).isEqualTo(4);
        Fans.logIn(email, PASSWORD).statusCode(200);
    }

    @Test
    void a_verification_is_used_once_and_a_person_has_one_account() {
        String di = "DI-" + java.util.UUID.randomUUID();
        String first = Fans.verification(di, "홍길동");
        Fans.signUp(Fans.signUpBody(Fans.uniqueEmail(), PASSWORD, first)).statusCode(201);
        long before = AccountsTable.accountsAndClaims();

        // the same verification replayed for another e-mail
        CatalogApiTest.problem(Fans.signUp(Fans.signUpBody(Fans.uniqueEmail(), PASSWORD, first)), 409)
                .body("type", org.hamcrest.Matchers.endsWith("identity-already-linked"));
        // the same person verifying again, for a second account
        CatalogApiTest.problem(Fans.signUp(Fans.signUpBody(Fans.uniqueEmail(), PASSWORD, Fans.verification(di, "홍길동"))),
                409).body("type", org.hamcrest.Matchers.endsWith("identity-already-linked"));
        // a verification that failed, one still waiting, and one nobody made
        LocalAwsResource.portOne.failed("iv-failed-1");
        LocalAwsResource.portOne.ready("iv-ready-1");
        CatalogApiTest.problem(Fans.signUp(Fans.signUpBody(Fans.uniqueEmail(), PASSWORD, "iv-failed-1")), 422)
                .body("type", org.hamcrest.Matchers.endsWith("identity-not-verified"));
        CatalogApiTest.problem(Fans.signUp(Fans.signUpBody(Fans.uniqueEmail(), PASSWORD, "iv-ready-1")), 422);
        CatalogApiTest.problem(Fans.signUp(Fans.signUpBody(Fans.uniqueEmail(), PASSWORD, "iv-nobody-made")), 422)
                .body("type", org.hamcrest.Matchers.endsWith("identity-verification-unknown"));
        assertThat(AccountsTable.accountsAndClaims()).isEqualTo(before);
    }

    @Test
    void a_verification_id_vouches_once_even_for_the_person_it_verified() {
        String verification = Fans.verifiedPerson();
        String email = Fans.uniqueEmail();
        Fans.signUp(Fans.signUpBody(email, PASSWORD, verification)).statusCode(201);
        // closing frees the person and the e-mail, but the spent verification stays spent
        String access = Fans.logIn(email, PASSWORD).statusCode(200).extract().path("accessToken");
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("password", PASSWORD))
                .delete("/v1/me").then().statusCode(204);
        CatalogApiTest.problem(Fans.signUp(Fans.signUpBody(email, PASSWORD, verification)), 409)
                .body("type", org.hamcrest.Matchers.endsWith("identity-verification-used"));
    }

    @Test
    void bad_sign_ups_are_400_with_every_field_named_and_write_nothing() {
        long before = AccountsTable.accountsAndClaims();
        int asked = LocalAwsResource.portOne.requestCount();
        CatalogApiTest.problem(Fans.signUp(Fans.signUpBody("not-an-email", "short", "../etc")), 400)
                .body("errors.field", containsInAnyOrder("email", "password", "password", "identityVerificationId"));
        CatalogApiTest.problem(given().contentType(ContentType.JSON).body("{\"email\":").post("/v1/auth/signup").then(), 400);
        CatalogApiTest.problem(given().contentType(ContentType.JSON).post("/v1/auth/signup").then(), 400);
        assertThat(LocalAwsResource.portOne.requestCount()).isEqualTo(asked); // nobody asked PortOne
        assertThat(AccountsTable.accountsAndClaims()).isEqualTo(before);
    }

    @Test
    void identity_provider_down_is_a_503_and_the_verification_stays_usable() {
        String verification = Fans.verifiedPerson();
        String email = Fans.uniqueEmail();
        LocalAwsResource.portOne.failNext(3, 503);
        CatalogApiTest.problem(Fans.signUp(Fans.signUpBody(email, PASSWORD, verification)), 503)
                .header("Retry-After", notNullValue());
        Fans.signUp(Fans.signUpBody(email, PASSWORD, verification)).statusCode(201);
    }

    @Test
    void login_errors_never_tell_whether_an_email_exists_and_repeated_failures_are_throttled() {
        String email = Fans.uniqueEmail();
        Fans.newFan(email, PASSWORD);

        String wrongPassword = CatalogApiTest.problem(Fans.logIn(email, "Wrong-Horse-42"), 401)
                .extract().body().asString();
        String unknownEmail = CatalogApiTest.problem(Fans.logIn(Fans.uniqueEmail(), PASSWORD), 401)
                .extract().body().asString();
        assertThat(wrongPassword).isEqualTo(unknownEmail);

        for (int i = 0; i < 4; i++) {
            CatalogApiTest.problem(Fans.logIn(email, "Wrong-Horse-" + i), 401);
        }
        // five failures: even the right password is refused for a while, with a time to wait
        CatalogApiTest.problem(Fans.logIn(email, PASSWORD), 429).header("Retry-After", notNullValue());
    }

    @Test
    void a_refresh_token_rotates_and_reusing_a_spent_one_revokes_the_whole_session() {
        String email = Fans.uniqueEmail();
        Fans.Tokens first = Fans.newFan(email, PASSWORD);

        Fans.Tokens second = Fans.Tokens.of(Fans.refresh(first.refresh()).statusCode(200));
        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        given().auth().oauth2(second.access()).get("/v1/me").then().statusCode(200);

        // the spent token again: reuse, so the session is revoked, including the token just handed out
        CatalogApiTest.problem(Fans.refresh(first.refresh()), 401);
        CatalogApiTest.problem(Fans.refresh(second.refresh()), 401);

        // another login is another session, unaffected
        Fans.Tokens other = Fans.Tokens.of(Fans.logIn(email, PASSWORD).statusCode(200));
        Fans.refresh(other.refresh()).statusCode(200);
    }

    @Test
    void two_tabs_refreshing_at_once_get_one_winner_and_a_revoked_session() throws Exception {
        Fans.Tokens tokens = Fans.newFan(Fans.uniqueEmail(), PASSWORD);
        int tabs = 6;
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        try {
            List<Future<ValidatableResponse>> answers = new ArrayList<>();
            for (int i = 0; i < tabs; i++) {
                answers.add(pool.submit(() -> Fans.refresh(tokens.refresh())));
            }
            List<ValidatableResponse> responses = new ArrayList<>();
            for (Future<ValidatableResponse> a : answers) {
                responses.add(a.get());
            }
            Map<Integer, Long> byStatus = responses.stream().collect(Collectors.groupingBy(
                    r -> r.extract().statusCode(), Collectors.counting()));
            System.out.println("two-tab refresh, " + tabs + " at once: " + byStatus);
            assertThat(byStatus).containsOnly(Map.entry(200, 1L), Map.entry(401, (long) tabs - 1));
            String winnersToken = responses.stream().filter(r -> r.extract().statusCode() == 200).findFirst()
                    .orElseThrow().extract().path("refreshToken");
            CatalogApiTest.problem(Fans.refresh(winnersToken), 401); // the family was revoked
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logout_revokes_the_session() {
        Fans.Tokens tokens = Fans.newFan(Fans.uniqueEmail(), PASSWORD);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", tokens.refresh())).post("/v1/auth/logout")
                .then().statusCode(204);
        CatalogApiTest.problem(Fans.refresh(tokens.refresh()), 401);
        // logging out twice, or with garbage, says nothing about the token
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", tokens.refresh())).post("/v1/auth/logout")
                .then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", "nonsense")).post("/v1/auth/logout")
                .then().statusCode(204);
    }

    @Test
    void only_a_well_made_access_token_passes() {
        Fans.Tokens tokens = Fans.newFan(Fans.uniqueEmail(), PASSWORD);
        String id = tokens.accountId();
        given().auth().oauth2(tokens.access()).get("/v1/me").then().statusCode(200);

        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("expired", TestTokens.expiredAdmin());
        refused.put("alg none", TestTokens.unsigned(TestTokens.claims(id, "\"USER\"", "access")));
        refused.put("HS256 keyed with the public key", TestTokens.hs256WithPublicKey(TestTokens.claims(id, "\"USER\"",
                "access")));
        refused.put("wrong aud", TestTokens.adminForOtherAudience());
        refused.put("signed by a stranger under our kid", TestTokens.adminSignedByStranger());
        refused.put("typ at+jwt", TestTokens.rs256(TestTokens.header("RS256", "at+jwt", TestTokens.ACTIVE_KID),
                TestTokens.claims(id, "\"USER\"", "access")));
        refused.put("no typ", TestTokens.rs256(TestTokens.header("RS256", null, TestTokens.ACTIVE_KID),
                TestTokens.claims(id, "\"USER\"", "access")));
        refused.put("token_use refresh", TestTokens.rs256(TestTokens.header("RS256", "JWT", TestTokens.ACTIVE_KID),
                TestTokens.claims(id, "\"USER\"", "refresh")));
        refused.put("no token_use", TestTokens.rs256(TestTokens.header("RS256", "JWT", TestTokens.ACTIVE_KID),
                TestTokens.claims(id, "\"USER\"", null)));
        refused.put("unknown kid", TestTokens.rs256(TestTokens.header("RS256", "JWT", "nobody-2020"),
                TestTokens.claims(id, "\"USER\"", "access")));
        refused.put("the refresh token as a bearer token", tokens.refresh());
        refused.put("garbage", "not.a.token");
        refused.forEach((what, token) -> {
            ValidatableResponse r = given().auth().oauth2(token).get("/v1/me").then();
            assertThat(r.extract().statusCode()).as(what).isEqualTo(401);
            r.contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        });

        // the same hand-made token with everything right passes: the refusals above are each about one thing
        given().auth().oauth2(TestTokens.rs256(TestTokens.header("RS256", "JWT", TestTokens.ACTIVE_KID),
                TestTokens.claims(id, "\"USER\"", "access"))).get("/v1/me").then().statusCode(200);
        // a token signed by the older key, still published during a rotation, passes too
        given().auth().oauth2(TestTokens.fanSignedWithOldKey(id)).get("/v1/me").then().statusCode(200);
    }

    @Test
    void the_issuer_publishes_its_keys_and_where_they_are() {
        given().get("/v1/auth/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age"))
                .body("keys.kid", containsInAnyOrder(TestTokens.OLD_KID, TestTokens.ACTIVE_KID))
                .body("keys.alg", contains("RS256", "RS256"))
                .body("keys[0].d", org.hamcrest.Matchers.nullValue()); // public halves only
        given().get("/v1/auth/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo(TestTokens.ISSUER))
                .body("jwks_uri", equalTo(TestTokens.ISSUER + "/.well-known/jwks.json"));
    }
}
