package dev.madang.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One account floods the hold route from eight threads: past its budget (the test profile's 50 at once, 5 a
 * second) it gets 429 with Retry-After and a problem body, never a 5xx; another account is not affected.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class RateLimitApiTest {

    @Test
    void an_account_over_its_budget_gets_429_with_retry_after_and_never_a_5xx() throws Exception {
        String flooder = "flood-" + UUID.randomUUID();
        String token = TestTokens.fan(flooder);
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        List<String> retryAfters = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        // a malformed hold: what it costs past the budget is nothing at all
                        Response r = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                                .post("/v1/holds");
                        byStatus.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() == 429) {
                            retryAfters.add(r.header("Retry-After"));
                            assertThat(r.contentType()).startsWith("application/problem+json");
                            assertThat(r.jsonPath().getString("type")).endsWith("/rate-limited");
                        }
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("rate limit flood: " + byStatus);
        assertThat(byStatus.keySet()).as("only malformed (400) and throttled (429)").containsOnly(400, 429);
        assertThat(byStatus.get(429).get()).isPositive();
        assertThat(byStatus.get(400).get()).isGreaterThanOrEqualTo(50); // the burst went through to validation
        assertThat(retryAfters).allSatisfy(s -> assertThat(Integer.parseInt(s)).isPositive());
        // another account's budget is its own
        given().auth().oauth2(TestTokens.fan("calm-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of()).post("/v1/holds").then().statusCode(400);
    }
}
