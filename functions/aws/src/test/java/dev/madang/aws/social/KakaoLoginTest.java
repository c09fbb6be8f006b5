package dev.madang.aws.social;

import dev.madang.domain.account.social.SocialLogin;
import dev.madang.domain.account.social.SocialProfile;
import dev.madang.domain.account.social.SocialProvider;
import dev.madang.domain.account.social.SocialProviderUnavailable;
import dev.madang.domain.common.DomainException;
import dev.madang.localstack.KakaoSandbox;
import dev.madang.localstack.SocialLoginSandbox.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real Kakao adapter over real HTTP against {@link KakaoSandbox}, refusals and outages included. */
class KakaoLoginTest {

    static final String REST_API_KEY = "test-kakao-rest-api-key";
    static final String SECRET = "test-kakao-client-secret-0123456789";
    static final URI CALLBACK = URI.create("https://madang.example/auth/social/kakao/callback");
    static final String STATE = "state-7f3a9c";
    static final String FAN = "4242424242";
    static final String FAN_EMAIL = "fan.kim@example.com";

    static KakaoSandbox sandbox;
    /** Patient enough for a loaded build machine; backoff kept tiny so retry tests stay fast. */
    static KakaoLogin kakao;
    /** Gives up on an attempt after half a second, for the slow-provider tests. */
    static KakaoLogin impatient;

    @BeforeAll
    static void start() {
        sandbox = KakaoSandbox.start(REST_API_KEY, SECRET);
        kakao = new KakaoLogin(sandbox.authHost(), sandbox.apiHost(), REST_API_KEY, SECRET,
                new SocialLoginSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(10)));
        impatient = new KakaoLogin(sandbox.authHost(), sandbox.apiHost(), REST_API_KEY, SECRET,
                new SocialLoginSettings(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(10)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clean() {
        sandbox.reset();
        sandbox.registerRedirectUri(CALLBACK);
        sandbox.registerUser(FAN, FAN_EMAIL, "김팬", true);
    }

    @Test
    void a_user_who_consents_signs_in_with_their_kakao_profile() {
        Browser.Answer consent = Browser.visit(kakao.authorizationUrl(STATE, CALLBACK));

        assertThat(consent.status()).isEqualTo(302);
        assertThat(consent.location()).startsWith(CALLBACK + "?code=");
        assertThat(consent.callbackParams()).containsEntry("state", STATE);

        SocialProfile profile = kakao.complete(consent.callbackParams().get("code"), STATE, CALLBACK);

        assertThat(profile.provider()).isEqualTo(SocialProvider.KAKAO);
        assertThat(profile.providerUserId()).isEqualTo(FAN);
        assertThat(profile.email()).isEqualTo(FAN_EMAIL);
        assertThat(profile.nickname()).isEqualTo("김팬");
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isEqualTo(1);
        assertThat(kakao.provider()).isEqualTo(SocialProvider.KAKAO);
    }

    @Test
    void the_authorization_url_carries_client_redirect_uri_and_state_encoded() {
        String state = "s+t/a=t&e ü";

        URI url = kakao.authorizationUrl(state, CALLBACK);

        assertThat(url.getPath()).isEqualTo("/oauth/authorize");
        assertThat(url.getRawQuery()).doesNotContain(" ").doesNotContain("&e");
        assertThat(Browser.params(url)).containsExactly(Map.entry("response_type", "code"),
                Map.entry("client_id", REST_API_KEY), Map.entry("redirect_uri", CALLBACK.toString()),
                Map.entry("state", state));
        assertThat(Browser.visit(url).callbackParams()).containsEntry("state", state);
    }

    @Test
    void a_redirect_uri_with_its_own_query_survives_the_round_trip() {
        URI callback = URI.create("http://127.0.0.1:8080/auth/social/kakao/callback?next=%2Fshows%2F7&lang=ko");
        sandbox.registerRedirectUri(callback);

        URI url = kakao.authorizationUrl(STATE, callback);
        assertThat(url.getRawQuery()).contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fauth%2Fsocial%2Fkakao"
                + "%2Fcallback%3Fnext%3D%252Fshows%252F7%26lang%3Dko");
        Browser.Answer consent = Browser.visit(url);

        assertThat(consent.location()).startsWith(callback + "&code=");
        assertThat(kakao.complete(consent.callbackParams().get("code"), STATE, callback).providerUserId())
                .as("the token request names the same redirect URI, byte for byte").isEqualTo(FAN);
    }

    @Test
    void an_unregistered_redirect_uri_gets_no_redirect_at_all() {
        Browser.Answer consent = Browser.visit(kakao.authorizationUrl(STATE, URI.create("https://evil.example/cb")));

        assertThat(consent.status()).isEqualTo(400);
        assertThat(consent.location()).isNull();
    }

    @Test
    void a_code_is_spent_by_its_first_use() {
        String code = sandbox.issueCode(FAN, CALLBACK, STATE);
        kakao.complete(code, STATE, CALLBACK);

        assertThatThrownBy(() -> kakao.complete(code, STATE, CALLBACK))
                .isInstanceOfSatisfying(DomainException.class, KakaoLoginTest::isSocialLoginFailure)
                .hasMessageNotContaining(code);
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).as("a refusal is not retried").isEqualTo(2);
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isEqualTo(1);
    }

    @Test
    void a_code_is_bound_to_its_redirect_uri() {
        String code = sandbox.issueCode(FAN, CALLBACK, STATE);

        assertThatThrownBy(() -> kakao.complete(code, STATE, URI.create("https://madang.example/other-callback")))
                .isInstanceOfSatisfying(DomainException.class, KakaoLoginTest::isSocialLoginFailure);
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isZero();
    }

    @Test
    void a_code_expires() {
        String code = sandbox.issueCode(FAN, CALLBACK, STATE);
        sandbox.passTime(Duration.ofMinutes(11));

        assertThatThrownBy(() -> kakao.complete(code, STATE, CALLBACK))
                .isInstanceOfSatisfying(DomainException.class, KakaoLoginTest::isSocialLoginFailure);
    }

    @Test
    void a_wrong_client_secret_is_a_configuration_error_that_does_not_leak_the_secret() {
        String wrong = "wrong-kakao-secret-abcdef";
        KakaoLogin misconfigured = new KakaoLogin(sandbox.authHost(), sandbox.apiHost(), REST_API_KEY, wrong,
                SocialLoginSettings.DEFAULT);
        String code = sandbox.issueCode(FAN, CALLBACK, STATE);

        assertThatThrownBy(() -> misconfigured.complete(code, STATE, CALLBACK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("401").hasMessageContaining("KOE010")
                .hasMessageNotContaining(wrong).hasMessageNotContaining(code);
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).as("not retried").isEqualTo(1);
        assertThat(misconfigured.toString()).doesNotContain(wrong).contains(REST_API_KEY);
        assertThat(kakao.toString()).doesNotContain(SECRET);
    }

    @Test
    void a_user_who_denies_consent_comes_back_without_a_code_and_is_refused() {
        sandbox.denyConsent(true);

        Browser.Answer consent = Browser.visit(kakao.authorizationUrl(STATE, CALLBACK));

        assertThat(consent.status()).isEqualTo(302);
        assertThat(consent.callbackParams()).containsEntry("error", "access_denied").containsEntry("state", STATE)
                .doesNotContainKey("code");
        assertThatThrownBy(() -> kakao.complete(consent.callbackParams().get("code"), STATE, CALLBACK))
                .isInstanceOfSatisfying(DomainException.class, KakaoLoginTest::isSocialLoginFailure);
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).as("nothing to exchange").isZero();
    }

    @Test
    void a_refused_profile_lookup_refuses_the_login() {
        sandbox.failNext(Endpoint.PROFILE, 1, 401);

        assertThatThrownBy(() -> kakao.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK))
                .isInstanceOfSatisfying(DomainException.class, KakaoLoginTest::isSocialLoginFailure);
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).as("a 401 is an answer, not an outage").isEqualTo(1);
    }

    @Test
    void profile_outages_are_retried_until_kakao_answers() {
        sandbox.failNext(Endpoint.PROFILE, 1, 503);
        sandbox.failNext(Endpoint.PROFILE, 1, 429);

        SocialProfile profile = kakao.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK);

        assertThat(profile.providerUserId()).isEqualTo(FAN);
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isEqualTo(3);
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    }

    @Test
    void a_slow_profile_lookup_is_retried() {
        sandbox.delayNext(Endpoint.PROFILE, 1, Duration.ofMillis(1500));

        assertThat(impatient.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK).providerUserId())
                .isEqualTo(FAN);
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isEqualTo(2);
    }

    @Test
    void a_persistent_profile_outage_makes_kakao_unavailable() {
        sandbox.failNext(Endpoint.PROFILE, 3, 500);

        assertThatThrownBy(() -> kakao.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK))
                .isInstanceOf(SocialProviderUnavailable.class).hasMessageContaining("HTTP 500");
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isEqualTo(1 + 2);
    }

    @Test
    void a_token_endpoint_outage_is_not_retried_because_the_code_may_be_spent() {
        sandbox.failNext(Endpoint.TOKEN, 1, 502);

        assertThatThrownBy(() -> kakao.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK))
                .isInstanceOf(SocialProviderUnavailable.class).hasMessageContaining("502");
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    }

    @Test
    void a_token_exchange_that_times_out_is_not_retried() {
        sandbox.delayNext(Endpoint.TOKEN, 1, Duration.ofMillis(1500));

        assertThatThrownBy(() -> impatient.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK))
                .isInstanceOf(SocialProviderUnavailable.class);
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    }

    @Test
    void an_unreachable_kakao_is_unavailable() throws IOException {
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort()); // closed again: connections are refused
        }
        KakaoLogin cutOff = new KakaoLogin(nowhere, nowhere, REST_API_KEY, SECRET,
                new SocialLoginSettings(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(10)));

        assertThatThrownBy(() -> cutOff.complete("some-code", STATE, CALLBACK))
                .isInstanceOf(SocialProviderUnavailable.class).hasMessageContaining("unreachable after 3 attempts");
    }

    @Test
    void an_unverified_email_is_left_out() {
        sandbox.registerUser("777", "unverified@example.com", "미인증", false);

        SocialProfile profile = kakao.complete(sandbox.issueCode("777", CALLBACK, STATE), STATE, CALLBACK);

        assertThat(profile.providerUserId()).isEqualTo("777");
        assertThat(profile.email()).isNull();
        assertThat(profile.nickname()).isEqualTo("미인증");
    }

    @Test
    void a_user_who_shares_no_email_has_none() {
        sandbox.registerUser("778", null, null, false);

        SocialProfile profile = kakao.complete(sandbox.issueCode("778", CALLBACK, STATE), STATE, CALLBACK);

        assertThat(profile.email()).isNull();
        assertThat(profile.nickname()).isNull();
    }

    @Test
    void refusals_do_not_carry_personal_data() {
        sandbox.failNext(Endpoint.PROFILE, 1, 403);

        assertThatThrownBy(() -> kakao.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK))
                .isInstanceOfSatisfying(DomainException.class, KakaoLoginTest::isSocialLoginFailure)
                .hasMessageNotContaining(FAN_EMAIL).hasMessageNotContaining(FAN);
    }

    static void isSocialLoginFailure(DomainException e) {
        assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAUTHENTICATED);
        assertThat(e.type()).isEqualTo(SocialLogin.FAILED).isEqualTo("social-login-failed");
    }
}
