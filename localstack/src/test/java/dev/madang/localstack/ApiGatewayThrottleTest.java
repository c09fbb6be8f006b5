package dev.madang.localstack;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The throttle in front of a small API over real HTTP, with the limits of the real template.yaml's HttpApi scaled by
 * 1/1000: POST /v1/holds holds 5 tokens and refills 3 a second, GET /v1/rounds/{roundId}/seats 10 and 5, a route
 * without its own settings (GET /v1/time) the default 2 and 1.
 */
class ApiGatewayThrottleTest {

    static final double SCALE = 0.001;
    static HttpServer api;
    static ApiGatewayThrottle throttle;
    static final AtomicInteger reachedApi = new AtomicInteger();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        api = LoopbackServers.listen("test API", 0);
        LoopbackServers.serve(api, LoopbackServers.daemonThreads("test-api"), exchange -> {
            reachedApi.incrementAndGet();
            byte[] body = ("{\"path\":\"" + exchange.getRequestURI() + "\",\"body\":\""
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Location", "/v1/holds/h1");
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        throttle = ApiGatewayThrottle.start(SamTemplate.loadRepositoryTemplate(), "HttpApi",
                LoopbackServers.endpoint(api), SCALE, 0);
    }

    @AfterAll
    static void stop() {
        throttle.close();
        api.stop(0);
    }

    @Test
    void limitsAreTheTemplatesStageRouteSettings() {
        assertThat(throttle.limitsOf("POST /v1/holds")).isEqualTo(new ApiGatewayThrottle.Limits(5000, 3000));
        assertThat(throttle.limitsOf("GET /v1/rounds/{roundId}/seats"))
                .isEqualTo(new ApiGatewayThrottle.Limits(10000, 5000));
        assertThat(throttle.limitsOf("GET /v1/time")).isEqualTo(new ApiGatewayThrottle.Limits(2000, 1000));
        assertThatThrownBy(() -> throttle.limitsOf("GET /v1/nowhere")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBurstPastTheBucketIsAnswered429ThenTheBucketRefills() throws Exception {
        long started = System.nanoTime();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(send("POST", "/v1/holds", "{\"seat\":" + i + "}"));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long passed = answers.stream().filter(r -> r.statusCode() == 201).count();
        // 5 in the bucket, plus what 3 a second refilled while the burst was sent
        assertThat(passed).isBetween(5L, 5L + (long) Math.floor(seconds * 3));
        List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() != 201).toList();
        assertThat(refused).isNotEmpty().allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
            assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        });
        assertThat(answers.get(0).body()).isEqualTo("{\"path\":\"/v1/holds\",\"body\":\"{\"seat\":0}\"}");
        assertThat(answers.get(0).headers().firstValue("location")).hasValue("/v1/holds/h1");

        Thread.sleep(700); // 3 a second: two tokens back
        assertThat(send("POST", "/v1/holds", "{}").statusCode()).isEqualTo(201);
        assertThat(throttle.throttledCounts().get("POST /v1/holds")).isEqualTo(refused.size());
    }

    @Test
    void eachRouteHasItsOwnBucket() throws Exception {
        int before = reachedApi.get();
        List<Integer> seats = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            seats.add(send("GET", "/v1/rounds/r" + i + "/seats", null).statusCode()); // one route, any round
        }
        assertThat(seats.subList(0, 10)).containsOnly(201);
        assertThat(seats).contains(429);
        // the seat map's empty bucket takes nothing from the clock's
        assertThat(send("GET", "/v1/time", null).statusCode()).isEqualTo(201);
        assertThat(reachedApi.get() - before).isEqualTo((int) seats.stream().filter(s -> s == 201).count() + 1);
    }

    @Test
    void aPathOfNoRouteIsNotFoundAsTheHttpApiAnswers() throws Exception {
        HttpResponse<String> answer = send("GET", "/v1/rounds/r1/seats/extra", null);
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(send("DELETE", "/v1/time", null).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(throttle.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
