package dev.madang.api;

import dev.madang.api.web.Stage;
import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.RecentlyTakenSeats;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import dev.madang.localstack.CloudFrontStandIn;
import dev.madang.localstack.LocalAws;
import dev.madang.domain.common.Ids;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The live seat map as fans watch it: a thousand clients poll the arena round's seat status every second (with
 * If-None-Match, as the web client does) while the seat-map refresher runs every second, as deployed. Measured:
 * how long after a hold is made each watcher sees the seat taken, how long after a hold expires each sees it free,
 * and the API's DynamoDB requests per second with one watcher and with all (the refresher, on a client of its own,
 * counted apart: its cost follows the rounds on sale, not the viewers).
 * Not a test (no assertion on speed): run
 * <pre>
 * mvn -q -pl functions/api -am verify -Dtest=LiveSeatMapBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * and read the {@code key=value} lines. The latencies are measured with {@code -Dbench.watchers} = 200 watchers, as many
 * as this 2-core machine serves a poll a second (it serves a few hundred polls a second beside the refresher and
 * dynalite; with more, each waits its turn and the wait is measured too); the reads once more with
 * {@code -Dbench.crowd} = 1,000. {@code -Dbench.edge=true} puts the CloudFront stand-in of the template's
 * WebDistribution between the watchers and the API, as for the web client: its one-second edge copy adds up to a
 * second, and the API sees about one request a second whatever the crowd.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class LiveSeatMapBenchmark {

    /** F1-1-12 and F1-1-13: the 12th and 13th seats of the arena's layout order. */
    private static final int HELD = 11;
    private static final int EXPIRING = 12;
    private static final Duration SHORT_HOLD = Duration.ofSeconds(5);
    private static final String REFRESHER = "refresher";

    @Inject
    DynamoCatalog catalog;
    @Inject
    DynamoDbClient dynamo;
    @ConfigProperty(name = "madang.tables.seats")
    String seatsTable;
    @ConfigProperty(name = "madang.seat-map.snapshot-freshness")
    Duration snapshotFreshness;

    @Test
    void a_hold_appears_and_an_expired_hold_disappears_for_every_watcher() throws Exception {
        int watchers = Integer.getInteger("bench.watchers", 200);
        String round = Stage.arenaRoundOnSale("실시간 좌석 벤치 " + System.nanoTime());
        String path = "/v1/rounds/" + round + "/seat-status";
        // -Dbench.edge=true: through the CloudFront stand-in of the template's WebDistribution, as the web client
        boolean throughEdge = Boolean.getBoolean("bench.edge");
        CloudFrontStandIn edge = throughEdge ? LocalAwsResource.aws().cloudFront(
                Map.of("ApiOrigin", URI.create("http://localhost:" + RestAssured.port)), 0) : null;
        URI status = throughEdge ? edge.endpoint().resolve(path)
                : URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
        RefreshingSeatMaps refreshing = refresherOnItsOwnClient();
        List<Long> passMillis = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        refresher.scheduleAtFixedRate(() -> {
            long from = System.nanoTime();
            refreshing.refreshRoundsOnSale();
            passMillis.add((System.nanoTime() - from) / 1_000_000);
        }, 0, 1, TimeUnit.SECONDS);
        try {
            double quietRate = apiRequestsPerSecond(status, 1, Duration.ofSeconds(5));
            print("scenario", watchers + " watchers polling GET /v1/rounds/{id}/seat-status every second with "
                    + "If-None-Match over HTTP" + (throughEdge ? " through the CloudFront stand-in (1 s at the edge)" : "")
                    + ", the refresher rebuilding snapshots every second, the API on the local "
                    + "stack (one instance; its snapshot read at most every " + snapshotFreshness.toMillis()
                    + " ms), dynalite; "
                    + "then " + Integer.getInteger("bench.crowd", 1000) + " watchers for the DynamoDB reads alone");

            long[] heldSeen = new long[watchers];
            long[] freedSeen = new long[watchers];
            AtomicLongArray since = new AtomicLongArray(new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
            long pollsBefore;
            long requestsBefore;
            long measuredFrom;
            long held;
            long expired;
            long refresherBefore;
            long originBefore;
            try (SeatStatusWatchers watching = new SeatStatusWatchers(status, watchers, Duration.ofSeconds(1), 32,
                    (w, bits, at) -> {
                        if (heldSeen[w] == 0 && at > since.get(0) && SeatStatusWatchers.isTaken(bits, HELD)) {
                            heldSeen[w] = at;
                        }
                        if (freedSeen[w] == 0 && at > since.get(1) && !SeatStatusWatchers.isTaken(bits, EXPIRING)) {
                            freedSeen[w] = at;
                        }
                    })) {
                Thread.sleep(2000); // all watching, each with its ETag
                pollsBefore = watching.notModified() + watching.changed();
                requestsBefore = apiSent();
                refresherBefore = DynamoRequests.sentBy(REFRESHER);
                originBefore = throughEdge ? edge.originRequestCount() : 0;
                passMillis.clear();
                measuredFrom = System.nanoTime();

                // the hold exists once the API has answered it: from then on
                long beforeHolds = apiSent();
                long asked = System.nanoTime();
                Stage.holdAsAnotherFan(round, "F1-1-12");
                held = System.nanoTime();
                since.set(0, held);
                long holdRequests = apiSent() - beforeHolds;
                print("hold_request_ms", (held - asked) / 1_000_000);
                awaitAll(heldSeen, Duration.ofSeconds(15));

                beforeHolds = apiSent();
                Instant expiresAt = shortHold(round, "F1-1-13");
                holdRequests += apiSent() - beforeHolds;
                expired = System.nanoTime() + Duration.between(Instant.now(), expiresAt).toNanos();
                since.set(1, expired);
                awaitAll(freedSeen, SHORT_HOLD.plusSeconds(15));

                long polls = watching.notModified() + watching.changed() - pollsBefore;
                double seconds = (System.nanoTime() - measuredFrom) / 1e9;
                long refresherRequests = DynamoRequests.sentBy(REFRESHER) - refresherBefore;
                // the API's reads for the watchers: all but the refresher's and the two holds' (the hold path's)
                long requests = apiSent() - requestsBefore - holdRequests;
                print("polls", polls);
                print("polls_per_s", String.format("%.0f", polls / seconds));
                // below 1 when this machine cannot serve the crowd a poll a second: the latencies then include the wait
                print("polls_per_watcher_per_s", String.format("%.2f", polls / seconds / watchers));
                print("not_modified_share", String.format("%.3f", watching.notModified() / (double)
                        (watching.notModified() + watching.changed())));
                print("failed_polls", watching.failed());
                if (throughEdge) {
                    print("edge_origin_requests_per_s", String.format("%.2f",
                            (edge.originRequestCount() - originBefore) / seconds));
                }
                latencies("hold_appears", heldSeen, held);
                latencies("expired_hold_disappears", freedSeen, expired);
                long[] passes = passMillis.stream().mapToLong(Long::longValue).sorted().toArray();
                if (passes.length > 0) {
                    print("refresher_pass_p50_ms", passes[passes.length / 2]);
                    print("refresher_pass_max_ms", passes[passes.length - 1]);
                }
                print("refresher_ddb_requests_per_s", String.format("%.1f", refresherRequests / seconds));
                print("api_ddb_requests_per_s_1_watcher", String.format("%.2f", quietRate));
                print("api_ddb_requests_per_s_" + watchers + "_watchers", String.format("%.2f", requests / seconds));
            }
            // the crowd of the issue, however fast this machine serves it
            int crowd = Integer.getInteger("bench.crowd", 1000);
            print("api_ddb_requests_per_s_" + crowd + "_watchers", String.format("%.2f",
                    apiRequestsPerSecond(status, crowd, Duration.ofSeconds(5))));
        } finally {
            refresher.shutdownNow();
            if (edge != null) {
                edge.close();
            }
        }
    }

    /** A hold of {@link #SHORT_HOLD} on the same tables, by the hold use case itself (the API's lasts 8 minutes). */
    private Instant shortHold(String roundId, String seatId) {
        Clock clock = Clock.systemUTC();
        DynamoBooking booking = new DynamoBooking(dynamo, seatsTable);
        HoldingSeats holding = new HoldingSeats(new CachedCatalog(catalog.rounds(), catalog.venues(), clock,
                Duration.ofSeconds(10), Runnable::run), RecentlyTakenSeats.none(clock), booking.seatClaims(),
                booking.holdLedgers(), booking.idempotencyKeys(), new Ids(clock), clock, SHORT_HOLD);
        return holding.hold(new HoldingSeats.HoldRequest("short-hold-" + UUID.randomUUID(), true, roundId,
                List.of(seatId), null)).expiresAt();
    }

    /**
     * The refresher as deployed (RefreshSeatMapsFunction's use case) on a DynamoDB client of its own, whose requests
     * {@link DynamoRequests} counts apart from the API's.
     */
    private static RefreshingSeatMaps refresherOnItsOwnClient() {
        LocalAws aws = LocalAwsResource.aws();
        DynamoDbClient own = DynamoDbClient.builder().endpointOverride(aws.dynamoEndpoint())
                .region(Region.of("ap-northeast-2")).credentialsProvider(LocalAws.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.putExecutionAttribute(DynamoRequests.CALLER, REFRESHER)).build();
        return Stage.seatMapRefresher(own);
    }

    /** The API's DynamoDB requests a second (all but the refresher's) while {@code watchers} watch. */
    private static double apiRequestsPerSecond(URI status, int watchers, Duration window) throws InterruptedException {
        try (SeatStatusWatchers watching = new SeatStatusWatchers(status, watchers, Duration.ofSeconds(1), 32,
                (w, bits, at) -> { })) {
            Thread.sleep(1000);
            long before = apiSent();
            long polls = watching.notModified() + watching.changed();
            long from = System.nanoTime();
            Thread.sleep(window.toMillis());
            double seconds = (System.nanoTime() - from) / 1e9;
            print("polls_per_s_" + watchers + "_watchers", String.format("%.0f",
                    (watching.notModified() + watching.changed() - polls) / seconds));
            return (apiSent() - before) / seconds;
        }
    }

    /** DynamoDB requests sent by all but the refresher: the API's, in this JVM. */
    private static long apiSent() {
        return DynamoRequests.sent() - DynamoRequests.sentBy(REFRESHER);
    }

    private static void awaitAll(long[] seen, Duration atMost) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        while (Arrays.stream(seen).anyMatch(t -> t == 0) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
    }

    private static void latencies(String name, long[] seen, long from) {
        long[] ms = Arrays.stream(seen).filter(t -> t != 0).map(t -> (t - from) / 1_000_000).sorted().toArray();
        print(name + "_watchers_seen", ms.length + "/" + seen.length);
        if (ms.length == 0) {
            return;
        }
        print(name + "_p50_ms", ms[ms.length / 2]);
        print(name + "_p95_ms", ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)]);
        print(name + "_max_ms", ms[ms.length - 1]);
        print(name + "_within_2s_share", String.format("%.3f", Arrays.stream(ms).filter(m -> m <= 2000).count()
                / (double) seen.length));
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
