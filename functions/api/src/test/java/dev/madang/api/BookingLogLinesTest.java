package dev.madang.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.metrics.EmbeddedMetricFormat;
import dev.madang.aws.support.LogFields;
import dev.madang.domain.common.BusinessMetrics;
import dev.madang.localstack.TossSandbox;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log lines of one booking over HTTP (hold, order, card payment): each request's lines carry its request id and
 * the fan's account id, and no line carries the fan's e-mail, phone, name or bearer token (docs/operations.md,
 * "Logs").
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class BookingLogLinesTest {

    /** Each log record as Lambda gets it: formatted by Quarkus' JSON formatter, one JSON object a line. */
    static final class Capture extends Handler {
        final JsonFormatter json = new JsonFormatter();
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext && !ext.getLoggerName().startsWith("org.apache.http")
                    && !ext.getLoggerName().startsWith("dev.madang.localstack")) { // the test's client, the stand-ins
                lines.add(json.format(ext));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    final Capture capture = new Capture();
    final List<String> metrics = new CopyOnWriteArrayList<>();
    final Logger root = Logger.getLogger("");

    @BeforeEach
    void listen() {
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        Logger.getLogger("dev.madang").setLevel(Level.FINE);
        BusinessMetrics.install((metric, value, dimensions) -> metrics.add(metric.name() + "=" + value));
    }

    @AfterEach
    void stop() {
        root.removeHandler(capture);
        Logger.getLogger("dev.madang").setLevel(Level.INFO);
        BusinessMetrics.install(EmbeddedMetricFormat.onStdout());
    }

    @Test
    void every_line_of_a_booking_has_its_request_id_and_none_the_fans_personal_data() throws Exception {
        String email = Fans.uniqueEmail();
        String name = "로그팬" + UUID.randomUUID().toString().substring(0, 6);
        String phone = "01012345678"; // the phone number the identity sandbox gives every verified person
        Fans.Tokens fan = Fans.Tokens.of(Fans.signUp(Fans.signUpBody(email, "Booking-Log-" + UUID.randomUUID(),
                Fans.verification("DI-" + UUID.randomUUID(), name))).statusCode(201));
        String round = HoldsApiTest.roundOnSale(true);
        synchronized (capture) {
            capture.lines.clear(); // from here on: the booking's own lines
        }
        metrics.clear();

        String holdId = as(fan).body(Map.of("roundId", round, "seatIds", List.of("A-1-1", "A-1-2")))
                .post("/v1/holds").then().statusCode(201).extract().path("holdId");
        as(fan).body(Map.of("roundId", round, "seatIds", List.of("A-1-1"))).post("/v1/holds")
                .then().statusCode(409); // refused: its own line too
        String orderId = as(fan).body(Map.of("holdId", holdId, "method", "CARD")).post("/v1/orders")
                .then().statusCode(201).extract().path("orderId");
        String paymentKey = LocalAwsResource.toss.authorize(orderId, 340000, TossSandbox.PayMethod.CARD);
        as(fan).body(Map.of("paymentKey", paymentKey, "amount", 340000)).post("/v1/orders/" + orderId + "/payment")
                .then().statusCode(200);

        List<JsonNode> lines = new ArrayList<>();
        synchronized (capture) {
            for (String line : capture.lines) {
                assertThat(line.strip()).as("one JSON object a line").doesNotContain("\n");
                assertThat(line).doesNotContain(email).doesNotContain(name).doesNotContain(phone)
                        .doesNotContain(fan.access()).doesNotContain(fan.refresh());
                lines.add(JSON.readTree(line));
            }
        }
        System.out.println("log lines of the booking: " + lines.size() + "; the first: " + lines.get(0));
        assertThat(lines).allSatisfy(l -> assertThat(l.path("mdc").path(LogFields.REQUEST_ID).asText())
                .as(l.toString()).isNotBlank());
        List<JsonNode> answers = lines.stream().filter(l -> l.path("message").asText().contains(" answered ")).toList();
        assertThat(answers).as("one line per request").hasSize(4);
        assertThat(answers).allSatisfy(l -> assertThat(l.path("mdc").path(LogFields.FAN_ID).asText())
                .isEqualTo(fan.accountId()));
        assertThat(answers.stream().map(l -> l.path("mdc").path(LogFields.REQUEST_ID).asText()).distinct())
                .as("a request id of its own for each request").hasSize(4);
        // and the booking is counted in the business metrics
        assertThat(metrics).containsExactlyInAnyOrder("HoldsMade=2.0", "HoldsRefused=1.0", "OrdersPaid=1.0");
    }

    static RequestSpecification as(Fans.Tokens fan) {
        return given().auth().oauth2(fan.access()).contentType(ContentType.JSON);
    }
}
