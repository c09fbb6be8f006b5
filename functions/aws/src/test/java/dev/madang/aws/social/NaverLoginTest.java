package dev.madang.aws.social;

import dev.madang.domain.account.social.SocialProfile;
import dev.madang.domain.account.social.SocialProvider;
import dev.madang.domain.account.social.SocialProviderUnavailable;
import dev.madang.domain.common.DomainException;
import dev.madang.localstack.NaverSandbox;
import dev.madang.localstack.SocialLoginSandbox.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real Naver adapter over real HTTP against {@link NaverSandbox}, refusals and outages included. */
class NaverLoginTest {

    static final String CLIENT_ID = "test-naver-client-id";
    static final String SECRET = "test-naver-client-secret-0123";
    static final URI CALLBACK = URI.create("https://madang.example/auth/social/naver/callback");
    static final String STATE = "state-c0ffee";
    static final String FAN = "nv-Xk2pQ9s8_fan";
    static final String FAN_EMAIL = "fan.lee@example.com";

    static NaverSandbox sandbox;
    static NaverLogin naver;

    @BeforeAll
    static void start() {
        sandbox = NaverSandbox.start(CLIENT_ID, SECRET);
        naver = new NaverLogin(sandbox.authHost(), sandbox.apiHost(), CLIENT_ID, SECRET,
                new SocialLoginSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(10)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clean() {
        sandbox.reset();
        sandbox.registerRedirectUri(CALLBACK);
        sandbox.registerUser(FAN, FAN_EMAIL, "이팬", true);
    }

    @Test
    void a_user_who_consents_signs_in_with_their_naver_profile() {
        Browser.Answer consent = Browser.visit(naver.authorizationUrl(STATE, CALLBACK));

        assertThat(consent.status()).isEqualTo(302);
        assertThat(consent.location()).startsWith(CALLBACK + "?code=");
        assertThat(consent.callbackParams()).containsEntry("state", STATE);

        SocialProfile profile = naver.complete(consent.callbackParams().get("code"), STATE, CALLBACK);

        assertThat(profile.provider()).isEqualTo(SocialProvider.NAVER);
        assertThat(profile.providerUserId()).isEqualTo(FAN);
        assertThat(profile.email()).isEqualTo(FAN_EMAIL);
        assertThat(profile.nickname()).isEqualTo("이팬");
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isEqualTo(1);
    }

    @Test
    void the_authorization_url_carries_client_redirect_uri_and_state_encoded() {
        URI callback = URI.create("http://localhost:8080/auth/social/naver/callback?next=%2Fmy%20tickets&x=1");
        sandbox.registerRedirectUri(callback);
        String state = "a&b=c d/é";

        URI url = naver.authorizationUrl(state, callback);

        assertThat(url.getPath()).isEqualTo("/oauth2.0/authorize");
        assertThat(Browser.params(url)).containsExactly(Map.entry("response_type", "code"),
                Map.entry("client_id", CLIENT_ID), Map.entry("redirect_uri", callback.toString()),
                Map.entry("state", state));
        Browser.Answer consent = Browser.visit(url);
        assertThat(consent.location()).startsWith(callback + "&code=");
        assertThat(consent.callbackParams()).containsEntry("state", state);
        assertThat(naver.complete(consent.callbackParams().get("code"), state, callback).providerUserId())
                .isEqualTo(FAN);
    }

    @Test
    void a_code_is_spent_by_its_first_use_even_though_naver_answers_200() {
        String code = sandbox.issueCode(FAN, CALLBACK, STATE);
        naver.complete(code, STATE, CALLBACK);

        assertThatThrownBy(() -> naver.complete(code, STATE, CALLBACK))
                .isInstanceOfSatisfying(DomainException.class, KakaoLoginTest::isSocialLoginFailure)
                .hasMessageNotContaining(code);
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).isEqualTo(2);
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isEqualTo(1);
    }

    @Test
    void a_code_is_bound_to_the_state_it_was_issued_for() {
        String code = sandbox.issueCode(FAN, CALLBACK, STATE);

        assertThatThrownBy(() -> naver.complete(code, "another-state", CALLBACK))
                .isInstanceOfSatisfying(DomainException.class, KakaoLoginTest::isSocialLoginFailure);
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isZero();
    }

    @Test
    void an_unregistered_redirect_uri_is_refused_on_the_consent_page() {
        Browser.Answer consent = Browser.visit(naver.authorizationUrl(STATE,
                URI.create("https://madang.example/wrong-callback")));

        assertThat(consent.status()).isEqualTo(400);
        assertThat(consent.location()).isNull();
    }

    @Test
    void a_code_expires() {
        String code = sandbox.issueCode(FAN, CALLBACK, STATE);
        sandbox.passTime(Duration.ofMinutes(11));

        assertThatThrownBy(() -> naver.complete(code, STATE, CALLBACK))
                .isInstanceOfSatisfying(DomainException.class, KakaoLoginTest::isSocialLoginFailure);
    }

    @Test
    void a_wrong_client_secret_is_a_configuration_error_although_naver_says_invalid_request_with_200() {
        String wrong = "wrong-naver-secret-xyz";
        NaverLogin misconfigured = new NaverLogin(sandbox.authHost(), sandbox.apiHost(), CLIENT_ID, wrong,
                SocialLoginSettings.DEFAULT);
        String code = sandbox.issueCode(FAN, CALLBACK, STATE);

        assertThatThrownBy(() -> misconfigured.complete(code, STATE, CALLBACK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invalid_request").hasMessageContaining("client credentials")
                .hasMessageNotContaining(wrong).hasMessageNotContaining(code);
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(misconfigured.toString()).doesNotContain(wrong);
        assertThat(naver.toString()).doesNotContain(SECRET);
    }

    @Test
    void a_user_who_cancels_comes_back_without_a_code_and_is_refused() {
        URI url = URI.create(naver.authorizationUrl(STATE, CALLBACK) + "&sandbox_deny=true");

        Browser.Answer consent = Browser.visit(url);

        assertThat(consent.callbackParams()).containsEntry("error", "access_denied")
                .containsEntry("error_description", "Canceled By User").containsEntry("state", STATE)
                .doesNotContainKey("code");
        assertThatThrownBy(() -> naver.complete(consent.callbackParams().get("code"), STATE, CALLBACK))
                .isInstanceOfSatisfying(DomainException.class, KakaoLoginTest::isSocialLoginFailure);
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).isZero();
    }

    @Test
    void a_refused_profile_lookup_refuses_the_login() {
        sandbox.failNext(Endpoint.PROFILE, 1, 401);

        assertThatThrownBy(() -> naver.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK))
                .isInstanceOfSatisfying(DomainException.class, KakaoLoginTest::isSocialLoginFailure)
                .hasMessageNotContaining(FAN_EMAIL);
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isEqualTo(1);
    }

    @Test
    void a_profile_forbidden_to_our_app_is_a_configuration_error() {
        sandbox.failNext(Endpoint.PROFILE, 1, 403);

        assertThatThrownBy(() -> naver.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("403");
    }

    @Test
    void profile_outages_are_retried_until_naver_answers() {
        sandbox.failNext(Endpoint.PROFILE, 2, 500);

        assertThat(naver.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK).providerUserId())
                .isEqualTo(FAN);
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isEqualTo(3);
    }

    @Test
    void a_persistent_profile_outage_makes_naver_unavailable() {
        sandbox.failNext(Endpoint.PROFILE, 3, 503);

        assertThatThrownBy(() -> naver.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK))
                .isInstanceOf(SocialProviderUnavailable.class).hasMessageContaining("HTTP 503");
        assertThat(sandbox.requestCount(Endpoint.PROFILE)).isEqualTo(3);
    }

    @Test
    void a_token_endpoint_outage_is_not_retried() {
        sandbox.failNext(Endpoint.TOKEN, 1, 500);

        assertThatThrownBy(() -> naver.complete(sandbox.issueCode(FAN, CALLBACK, STATE), STATE, CALLBACK))
                .isInstanceOf(SocialProviderUnavailable.class);
        assertThat(sandbox.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    }

    @Test
    void a_member_without_an_email_has_none() {
        sandbox.registerUser("nv-no-mail", null, "메일없음", false);

        SocialProfile profile = naver.complete(sandbox.issueCode("nv-no-mail", CALLBACK, STATE), STATE, CALLBACK);

        assertThat(profile.email()).isNull();
        assertThat(profile.nickname()).isEqualTo("메일없음");
    }

    @Test
    void the_local_runner_can_register_a_user_over_http_and_pick_them_on_the_consent_page() throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/sandbox/users"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"nv-dev\",\"email\":\"dev@example.com\",\"nickname\":\"개발자\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);

        Browser.Answer consent = Browser.visit(URI.create(naver.authorizationUrl(STATE, CALLBACK) + "&sandbox_user="
                + URLEncoder.encode("nv-dev", StandardCharsets.UTF_8)));

        assertThat(naver.complete(consent.callbackParams().get("code"), STATE, CALLBACK).email())
                .isEqualTo("dev@example.com");
    }
}
