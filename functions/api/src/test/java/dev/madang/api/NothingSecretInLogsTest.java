package dev.madang.api;

import dev.madang.localstack.SocialLoginSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures every log record the API process writes during a full account flow, failures and provider outages
 * included, and checks that no password, token, CI/DI, code or secret is in any of them (message, parameters and
 * stack traces).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class NothingSecretInLogsTest {

    static final class Capture extends Handler {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLoggerName() != null && record.getLoggerName().startsWith("org.apache.http")) {
                return; // the test's own HTTP client (RestAssured) printing what it sends: not the service's log
            }
            StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + " "
                    + record.getMessage());
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    line.append(" | ").append(p);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    final Capture capture = new Capture();
    final Logger root = Logger.getLogger("");
    Level rootLevel;

    @BeforeEach
    void listen() {
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        rootLevel = root.getLevel();
        // debug lines too, of every library (HTTP layer, JWT, SDK): a secret in any of them would reach a log
        root.setLevel(Level.FINE);
        Logger.getLogger("dev.madang").setLevel(Level.FINE);
    }

    @AfterEach
    void stop() {
        root.removeHandler(capture);
        root.setLevel(rootLevel);
        Logger.getLogger("dev.madang").setLevel(Level.INFO);
    }

    @Test
    void a_full_account_flow_leaves_no_secret_in_any_log_line() {
        List<String> secrets = new ArrayList<>(List.of(LocalAwsResource.PORTONE_SECRET, SocialSandboxes.KAKAO_SECRET,
                SocialSandboxes.NAVER_SECRET));
        // the private keys, as they appear in the key-set JSON
        secrets.add(Base64.getEncoder().encodeToString(TestTokens.KEYS.activePrivateKey().getEncoded())
                .substring(100, 164));

        String password = "Log-Test-Password-" + UUID.randomUUID();
        String newPassword = "Log-Test-New-" + UUID.randomUUID();
        String email = Fans.uniqueEmail();
        String di = "DI-LOGTEST-" + UUID.randomUUID();
        String verification = Fans.verification(di, "로그테스트");
        secrets.addAll(List.of(password, newPassword, di, "CI-" + di));

        // sign-up through a PortOne outage (the adapter logs its retries), then a wrong password and a throttle
        LocalAwsResource.portOne.failNext(2, 503);
        Fans.Tokens tokens = Fans.Tokens.of(Fans.signUp(Fans.signUpBody(email, password, verification)).statusCode(201));
        Fans.logIn(email, "Wrong-" + password).statusCode(401);
        Fans.Tokens second = Fans.Tokens.of(Fans.logIn(email, password).statusCode(200));
        Fans.Tokens rotated = Fans.Tokens.of(Fans.refresh(second.refresh()).statusCode(200));
        Fans.refresh(second.refresh()).statusCode(401); // reuse
        given().auth().oauth2(tokens.access()).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "Wrong-" + password, "newPassword", newPassword))
                .put("/v1/me/password").then().statusCode(422);
        given().auth().oauth2(tokens.access()).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", password, "newPassword", newPassword))
                .put("/v1/me/password").then().statusCode(204);
        given().auth().oauth2(tokens.refresh()).get("/v1/me").then().statusCode(401); // refresh token as bearer
        secrets.addAll(List.of(tokens.access(), tokens.refresh(), second.access(), second.refresh(), rotated.access(),
                rotated.refresh()));

        // social login with a provider outage on the profile, then a good one, and a later verification
        String kakaoId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        SocialSandboxes.kakao.registerUser(kakaoId, "kakao-log@example.com", "로그카카오", true);
        Map<String, String> back = SocialLoginApiTest.loginAs(SocialSandboxes.kakao, "kakao", kakaoId);
        SocialSandboxes.kakao.failNext(SocialLoginSandbox.Endpoint.PROFILE, 3, 500);
        SocialLoginApiTest.callback("kakao", back.get("code"), back.get("state")).statusCode(503);
        Map<String, String> again = SocialLoginApiTest.loginAs(SocialSandboxes.kakao, "kakao", kakaoId);
        Fans.Tokens social = Fans.Tokens.of(SocialLoginApiTest.callback("kakao", again.get("code"), again.get("state"))
                .statusCode(201));
        String socialDi = "DI-LOGTEST-" + UUID.randomUUID();
        given().auth().oauth2(social.access()).contentType(ContentType.JSON)
                .body(Map.of("identityVerificationId", Fans.verification(socialDi, "로그카카오")))
                .post("/v1/me/identity-verification").then().statusCode(200);
        secrets.addAll(List.of(back.get("code"), again.get("code"), social.access(), social.refresh(), socialDi,
                "CI-" + socialDi));

        // a virtual-account booking: the Toss secret key, the account's deposit secret and the refund account number
        // travel through the API, the workflow steps and the webhook
        LocalAwsResource.toss.webhookUrl(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port
                + "/v1/hooks/toss"));
        Map<String, Object> order = PaymentsApiTest.orderFor("log-payer", "VIRTUAL_ACCOUNT");
        String orderId = (String) order.get("orderId");
        String paymentKey = LocalAwsResource.toss.authorize(orderId, 340000,
                dev.madang.localstack.TossSandbox.PayMethod.VIRTUAL_ACCOUNT);
        PaymentsApiTest.pay("log-payer", orderId, paymentKey, 340000).statusCode(200);
        String depositSecret = LocalAwsResource.toss.paymentJson(paymentKey).path("secret").asText();
        LocalAwsResource.toss.deposit(paymentKey, 2);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> PaymentsApiTest.status("log-payer", orderId).equals("PAID"));
        secrets.addAll(List.of(LocalAwsResource.TOSS_SECRET, depositSecret, PaymentsApiTest.REFUND_ACCOUNT_NUMBER));
        assertThat(depositSecret).isNotBlank();

        given().auth().oauth2(tokens.access()).contentType(ContentType.JSON).body(Map.of("password", newPassword))
                .delete("/v1/me").then().statusCode(204);

        List<String> lines;
        synchronized (capture) {
            lines = List.copyOf(capture.lines);
        }
        System.out.println("log lines captured during the flow: " + lines.size());
        // the capture works: the provider retries were logged
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("PortOne"));
        assertThat(lines).anySatisfy(l -> assertThat(l).containsIgnoringCase("kakao"));
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    leaks.add(line.substring(0, Math.min(line.length(), 300)));
                }
            }
            if (line.contains("$argon2id$")) {
                leaks.add(line.substring(0, Math.min(line.length(), 300)));
            }
        }
        assertThat(leaks).as("log lines carrying a secret").isEmpty();
    }
}
