package dev.madang.aws.portone;

import dev.madang.domain.identity.IdentityProviderUnavailable;
import dev.madang.domain.identity.VerificationResult;
import dev.madang.domain.identity.VerificationResult.Outcome;
import dev.madang.domain.identity.VerifiedPerson;
import dev.madang.localstack.PortOneSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real adapter over real HTTP against {@link PortOneSandbox}, failures included. */
class PortOneIdentityVerificationsTest {

    static final String SECRET = "test-portone-api-secret-0123456789";
    static final LocalDate BIRTH = LocalDate.of(1990, 1, 2);

    static PortOneSandbox sandbox;
    /** Patient enough for a loaded build machine; backoff kept tiny so retry tests stay fast. */
    static PortOneIdentityVerifications portOne;
    /** Gives up on an attempt after half a second, for the slow-provider tests. */
    static PortOneIdentityVerifications impatient;

    @BeforeAll
    static void start() {
        sandbox = PortOneSandbox.start(SECRET);
        portOne = new PortOneIdentityVerifications(sandbox.baseUrl(), SECRET, new PortOneIdentityVerifications.Settings(
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(10)));
        impatient = new PortOneIdentityVerifications(sandbox.baseUrl(), SECRET, new PortOneIdentityVerifications.Settings(
                Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(10)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clean() {
        sandbox.reset();
    }

    @Test
    void a_verified_verification_yields_the_person() {
        sandbox.verified("iv-hong", "홍길동", BIRTH, "01012345678", "CI-hong", "DI-hong");

        VerificationResult result = portOne.check("iv-hong");

        assertThat(result.outcome()).isEqualTo(Outcome.VERIFIED);
        VerifiedPerson person = result.person();
        assertThat(person.name()).isEqualTo("홍길동");
        assertThat(person.birthDate()).isEqualTo(BIRTH);
        assertThat(person.phone()).isEqualTo("01012345678");
        assertThat(person.ci()).isEqualTo("CI-hong");
        assertThat(person.di()).isEqualTo("DI-hong");
        assertThat(sandbox.requestCount()).isEqualTo(1);
    }

    @Test
    void phone_and_ci_may_be_missing() {
        sandbox.verified("iv-kim", "Kim", BIRTH, null, null, "DI-kim");

        VerifiedPerson person = portOne.check("iv-kim").person();

        assertThat(person.phone()).isNull();
        assertThat(person.ci()).isNull();
        assertThat(person.di()).isEqualTo("DI-kim");
    }

    @Test
    void a_verified_answer_without_di_is_a_channel_configuration_error() {
        sandbox.verified("iv-no-di", "Kim", BIRTH, "01000000000", "CI-kim", null);

        assertThatThrownBy(() -> portOne.check("iv-no-di")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("di").hasMessageNotContaining("CI-kim").hasMessageNotContaining("01000000000");
    }

    @Test
    void ready_and_failed_are_not_verified() {
        sandbox.ready("iv-ready").failed("iv-failed");

        assertThat(portOne.check("iv-ready")).isEqualTo(VerificationResult.notVerified("READY"));
        assertThat(portOne.check("iv-failed")).isEqualTo(VerificationResult.notVerified("FAILED"));
    }

    @Test
    void an_unknown_verification_is_not_found() {
        assertThat(portOne.check("iv-nobody").outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(sandbox.requestCount()).as("a definite answer is not retried").isEqualTo(1);
    }

    @Test
    void a_wrong_secret_is_a_clear_configuration_error_that_does_not_leak_the_secret() {
        sandbox.verified("iv-hong", "홍길동", BIRTH, "01012345678", "CI-hong", "DI-hong");
        String wrong = "wrong-secret-abcdef";
        PortOneIdentityVerifications misconfigured = new PortOneIdentityVerifications(sandbox.baseUrl(), wrong);

        assertThatThrownBy(() -> misconfigured.check("iv-hong")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("API secret is wrong").hasMessageContaining("401")
                .hasMessageNotContaining(wrong);
        assertThat(sandbox.requestCount()).as("not retried").isEqualTo(1);
        assertThat(misconfigured.toString()).doesNotContain(wrong).contains(sandbox.baseUrl().toString());
        assertThat(portOne.toString()).doesNotContain(SECRET);
    }

    @Test
    void two_outages_then_an_answer_succeed_on_the_third_attempt() {
        sandbox.verified("iv-hong", "홍길동", BIRTH, "01012345678", "CI-hong", "DI-hong").failNext(2, 503);

        assertThat(portOne.check("iv-hong").outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(sandbox.requestCount()).isEqualTo(3);
    }

    @Test
    void rate_limiting_is_retried_too() {
        sandbox.failed("iv-failed").failNext(1, 429);

        assertThat(portOne.check("iv-failed").outcome()).isEqualTo(Outcome.NOT_VERIFIED);
        assertThat(sandbox.requestCount()).isEqualTo(2);
    }

    @Test
    void a_persistent_outage_is_unavailable_after_three_attempts() {
        sandbox.verified("iv-hong", "홍길동", BIRTH, "01012345678", "CI-hong", "DI-hong").failNext(10, 503);

        assertThatThrownBy(() -> portOne.check("iv-hong")).isInstanceOf(IdentityProviderUnavailable.class)
                .hasMessageContaining("3 attempts").hasMessageContaining("503");
        assertThat(sandbox.requestCount()).isEqualTo(1 + PortOneIdentityVerifications.MAX_RETRIES);
    }

    @Test
    void one_slow_answer_is_retried() {
        sandbox.verified("iv-hong", "홍길동", BIRTH, "01012345678", "CI-hong", "DI-hong")
                .delayNext(Duration.ofSeconds(2));

        assertThat(impatient.check("iv-hong").outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(sandbox.requestCount()).isEqualTo(2);
    }

    @Test
    void a_provider_slower_than_the_timeout_is_unavailable_after_bounded_attempts() {
        sandbox.verified("iv-hong", "홍길동", BIRTH, "01012345678", "CI-hong", "DI-hong")
                .delayNext(3, Duration.ofSeconds(2));
        long started = System.nanoTime();

        assertThatThrownBy(() -> impatient.check("iv-hong")).isInstanceOf(IdentityProviderUnavailable.class)
                .hasMessageContaining("timed out");

        assertThat(sandbox.requestCount()).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("three 0.5 s attempts, not three 2 s waits")
                .isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void a_malformed_id_is_refused_without_any_http_call() {
        List<String> malformed = new ArrayList<>(List.of("", "../payments/x", "iv%2F1", "iv 1", "iv?x=1", "본인인증",
                "a".repeat(101)));
        malformed.add(null);
        for (String id : malformed) {
            assertThatThrownBy(() -> portOne.check(id)).as(String.valueOf(id))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(sandbox.requestCount()).isZero();
    }

    @Test
    void a_404_that_is_not_portones_means_a_wrong_base_url_not_an_unknown_verification() {
        sandbox.verified("iv-hong", "홍길동", BIRTH, "01012345678", "CI-hong", "DI-hong");
        PortOneIdentityVerifications wrongBase = new PortOneIdentityVerifications(
                URI.create(sandbox.baseUrl() + "/v2/"), SECRET);

        assertThatThrownBy(() -> wrongBase.check("iv-hong")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("404").hasMessageContaining("base URL");
    }

    @Test
    void the_local_runner_creates_verified_people_over_http_and_the_same_person_keeps_one_di() throws Exception {
        String first = createOverHttp("{\"name\":\"홍길동\",\"birthDate\":\"1990-01-02\",\"phoneNumber\":\"01012345678\"}");
        String again = createOverHttp("{\"name\":\"홍길동\",\"birthDate\":\"1990-01-02\",\"phoneNumber\":\"01012345678\"}");
        String other = createOverHttp("{\"name\":\"김철수\",\"birthDate\":\"1991-03-04\"}");

        VerifiedPerson hong = portOne.check(first).person();
        assertThat(hong.name()).isEqualTo("홍길동");
        assertThat(hong.birthDate()).isEqualTo(BIRTH);
        assertThat(first).isNotEqualTo(again);
        assertThat(portOne.check(again).person().di()).isEqualTo(hong.di());
        assertThat(portOne.check(other).person().di()).isNotEqualTo(hong.di());

        HttpResponse<String> bad = post("{\"name\":\"홍길동\",\"birthDate\":\"yesterday\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("INVALID_REQUEST");
    }

    private static String createOverHttp(String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).isEqualTo(201);
        Matcher id = Pattern.compile("\"identityVerificationId\":\"([^\"]+)\"").matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return id.group(1);
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                        + "/sandbox/identity-verifications")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_sandbox_window_verifies_the_person_typed_in_under_the_clients_id_and_sends_them_back() throws Exception {
        String back = "http://127.0.0.1:1/signup?next=%2Fme";
        String query = "identityVerificationId=iv-window&redirectUrl=" + java.net.URLEncoder.encode(back,
                java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                sandbox.baseUrl() + "/sandbox/identity-verification-window?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<label for=\"name\">이름</label>", "value=\"iv-window\"");
        assertThat(portOne.check("iv-window").outcome()).as("nothing verified before the form is sent")
                .isEqualTo(Outcome.NOT_FOUND);

        HttpResponse<String> empty = submitWindow(query + "&action=verify&name=&birthDate=&phoneNumber=");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("role=\"alert\"");

        HttpResponse<String> sent = submitWindow(query + "&action=verify&name=" + java.net.URLEncoder.encode("김마당",
                java.nio.charset.StandardCharsets.UTF_8) + "&birthDate=1990-01-02&phoneNumber=010-1234-5678");
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.headers().firstValue("Location")).hasValue(back + "&identityVerificationId=iv-window");
        VerificationResult result = portOne.check("iv-window");
        assertThat(result.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(result.person().name()).isEqualTo("김마당");
        assertThat(result.person().phone()).isEqualTo("01012345678");

        HttpResponse<String> cancelled = submitWindow(query.replace("iv-window", "iv-gave-up") + "&action=cancel");
        assertThat(cancelled.headers().firstValue("Location").orElseThrow())
                .startsWith(back + "&identityVerificationId=iv-gave-up&code=IDENTITY_VERIFICATION_CANCELLED");
        assertThat(portOne.check("iv-gave-up").outcome()).isEqualTo(Outcome.NOT_FOUND);

        HttpResponse<String> elsewhere = submitWindow("identityVerificationId=x&redirectUrl=javascript:alert(1)");
        assertThat(elsewhere.statusCode()).as("only http(s) redirects").isEqualTo(400);
    }

    private static HttpResponse<String> submitWindow(String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                        + "/sandbox/identity-verification-window"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
