package dev.madang.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The waiting room's poll route as fans call it: over HTTP, through authentication, the rate limits and JSON, against
 * the API on the local stack (one warm instance) with dynalite behind it. Fans enter with solved puzzles, then a few
 * threads poll them in turn for a while, each fan until admitted; every DynamoDB request the JVM sends while they poll
 * is counted ({@link DynamoRequests}), the API's own included. Not a test (no assertion on speed): run
 * <pre>
 * mvn -q -pl functions/api -am verify -Dtest=WaitingRoomPollHttpBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * and read the {@code key=value} lines. {@code -Dbench.fans}, {@code -Dbench.threads}, {@code -Dbench.poll.s} and
 * {@code -Dbench.rate} change the scenario.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class WaitingRoomPollHttpBenchmark {

    @Test
    void polls_per_second_and_dynamodb_requests_per_poll_over_http() throws Exception {
        int fans = Integer.getInteger("bench.fans", 400);
        int threads = Integer.getInteger("bench.threads", 4);
        int pollSeconds = Integer.getInteger("bench.poll.s", 10);
        int rate = Integer.getInteger("bench.rate", 2);
        String round = WaitingRoomApiTest.roundOnSale();
        // a slow room, so that most of the crowd is still waiting once all have entered: the steady state
        WaitingRoomApiTest.setRoom(round, OffsetDateTime.now(), rate).statusCode(200);

        // entering: each fan solves a puzzle (a human's half second apart from it), so in parallel
        String[] fan = new String[fans];
        String[] place = new String[fans];
        AtomicInteger next = new AtomicInteger();
        ExecutorService entering = Executors.newFixedThreadPool(16);
        for (int t = 0; t < 16; t++) {
            entering.execute(() -> {
                for (int i; (i = next.getAndIncrement()) < fans; ) {
                    fan[i] = WaitingRoomApiTest.fan("poll" + i);
                    place[i] = WaitingRoomApiTest.enter(fan[i], round).statusCode(201).extract().path("token");
                }
            });
        }
        entering.shutdown();
        if (!entering.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("entering did not finish");
        }
        String[] bearer = new String[fans];
        for (int i = 0; i < fans; i++) {
            bearer[i] = "Bearer " + TestTokens.fan(fan[i]);
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI position = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/rounds/" + round
                + "/waiting-room/position");
        LongAdder polls = new LongAdder();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        boolean[] done = new boolean[fans]; // each index only ever touched by one thread
        long requestsBefore = DynamoRequests.sent();
        long started = System.nanoTime();
        long until = started + pollSeconds * 1_000_000_000L;
        ExecutorService polling = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int first = t;
            polling.execute(() -> {
                for (int i = first; System.nanoTime() < until; i = (i + threads) % fans) {
                    if (done[i]) {
                        continue;
                    }
                    HttpRequest poll = HttpRequest.newBuilder(position).header("Authorization", bearer[i])
                            .header("Madang-Queue-Token", place[i]).GET().build();
                    try {
                        HttpResponse<String> answer = http.send(poll, HttpResponse.BodyHandlers.ofString());
                        String status = answer.statusCode() != 200 ? String.valueOf(answer.statusCode())
                                : answer.body().contains("\"ADMITTED\"") ? "ADMITTED" : "WAITING";
                        outcomes.computeIfAbsent(status, k -> new LongAdder()).increment();
                        done[i] = "ADMITTED".equals(status); // off to book: polls no more
                    } catch (java.io.IOException e) {
                        outcomes.computeIfAbsent("io-error", k -> new LongAdder()).increment();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    polls.increment();
                }
            });
        }
        polling.shutdown();
        if (!polling.awaitTermination(pollSeconds + 120L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("polls did not finish");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long requests = DynamoRequests.sent() - requestsBefore;

        Map<String, Long> byOutcome = new TreeMap<>();
        outcomes.forEach((k, v) -> byOutcome.put(k, v.sum()));
        print("scenario", fans + " fans entered with solved puzzles, then polling GET /v1/rounds/{id}/waiting-room/"
                + "position over HTTP from " + threads + " threads for " + pollSeconds + " s (each until admitted), "
                + "room admitting " + rate + "/s from the opening, the API on the local stack (one instance), dynalite");
        print("polls", polls.sum());
        print("polls_per_s", String.format("%.0f", polls.sum() / seconds));
        print("poll_outcomes", byOutcome);
        print("ddb_requests_on_polls", requests);
        print("ddb_requests_per_poll", String.format("%.5f", requests / (double) polls.sum()));
        // the view of the room is read once a second per instance, whatever the number of polls: a rate, not a cost
        // per poll, so per poll it falls as the crowd grows
        print("ddb_requests_per_s", String.format("%.1f", requests / seconds));
        print("poll_s", String.format("%.1f", seconds));
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
