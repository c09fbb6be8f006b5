package dev.madang.benchmarks;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.queue.DynamoWaitingRooms;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.queue.ManagingWaitingRooms;
import dev.madang.domain.queue.QueuePlace;
import dev.madang.domain.queue.QueueTokens;
import dev.madang.domain.queue.WaitingLine;
import dev.madang.domain.queue.WaitingRoom;
import dev.madang.localstack.LocalAws;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Polls of the waiting room on the local stack (dynalite, provisioned from template.yaml): a round scheduled through
 * the catalog adapters, its room turned on by the organiser's use case ({@code ManagingWaitingRooms}, 1 ad), fans
 * entered and then polling through the real {@link WaitingLine} on {@link DynamoWaitingRooms} (one instance, as one
 * warm function), every DynamoDB request counted by an SDK interceptor. No HTTP: the route's own work
 * ({@code WaitingRoomResource}: authentication, the rate limits, JSON) is not in the figures.
 *
 * <p>Tokens: a stand-in signing RS256-style with the JDK (SHA256withRSA, a 2048-bit key made at start), so each poll
 * verifies one RSA signature as {@code JwsQueueTokens} does; {@code JwsQueueTokens} itself lives in the API module,
 * which this module does not depend on.
 *
 * <p>Properties: {@code bench.fans} (2,000), {@code bench.threads} (4), {@code bench.poll.s} (10),
 * {@code room.rate} (20 admissions a second, so that most fans are still waiting; a fan stops polling once
 * admitted, as a client goes on to book).
 */
public final class WaitingRoomPollBenchmark {

    private WaitingRoomPollBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int fans = Integer.getInteger("bench.fans", 2_000);
        int threads = Integer.getInteger("bench.threads", 4);
        int pollSeconds = Integer.getInteger("bench.poll.s", 10);
        int rate = Integer.getInteger("room.rate", 20);

        try (LocalAws aws = LocalAws.start().provision(LocalAws.templatePath())) {
            String catalogTable = aws.tableName("CatalogTable");
            String seatsTable = aws.tableName("SeatsTable");
            String roomTable = aws.tableName("WaitingRoomTable");
            Round round = HoldBenchmark.scheduleRound(new DynamoCatalog(aws.dynamo(), catalogTable, seatsTable), 20,
                    50);

            RequestCounter counter = new RequestCounter();
            DynamoDbClient counted = DynamoDbClient.builder().region(Region.of(LocalAws.REGION))
                    .endpointOverride(aws.dynamoEndpoint()).credentialsProvider(LocalAws.credentials())
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(counter)
                            .build())
                    .build();
            Clock clock = Clock.systemUTC();
            DynamoWaitingRooms rooms = new DynamoWaitingRooms(counted, catalogTable, roomTable, WaitingLine.SHARDS);
            RsaStandInTokens tokens = new RsaStandInTokens();
            WaitingLine line = new WaitingLine(rooms, tokens, clock, new SecureRandom());
            ManagingWaitingRooms managing = new ManagingWaitingRooms(rooms,
                    new DynamoCatalog(counted, catalogTable, seatsTable).rounds(), line, clock);
            managing.set(round.id(), new ManagingWaitingRooms.Settings(true, false, Instant.now(), rate, List.of(
                    new WaitingRoom.Ad("ad-1", "https://example.com/ad.png", null, "광고"))));

            // entering: each fan once, from a few threads
            String[] token = new String[fans];
            counter.start();
            long enterStarted = System.nanoTime();
            runAll(threads, fans, i -> token[i] = line.enter("fan-" + i, round.id()).token());
            double enterSeconds = (System.nanoTime() - enterStarted) / 1e9;
            counter.stop();
            long enterRequests = counter.total(RequestCounter.WRITES) + counter.total(RequestCounter.READS);
            Map<String, Long> enterOps = counter.byOperation();

            // polling: every thread goes round the fans for bench.poll.s seconds
            AtomicLong polls = new AtomicLong();
            boolean[] admitted = new boolean[fans]; // each index only ever touched by one thread
            Map<WaitingLine.Status, AtomicLong> statuses = new EnumMap<>(WaitingLine.Status.class);
            for (WaitingLine.Status s : WaitingLine.Status.values()) {
                statuses.put(s, new AtomicLong());
            }
            counter.start();
            long started = System.nanoTime();
            long until = started + pollSeconds * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                int first = t;
                pool.execute(() -> {
                    for (int i = first; System.nanoTime() < until; i = (i + threads) % fans) {
                        if (admitted[i]) {
                            continue;
                        }
                        WaitingLine.Position p = line.poll("fan-" + i, round.id(), token[i]);
                        statuses.get(p.status()).incrementAndGet();
                        polls.incrementAndGet();
                        admitted[i] = p.status() != WaitingLine.Status.WAITING; // off to book: polls no more
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(pollSeconds + 120L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("polls did not finish");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            counter.stop();
            long requests = counter.total(RequestCounter.WRITES) + counter.total(RequestCounter.READS);

            print("scenario", fans + " fans entered, then polling from " + threads + " threads for " + pollSeconds
                    + " s (each until admitted), room admitting " + rate + "/s from the first entry, real WaitingLine"
                    + " on DynamoWaitingRooms (one instance), RS256 stand-in tokens (JDK SHA256withRSA), dynalite,"
                    + " no HTTP");
            print("enters", fans);
            print("enters_per_s", String.format("%.0f", fans / enterSeconds));
            print("ddb_requests_per_enter", String.format("%.2f", enterRequests / (double) fans));
            print("ddb_requests_by_operation_entering", enterOps);
            print("polls", polls.get());
            print("polls_per_s", String.format("%.0f", polls.get() / seconds));
            print("poll_statuses", statuses);
            print("ddb_requests_on_polls", requests);
            print("ddb_requests_per_poll", String.format("%.5f", requests / (double) polls.get()));
            print("ddb_requests_by_operation_polling", counter.byOperation());
            print("poll_s", String.format("%.1f", seconds));
        }
    }

    private interface Job {
        void run(int i) throws Exception;
    }

    private static void runAll(int threads, int n, Job job) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i; (i = (int) next.getAndIncrement()) < n; ) {
                    try {
                        job.run(i);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("entering did not finish");
        }
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }

    /**
     * Place and admission tokens signed with SHA256withRSA (2048-bit), the algorithm the API's tokens use:
     * {@code base64url(fields) "." base64url(signature)}. A benchmark stand-in, not the API's JWS format.
     */
    static final class RsaStandInTokens implements QueueTokens {

        private final KeyPair keys;

        RsaStandInTokens() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        }

        private String sign(String fields) {
            try {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(keys.getPrivate());
                byte[] body = fields.getBytes(StandardCharsets.UTF_8);
                s.update(body);
                Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
                return b64.encodeToString(body) + "." + b64.encodeToString(s.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private Optional<String[]> verified(String token, String type, int fields) {
            try {
                int dot = token.indexOf('.');
                if (dot < 0) {
                    return Optional.empty();
                }
                byte[] body = Base64.getUrlDecoder().decode(token.substring(0, dot));
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initVerify(keys.getPublic());
                s.update(body);
                if (!s.verify(Base64.getUrlDecoder().decode(token.substring(dot + 1)))) {
                    return Optional.empty();
                }
                String[] f = new String(body, StandardCharsets.UTF_8).split("\\|");
                return f.length == fields && f[0].equals(type) ? Optional.of(f) : Optional.empty();
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        @Override
        public String signPlace(QueuePlace p) {
            return sign("P|" + p.roundId() + "|" + p.userId() + "|" + p.second() + "|" + p.offset() + "|"
                    + p.enteredAt().toEpochMilli());
        }

        @Override
        public Optional<QueuePlace> readPlace(String token) {
            return verified(token, "P", 6).map(f -> new QueuePlace(f[1], f[2], Long.parseLong(f[3]),
                    Double.parseDouble(f[4]), Instant.ofEpochMilli(Long.parseLong(f[5]))));
        }

        @Override
        public String signAdmission(RoomAdmission a) {
            return sign("A|" + a.roundId() + "|" + a.userId() + "|" + a.expiresAt().toEpochMilli());
        }

        @Override
        public Optional<RoomAdmission> readAdmission(String token) {
            return verified(token, "A", 4).map(f -> new RoomAdmission(f[2], f[1],
                    Instant.ofEpochMilli(Long.parseLong(f[3]))));
        }
    }
}
