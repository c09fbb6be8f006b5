package dev.madang.benchmarks.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.madang.aws.account.token.SigningKeySet;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.benchmarks.HoldBenchmark;
import dev.madang.domain.account.Role;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.localstack.LocalAws;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the cold-start and warm-cost benchmarks run the hold route against: the local stack provisioned from
 * {@code template.yaml}, rounds on sale now with {@code rows} rows of 50 seats in all, signed fan tokens (a key set
 * made for the run; its JWKS served by the local Runtime API endpoint, which the function fetches as it fetches the
 * auth endpoint's in AWS), the hold function's environment as the template gives it, and API Gateway HTTP API
 * (payload 2.0) events for {@code POST /v1/holds} and for the bare app's {@code POST /ping}.
 */
public final class HoldRouteStage implements AutoCloseable {

    private static final String ISSUER = "https://madang.bench/v1/auth";
    private static final String AUDIENCE = "madang-api";
    private static final String JWKS_PATH = "/v1/auth/.well-known/jwks.json";
    private static final int SEATS_PER_ROW = 50;
    /**
     * Rows of one round's section: a section holds at most {@link SeatLayout#MAX_SEATS_PER_SECTION} seats (one catalog
     * item each, under DynamoDB's 400 KB), so a stage that needs more seats schedules more rounds.
     */
    private static final int ROWS_PER_ROUND = SeatLayout.MAX_SEATS_PER_SECTION / SEATS_PER_ROW;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalAws aws;
    private final SigningKeySet keys = SigningKeySet.generate("bench-" + UUID.randomUUID().toString().substring(0, 8));
    private final RuntimeApiEndpoint runtimeApi;
    private final List<Round> rounds = new ArrayList<>();
    private final int seats;
    private final int seatsPerRound;
    private int nextSeat;

    public HoldRouteStage(int rows) {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        runtimeApi = RuntimeApiEndpoint.start(JWKS_PATH, keys.jwks());
        DynamoCatalog catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"),
                aws.tableName("SeatsTable"));
        int rowsPerRound = Math.min(rows, ROWS_PER_ROUND);
        try {
            for (int scheduled = 0; scheduled < rows; scheduled += rowsPerRound) {
                rounds.add(HoldBenchmark.scheduleRound(catalog, rowsPerRound, SEATS_PER_ROW));
            }
        } catch (RuntimeException e) {
            close(); // the local stack's processes would otherwise keep the benchmark's JVM alive
            throw e;
        }
        seatsPerRound = rowsPerRound * SEATS_PER_ROW;
        seats = rounds.size() * seatsPerRound;
    }

    public LocalAws aws() {
        return aws;
    }

    public RuntimeApiEndpoint runtimeApi() {
        return runtimeApi;
    }

    /** The hold function's environment from the template, pointed at the local stack and this run's JWKS. */
    public Map<String, String> holdFunctionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(aws.functionEnvironment("HoldSeatsFunction"));
        aws.apiEnvironment().forEach((name, value) -> {
            if (name.startsWith("MADANG_AWS_ENDPOINT_") || name.startsWith("AWS_")) {
                env.put(name, value);
            }
        });
        env.put("JWT_ISSUER", ISSUER);
        env.put("JWT_AUDIENCE", AUDIENCE);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", runtimeApi.url(JWKS_PATH));
        return env;
    }

    /** The part of it that is not Madang's: what any function gets (region, credentials, the JVM options). */
    public Map<String, String> bareFunctionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        holdFunctionEnvironment().forEach((name, value) -> {
            if (name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS") || name.equals("QUARKUS_PROFILE")) {
                env.put(name, value);
            }
        });
        return env;
    }

    /** A new fan's hold of the next free seat: every event holds a seat nobody holds, so none is refused. */
    public byte[] holdEvent() {
        if (nextSeat >= seats) {
            throw new IllegalStateException("the rounds have no free seat left: give the stage more rows");
        }
        Round round = rounds.get(nextSeat / seatsPerRound);
        int inRound = nextSeat % seatsPerRound;
        int row = inRound / SEATS_PER_ROW + 1;
        int number = inRound % SEATS_PER_ROW + 1;
        nextSeat++;
        String fan = "bench-fan-" + UUID.randomUUID();
        String token = keys.activeSigner(ISSUER, AUDIENCE, Clock.systemUTC())
                .issue(fan, Set.of(Role.USER), true).value();
        ObjectNode body = JSON.createObjectNode().put("roundId", round.id());
        body.putArray("seatIds").add(Seat.idOf("F", String.valueOf(row), number));
        // each fan from an address of their own, as in a rush: one address would soon meet the per-address limit
        String address = "10." + (nextSeat >> 16 & 255) + "." + (nextSeat >> 8 & 255) + "." + (nextSeat & 255);
        return event("POST", "/v1/holds", address, Map.of("authorization", "Bearer " + token,
                "idempotency-key", UUID.randomUUID().toString()), body.toString());
    }

    /**
     * The Madang app's own bare endpoint: the server clock, which reads nothing and needs no token, so what it costs
     * is what the app spends on any request (the runtime client, lambda-http, JAX-RS, the app's filters, the access
     * log line).
     */
    public static byte[] serverTimeEvent() {
        return event("GET", "/v1/time", "10.0.0.1", Map.of(), null);
    }

    public static byte[] pingEvent() {
        return event("POST", "/ping", "10.0.0.1", Map.of(), "{\"roundId\":\"r\",\"seatIds\":[\"F-1-1\"]}");
    }

    /** An API Gateway HTTP API event, payload format 2.0, as the integration sends it. */
    static byte[] event(String method, String path, String sourceIp, Map<String, String> headers, String body) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0").put("routeKey", method + " " + path).put("rawPath", path)
                .put("rawQueryString", "");
        ObjectNode h = event.putObject("headers");
        h.put("content-type", "application/json").put("accept", "application/json").put("host", "api.madang.bench")
                .put("user-agent", "madang-bench");
        h.put("x-forwarded-for", sourceIp); // API Gateway names the client's address so
        headers.forEach(h::put);
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000").put("apiId", "bench").put("domainName", "api.madang.bench")
                .put("requestId", UUID.randomUUID().toString()).put("routeKey", method + " " + path)
                .put("stage", "$default").put("time", Instant.now().toString())
                .put("timeEpoch", System.currentTimeMillis());
        context.putObject("http").put("method", method).put("path", path).put("protocol", "HTTP/1.1")
                .put("sourceIp", sourceIp).put("userAgent", "madang-bench");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The status code of a lambda-http answer, or -1 if the function failed. */
    public static int status(RuntimeApiEndpoint.Answer answer) {
        if (answer.error()) {
            return -1;
        }
        try {
            JsonNode node = JSON.readTree(answer.body());
            return node.path("statusCode").asInt(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** The artifacts' zips, from the repository's build. */
    public static Path apiFunctionZip() {
        return LocalAws.templatePath().getParent().resolve("functions/api/target/function.zip");
    }

    public static Path bareFunctionZip() {
        return LocalAws.templatePath().getParent().resolve("tools/bare-lambda/target/function.zip");
    }

    public static Path workDir() {
        return LocalAws.templatePath().getParent().resolve("tools/benchmarks/target/lambda-bench");
    }

    /**
     * The JVM flags of every function JVM started here: Lambda's managed Java runtime's own (serial GC, class data
     * sharing; the heap from the function's memory) and what the template's {@code JAVA_TOOL_OPTIONS} adds.
     */
    public static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xshare:auto", "-Xmx1300m"));
        // e.g. a flight recording of both: -Dbench.extraJvmFlags=-XX:StartFlightRecording=filename=rec.jfr
        String extra = System.getProperty("bench.extraJvmFlags", "");
        if (!extra.isBlank()) {
            flags.addAll(List.of(extra.trim().split("\\s+")));
        }
        return flags;
    }

    @Override
    public void close() {
        runtimeApi.close();
        aws.close();
    }
}
