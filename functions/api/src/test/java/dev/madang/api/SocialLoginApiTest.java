package dev.madang.api;

import dev.madang.localstack.SocialLoginSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * Kakao and Naver login over HTTP, end to end: our API, the real adapters, and the providers' stand-ins, with the
 * browser's part (consent page → redirect back) played by the test.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class SocialLoginApiTest {

    static ValidatableResponse start(String provider) {
        return given().contentType(ContentType.JSON).body(Map.of("redirectUri", LocalAwsResource.REDIRECT_URI))
                .post("/v1/auth/social/" + provider + "/authorizations").then();
    }

    static ValidatableResponse callback(String provider, String code, String state) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code, "state", state))
                .post("/v1/auth/social/" + provider + "/callback").then();
    }

    /** Start, consent as {@code user}, come back: the callback's code and state. */
    static Map<String, String> loginAs(SocialLoginSandbox provider, String name, String user) {
        provider.signIn(user);
        String url = start(name).statusCode(201).extract().path("authorizationUrl");
        return SocialSandboxes.consent(url);
    }

    @Test
    void a_new_kakao_user_gets_an_account_and_the_same_user_comes_back_to_it() {
        String kakaoId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        SocialSandboxes.kakao.registerUser(kakaoId, "kakao-" + kakaoId + "@example.com", "카카오팬", true);

        ValidatableResponse started = start("kakao").statusCode(201);
        String state = started.extract().path("state");
        String url = started.extract().path("authorizationUrl");
        assertThat(url).startsWith(SocialSandboxes.kakao.authHost().toString()).contains("state=" + state)
                .contains("client_id=kakao-rest-key");

        SocialSandboxes.kakao.signIn(kakaoId);
        Map<String, String> back = SocialSandboxes.consent(url);
        assertThat(back).containsEntry("state", state).containsEntry("redirect", LocalAwsResource.REDIRECT_URI);
        Fans.Tokens first = Fans.Tokens.of(callback("kakao", back.get("code"), state).statusCode(201));
        given().auth().oauth2(first.access()).get("/v1/me").then().statusCode(200)
                .body("name", equalTo("카카오팬")).body("socialLogins", equalTo(List.of("kakao")))
                .body("identityVerified", equalTo(false)).body("email", org.hamcrest.Matchers.nullValue());

        // the callback replayed: the state was used up
        CatalogApiTest.problem(callback("kakao", back.get("code"), state), 401).body("type", endsWith("social-login-failed"));

        // the same Kakao user logging in again lands in the same account
        Map<String, String> again = loginAs(SocialSandboxes.kakao, "kakao", kakaoId);
        callback("kakao", again.get("code"), again.get("state")).statusCode(200)
                .body("accountId", equalTo(first.accountId()));
    }

    @Test
    void a_naver_user_logs_in_verifies_later_and_then_may_book() {
        String naverId = "nv-" + UUID.randomUUID();
        SocialSandboxes.naver.registerUser(naverId, "naver-" + naverId + "@example.com", "네이버팬", true);
        Map<String, String> back = loginAs(SocialSandboxes.naver, "naver", naverId);
        Fans.Tokens fan = Fans.Tokens.of(callback("naver", back.get("code"), back.get("state")).statusCode(201));

        String round = HoldsApiTest.roundOnSale(true);
        Map<String, Object> hold = Map.of("roundId", round, "seatIds", List.of("A-1-4"));
        CatalogApiTest.problem(given().auth().oauth2(fan.access()).contentType(ContentType.JSON).body(hold)
                .post("/v1/holds").then(), 403).body("type", endsWith("identity-verification-required"));

        // 본인인증 once, later; a failed one and a replayed one are refused first
        LocalAwsResource.portOne.failed("iv-naver-failed");
        CatalogApiTest.problem(given().auth().oauth2(fan.access()).contentType(ContentType.JSON)
                .body(Map.of("identityVerificationId", "iv-naver-failed")).post("/v1/me/identity-verification")
                .then(), 422);
        String someoneElses = Fans.verifiedPerson();
        Fans.signUp(Fans.signUpBody(Fans.uniqueEmail(), "Correct-Horse-42", someoneElses)).statusCode(201);
        CatalogApiTest.problem(given().auth().oauth2(fan.access()).contentType(ContentType.JSON)
                .body(Map.of("identityVerificationId", someoneElses)).post("/v1/me/identity-verification").then(), 409);

        String mine = Fans.verifiedPerson();
        given().auth().oauth2(fan.access()).contentType(ContentType.JSON).body(Map.of("identityVerificationId", mine))
                .post("/v1/me/identity-verification").then().statusCode(200).body("identityVerified", equalTo(true));
        CatalogApiTest.problem(given().auth().oauth2(fan.access()).contentType(ContentType.JSON)
                .body(Map.of("identityVerificationId", Fans.verifiedPerson())).post("/v1/me/identity-verification")
                .then(), 409).body("type", endsWith("identity-already-verified"));

        // the access token still says "unverified" until it is refreshed; the refreshed one may book
        Fans.Tokens refreshed = Fans.Tokens.of(Fans.refresh(fan.refresh()).statusCode(200));
        given().auth().oauth2(refreshed.access()).contentType(ContentType.JSON).body(hold).post("/v1/holds").then()
                .statusCode(201);
    }

    @Test
    void a_person_already_linked_cannot_verify_a_second_social_account() {
        String di = "DI-" + UUID.randomUUID();
        Fans.signUp(Fans.signUpBody(Fans.uniqueEmail(), "Correct-Horse-42", Fans.verification(di, "강감찬")))
                .statusCode(201);
        String kakaoId = String.valueOf(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L));
        SocialSandboxes.kakao.registerUser(kakaoId, null, "둘째계정", false);
        Map<String, String> back = loginAs(SocialSandboxes.kakao, "kakao", kakaoId);
        Fans.Tokens second = Fans.Tokens.of(callback("kakao", back.get("code"), back.get("state")).statusCode(201));
        CatalogApiTest.problem(given().auth().oauth2(second.access()).contentType(ContentType.JSON)
                        .body(Map.of("identityVerificationId", Fans.verification(di, "강감찬")))
                        .post("/v1/me/identity-verification").then(), 409)
                .body("type", endsWith("identity-already-linked"));
        given().auth().oauth2(second.access()).get("/v1/me").then().body("identityVerified", equalTo(false));
    }

    @Test
    void the_social_login_refuses_what_it_should() {
        // an unknown provider, an unregistered redirect (it would let anyone collect codes)
        CatalogApiTest.problem(start("facebook"), 404);
        CatalogApiTest.problem(given().contentType(ContentType.JSON).body(Map.of("redirectUri", "https://evil.example/cb"))
                .post("/v1/auth/social/kakao/authorizations").then(), 400)
                .body("errors.field", equalTo(List.of("redirectUri")));
        // a state this API never issued, and one issued for the other provider
        CatalogApiTest.problem(callback("kakao", "some-code", "A".repeat(43)), 401);
        String naverState = start("naver").statusCode(201).extract().path("state");
        CatalogApiTest.problem(callback("kakao", "some-code", naverState), 401);
        // malformed input is a 400, not a provider call
        CatalogApiTest.problem(callback("kakao", "", "short"), 400);

        // the provider refuses the code (made up): 401, and the state is spent
        String state = start("kakao").statusCode(201).extract().path("state");
        CatalogApiTest.problem(callback("kakao", "not-a-real-code", state), 401)
                .body("type", endsWith("social-login-failed"));
    }

    @Test
    void a_provider_that_is_down_is_a_503() {
        String naverId = "nv-" + UUID.randomUUID();
        SocialSandboxes.naver.registerUser(naverId, null, "다운", true);
        Map<String, String> back = loginAs(SocialSandboxes.naver, "naver", naverId);
        int before = SocialSandboxes.naver.requestCount(SocialLoginSandbox.Endpoint.PROFILE);
        // exactly as many failures as the adapter's attempts at the profile, so later tests meet a healthy provider
        SocialSandboxes.naver.failNext(SocialLoginSandbox.Endpoint.PROFILE, 3, 503);
        CatalogApiTest.problem(callback("naver", back.get("code"), back.get("state")), 503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertThat(SocialSandboxes.naver.requestCount(SocialLoginSandbox.Endpoint.PROFILE) - before).isEqualTo(3);
    }
}
