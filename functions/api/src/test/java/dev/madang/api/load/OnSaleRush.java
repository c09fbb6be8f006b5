package dev.madang.api.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * An opening rush on the arena, as a Gatling simulation: buyers arrive (ramping up, then at a steady rate), each a
 * distinct fan, and try up to three times to hold two seats side by side on the floor (front rows wanted most), then
 * order them, pay through the Toss sandbox's payment window, and confirm; meanwhile viewers poll the round's seat
 * status every second with If-None-Match. Every answer is recorded by route and status (any status: a 409 or a 429
 * is an answer, not a failure of the tool), and at the end the simulation prints {@code key=value} figures:
 * throughput, p50/p95/p99 per route, statuses per route, 5xx, and {@code oversold}, the seats that two successful
 * holds claimed (holds outlast the run, so every 201 is a live claim).
 *
 * <p>Set up and run by {@code OnSaleLoadBenchmark}, which passes what it made in system properties ({@code load.*}):
 * a Gatling simulation is built by Gatling, by its class name.
 */
public class OnSaleRush extends Simulation {

    private static final Map<String, Route> ROUTES = new ConcurrentHashMap<>();
    private static final Map<String, String> CLAIMED = new ConcurrentHashMap<>();
    private static final LongAdder OVERSOLD = new LongAdder();
    private static final LongAdder PAID = new LongAdder();
    private static final LongAdder GAVE_UP = new LongAdder();
    private static volatile long startedNanos;

    private final String round = System.getProperty("load.round");
    private final String toss = System.getProperty("load.toss");
    private final double rate = Double.parseDouble(System.getProperty("load.buyers.per.s", "10"));
    private final int rampSeconds = Integer.getInteger("load.ramp.s", 10);
    private final int steadySeconds = Integer.getInteger("load.steady.s", 20);
    private final int viewers = Integer.getInteger("load.viewers", 100);

    /** One route's answers: response times and statuses. */
    private static final class Route {
        /** Response times of the answered requests (a request with no answer has none). */
        final List<Integer> millis = new ArrayList<>();
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

        synchronized void add(int status, int ms) {
            if (status != 0) {
                millis.add(ms);
            }
            statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
        }
    }

    private static Session record(Session session, String route) {
        int status = session.contains("status") ? session.getInt("status") : 0; // 0: no answer (connection failed)
        int ms = session.contains("ms") ? session.getInt("ms") : 0;
        ROUTES.computeIfAbsent(route, k -> new Route()).add(status, ms);
        return session.remove("status").remove("ms");
    }

    /** Two seats side by side on the floor: a block F1-F4, a row weighted to the front (e^(-row/5)), a seat pair. */
    private static Session pickSeats(Session session) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String block = "F" + (1 + random.nextInt(4));
        int row = Math.min(30, 1 + (int) (-Math.log(1 - random.nextDouble()) * 5));
        int number = 1 + random.nextInt(49);
        return session.set("seatA", block + "-" + row + "-" + number).set("seatB", block + "-" + row + "-" + (number + 1))
                .set("holdKey", UUID.randomUUID().toString()).set("attempts", session.getInt("attempts") + 1);
    }

    /** A 201 claims its seats: a seat claimed twice is oversold. */
    private static Session claim(Session session) {
        if (session.contains("holdId")) {
            for (String seat : List.of(session.getString("seatA"), session.getString("seatB"))) {
                if (CLAIMED.putIfAbsent(seat, session.getString("holdId")) != null) {
                    OVERSOLD.increment();
                }
            }
        }
        return session;
    }

    private static String paymentKey(String location) {
        for (String pair : location.substring(location.indexOf('?') + 1).split("&")) {
            if (pair.startsWith("paymentKey=")) {
                return URLDecoder.decode(pair.substring("paymentKey=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no paymentKey in " + location);
    }

    private final HttpProtocolBuilder api = http.baseUrl(System.getProperty("load.api"))
            .acceptHeader("application/json").contentTypeHeader("application/json").disableFollowRedirect()
            .shareConnections();

    private final ChainBuilder hold = exec(session -> pickSeats(session))
            .exec(http("hold").post("/v1/holds").header("Authorization", "Bearer #{token}")
                    .header("Idempotency-Key", "#{holdKey}")
                    .body(StringBody("{\"roundId\":\"#{round}\",\"seatIds\":[\"#{seatA}\",\"#{seatB}\"]}"))
                    .check(status().saveAs("status"), responseTimeInMillis().saveAs("ms"),
                            jsonPath("$.holdId").optional().saveAs("holdId"),
                            jsonPath("$.amount").optional().saveAs("amount")))
            .exec(session -> claim(record(session, "hold")));

    /**
     * A buyer's request, tried again a second after a 429 (the throttle, or DynamoDB busy), at most 3 times in all:
     * what a fan's client does with {@code Retry-After}. Each attempt is recorded; {@code answer} is the last status
     * (0: no answer).
     */
    private static ChainBuilder retriedWhileThrottled(String route, HttpRequestActionBuilder request) {
        String attempts = route + "Attempts";
        return exec(session -> session.set(attempts, 0).set("answer", 429))
                .asLongAs(session -> session.getInt("answer") == 429 && session.getInt(attempts) < 3).on(
                        exec(request)
                                .exec(session -> {
                                    int answer = session.contains("status") ? session.getInt("status") : 0;
                                    return record(session, route).set("answer", answer)
                                            .set(attempts, session.getInt(attempts) + 1);
                                })
                                .doIf(session -> session.getInt("answer") == 429 && session.getInt(attempts) < 3)
                                .then(pause(1)));
    }

    private final ChainBuilder buy = retriedWhileThrottled("order", http("order").post("/v1/orders")
            .header("Authorization", "Bearer #{token}")
            .body(StringBody("{\"holdId\":\"#{holdId}\",\"method\":\"CARD\"}"))
            .check(status().saveAs("status"), responseTimeInMillis().saveAs("ms")))
            // only a buyer whose order was made goes on to pay
            .doIf(session -> session.getInt("answer") == 200 || session.getInt("answer") == 201).then(
                    // the fan's payment window (the Toss sandbox's), which sends the fan back with a payment key
                    exec(http("payment-window").get(toss + "/sandbox/checkout?orderId=#{holdId}&amount=#{amount}"
                                    + "&method=CARD&successUrl=https%3A%2F%2Fmadang.local%2Fok"
                                    + "&failUrl=https%3A%2F%2Fmadang.local%2Ffail")
                            .check(status().saveAs("status"), responseTimeInMillis().saveAs("ms"),
                                    header("Location").optional().saveAs("location")))
                            .exec(session -> record(session, "payment-window"))
                            .doIf(session -> session.contains("location")
                                    && session.getString("location").contains("paymentKey="))
                            .then(exec(session -> session.set("paymentKey",
                                    paymentKey(session.getString("location"))))
                                    .exec(retriedWhileThrottled("pay", http("pay").post("/v1/orders/#{holdId}/payment")
                                            .header("Authorization", "Bearer #{token}")
                                            .body(StringBody("{\"paymentKey\":\"#{paymentKey}\",\"amount\":#{amount}}"))
                                            .check(status().saveAs("status"), responseTimeInMillis().saveAs("ms"),
                                                    jsonPath("$.status").optional().saveAs("orderStatus"))))
                                    .exec(session -> {
                                        if ("PAID".equals(session.getString("orderStatus"))) {
                                            PAID.increment();
                                        }
                                        return session;
                                    })));

    private final ScenarioBuilder buyers = scenario("buyers")
            .feed(tokens())
            .exec(session -> session.set("round", round).set("attempts", 0))
            .exec(asLongAs(session -> !session.contains("holdId") && session.getInt("attempts") < 3).on(hold))
            .exec(session -> {
                if (!session.contains("holdId")) {
                    GAVE_UP.increment();
                }
                return session;
            })
            .exec(doIf(session -> session.contains("holdId")).then(buy));

    private final ScenarioBuilder watchers = scenario("viewers")
            .exec(session -> session.set("round", round).set("etag", "\"none\""))
            .exec(during(rampSeconds + steadySeconds).on(
                    exec(http("seat-status").get("/v1/rounds/#{round}/seat-status").header("If-None-Match", "#{etag}")
                            .check(status().saveAs("status"), responseTimeInMillis().saveAs("ms"),
                                    header("ETag").optional().saveAs("newEtag")))
                            .exec(session -> record(session.contains("newEtag")
                                    ? session.set("etag", session.getString("newEtag")) : session, "seat-status"))
                            .pause(1)));

    {
        startedNanos = System.nanoTime();
        setUp(buyers.injectOpen(rampUsersPerSec(1).to(rate).during(rampSeconds),
                        constantUsersPerSec(rate).during(steadySeconds)),
                watchers.injectOpen(atOnceUsers(viewers)))
                .protocols(api);
    }

    /** One fan a buyer: their tokens, made by the benchmark, one a line. */
    private static Iterator<Map<String, Object>> tokens() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(System.getProperty("load.tokens")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<String> each = lines.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return each.hasNext();
            }

            @Override
            public Map<String, Object> next() {
                return Map.of("token", each.next());
            }
        };
    }

    @Override
    public void after() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long answers = 0;
        long serverErrors = 0;
        long noAnswer = 0;
        for (Map.Entry<String, Route> e : new TreeMap<>(ROUTES).entrySet()) {
            Route r = e.getValue();
            int[] ms;
            Map<Integer, Long> statuses = new TreeMap<>();
            synchronized (r) {
                ms = r.millis.stream().mapToInt(Integer::intValue).sorted().toArray();
            }
            r.statuses.forEach((s, n) -> statuses.put(s, n.sum()));
            long requests = statuses.values().stream().mapToLong(Long::longValue).sum();
            answers += ms.length;
            for (Map.Entry<Integer, Long> s : statuses.entrySet()) {
                serverErrors += s.getKey() >= 500 ? s.getValue() : 0;
                noAnswer += s.getKey() == 0 ? s.getValue() : 0;
            }
            String route = e.getKey();
            print(route + ".requests", requests);
            print(route + ".answered_per_s", String.format("%.1f", ms.length / seconds));
            print(route + ".p50_ms", percentile(ms, 0.50));
            print(route + ".p95_ms", percentile(ms, 0.95));
            print(route + ".p99_ms", percentile(ms, 0.99));
            print(route + ".statuses", statuses);
        }
        print("answered", answers);
        print("answered_per_s", String.format("%.1f", answers / seconds));
        print("status_5xx", serverErrors);
        // status 0: no answer within Gatling's request timeout (60 s) or a refused connection
        print("no_answer", noAnswer);
        print("seats_held", CLAIMED.size());
        print("orders_paid", PAID.sum());
        print("buyers_without_seats", GAVE_UP.sum());
        print("oversold", OVERSOLD.sum());
        print("run_s", String.format("%.1f", seconds));
    }

    private static int percentile(int[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
