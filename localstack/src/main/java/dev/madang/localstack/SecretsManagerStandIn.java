package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A stand-in for the part of AWS Secrets Manager Madang uses, so that the code reading secrets runs locally and in
 * tests through the real SDK v2 {@code SecretsManagerClient} over real HTTP. None of the open-source engines in
 * {@code localstack/README.md} serves Secrets Manager without Docker, and the subset needed is small. A JDK
 * {@link HttpServer} on a loopback port, secrets in memory.
 *
 * <h2>Protocol</h2>
 * AWS JSON 1.1, as the SDK speaks it: {@code POST /}, {@code Content-Type: application/x-amz-json-1.1},
 * {@code X-Amz-Target: secretsmanager.<Operation>}. Answers carry the same content type; errors are
 * {@code {"__type":"<Code>","message":...}} with status 400 (and the code in {@code x-amzn-ErrorType}), which the SDK
 * turns into its typed exceptions ({@code ResourceNotFoundException}, {@code ResourceExistsException},
 * {@code InvalidParameterException}, {@code InvalidRequestException}).
 * <b>Request signatures (SigV4) are not verified</b>, nor are credentials or permissions: any caller may read any
 * secret. It listens on loopback only and is never deployed.
 *
 * <h2>Operations</h2>
 * <ul>
 *   <li>{@code CreateSecret} ({@code Name}, optional {@code SecretString} or {@code SecretBinary},
 *       {@code ClientRequestToken}): the first version, labelled {@code AWSCURRENT}, its id the request token (the
 *       SDK fills one in). An existing name answers {@code ResourceExistsException}. Description, KMS key and tags
 *       are accepted and ignored.</li>
 *   <li>{@code PutSecretValue} ({@code SecretId}, {@code SecretString} or {@code SecretBinary},
 *       {@code ClientRequestToken}, {@code VersionStages} defaulting to {@code AWSCURRENT}): a new version; each
 *       label it takes moves from the version that had it, and when {@code AWSCURRENT} moves the version losing it
 *       becomes {@code AWSPREVIOUS}. Repeating a request token with the same value changes nothing (the SDK's
 *       retries); with another value it answers {@code ResourceExistsException}, as versions are immutable. A
 *       secret's first version is {@code AWSCURRENT} whatever the labels asked for.</li>
 *   <li>{@code GetSecretValue} ({@code SecretId}, optional {@code VersionId} and/or {@code VersionStage}, default
 *       {@code AWSCURRENT}).</li>
 * </ul>
 * {@code SecretId} is the name or the ARN this stand-in gave the secret. Not served: deletion, rotation (Lambda),
 * resource policies, replication, listing; they answer {@code UnknownOperationException}.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    public static final String CURRENT = "AWSCURRENT";
    public static final String PREVIOUS = "AWSPREVIOUS";

    private static final String TARGET_PREFIX = "secretsmanager.";
    /** Secrets Manager's own limit on a secret value. */
    private static final int MAX_SECRET_BYTES = 65_536;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final ObjectMapper JSON = AwsJsonProtocol.JSON;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            .toCharArray();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String region;
    private final String accountId;
    private final Map<String, Secret> secretsByName = new LinkedHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    private SecretsManagerStandIn(HttpServer server, ExecutorService executor, String region, String accountId) {
        this.server = server;
        this.executor = executor;
        this.region = region;
        this.accountId = accountId;
    }

    /** Starts on a free loopback port, answering as the local stack's region and account. */
    public static SecretsManagerStandIn start() {
        return start(LocalAws.REGION, LocalAws.ACCOUNT_ID, 0);
    }

    /** Starts on {@code port} of loopback (0: any free port); region and account go into the ARNs. */
    public static SecretsManagerStandIn start(String region, String accountId, int port) {
        HttpServer server = LoopbackServers.listen("Secrets Manager stand-in", port);
        ExecutorService executor = LoopbackServers.daemonThreads("secretsmanager-standin");
        SecretsManagerStandIn standIn = new SecretsManagerStandIn(server, executor,
                Objects.requireNonNull(region, "region"), Objects.requireNonNull(accountId, "accountId"));
        LoopbackServers.serve(server, executor, standIn::handle);
        return standIn;
    }

    /** The endpoint to give the SDK ({@code endpointOverride}). */
    public URI endpoint() {
        return LoopbackServers.endpoint(server);
    }

    /** Requests received so far, of any operation, answered successfully or not. */
    public int requestCount() {
        return requests.get();
    }

    /** Forgets every secret and the request count. */
    public synchronized void reset() {
        secretsByName.clear();
        requests.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "SecretsManagerStandIn[" + endpoint() + "]";
    }

    // ------------------------------------------------------------------------------------------------------
    // HTTP
    // ------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            ObjectNode answer;
            try {
                String operation = AwsJsonProtocol.operation(exchange, TARGET_PREFIX);
                JsonNode body = AwsJsonProtocol.body(exchange);
                answer = switch (operation) {
                    case "CreateSecret" -> createSecret(body);
                    case "PutSecretValue" -> putSecretValue(body);
                    case "GetSecretValue" -> getSecretValue(body);
                    default -> throw new Failure("UnknownOperationException",
                            "the stand-in serves CreateSecret, PutSecretValue and GetSecretValue only");
                };
            } catch (AwsJsonProtocol.Refusal r) {
                AwsJsonProtocol.refuse(exchange, r);
                return;
            } catch (Failure f) {
                AwsJsonProtocol.respond(exchange, 400, AwsJsonProtocol.error(f.code, f.getMessage()));
                return;
            }
            AwsJsonProtocol.respond(exchange, 200, answer);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Operations (one at a time: label moves must not interleave)
    // ------------------------------------------------------------------------------------------------------

    private synchronized ObjectNode createSecret(JsonNode body) {
        String name = text(body, "Name");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Failure("InvalidParameterException",
                    "Name is required: 1 to 512 of ASCII letters, digits and /_+=.@-");
        }
        if (secretsByName.containsKey(name)) {
            throw new Failure("ResourceExistsException",
                    "The operation failed because the secret " + name + " already exists.");
        }
        Value value = value(body, false);
        Secret secret = new Secret(name, arn(name));
        String versionId = null;
        if (value != null) {
            versionId = requestToken(body);
            secret.versions.put(versionId, new Version(versionId, value, Instant.now()));
            secret.versions.get(versionId).stages.add(CURRENT);
        }
        secretsByName.put(name, secret);
        ObjectNode answer = JSON.createObjectNode().put("ARN", secret.arn).put("Name", name);
        if (versionId != null) {
            answer.put("VersionId", versionId);
        }
        return answer;
    }

    private synchronized ObjectNode putSecretValue(JsonNode body) {
        Secret secret = find(text(body, "SecretId"));
        Value value = value(body, true);
        String versionId = requestToken(body);
        List<String> stages = new ArrayList<>();
        JsonNode requested = body.get("VersionStages");
        if (requested == null || requested.isNull()) {
            stages.add(CURRENT);
        } else if (!requested.isArray() || requested.isEmpty()) {
            throw new Failure("InvalidParameterException", "VersionStages must be a non-empty list of labels");
        } else {
            requested.forEach(s -> stages.add(s.asText()));
        }
        Version existing = secret.versions.get(versionId);
        if (existing != null) {
            if (!existing.value.equals(value)) {
                throw new Failure("ResourceExistsException", "You can't modify an existing version, you can only "
                        + "create a new version.");
            }
            return versionAnswer(secret, existing); // a retried request: already done
        }
        Version version = new Version(versionId, value, Instant.now());
        if (secret.versions.isEmpty() && !stages.contains(CURRENT)) {
            stages.add(CURRENT); // a secret's first version is always the current one
        }
        secret.versions.put(versionId, version);
        for (String stage : stages) {
            moveLabel(secret, stage, version);
        }
        return versionAnswer(secret, version);
    }

    private synchronized ObjectNode getSecretValue(JsonNode body) {
        Secret secret = find(text(body, "SecretId"));
        String versionId = text(body, "VersionId");
        String stage = text(body, "VersionStage");
        Version version;
        if (versionId != null) {
            version = secret.versions.get(versionId);
            if (version == null) {
                throw new Failure("ResourceNotFoundException", "Secrets Manager can't find the specified secret "
                        + "value for VersionId: " + versionId);
            }
            if (stage != null && !version.stages.contains(stage)) {
                throw new Failure("InvalidRequestException", "The version " + versionId + " does not have the "
                        + "staging label " + stage);
            }
        } else {
            String wanted = stage == null ? CURRENT : stage;
            version = secret.withStage(wanted);
            if (version == null) {
                throw new Failure("ResourceNotFoundException", "Secrets Manager can't find the specified secret "
                        + "value for staging label: " + wanted);
            }
        }
        ObjectNode answer = JSON.createObjectNode()
                .put("ARN", secret.arn)
                .put("Name", secret.name)
                .put("VersionId", version.id);
        if (version.value.string != null) {
            answer.put("SecretString", version.value.string);
        } else {
            answer.put("SecretBinary", Base64.getEncoder().encodeToString(version.value.binary));
        }
        ArrayNode stages = answer.putArray("VersionStages");
        version.stages.forEach(stages::add);
        // JSON 1.1 timestamps are epoch seconds
        answer.put("CreatedDate", version.created.toEpochMilli() / 1000.0);
        return answer;
    }

    private static void moveLabel(Secret secret, String stage, Version to) {
        for (Version v : secret.versions.values()) {
            if (v != to && v.stages.remove(stage) && CURRENT.equals(stage)) {
                // the version that was current is kept as the previous one, as Secrets Manager does
                for (Version w : secret.versions.values()) {
                    w.stages.remove(PREVIOUS);
                }
                v.stages.add(PREVIOUS);
            }
        }
        to.stages.add(stage);
    }

    private static ObjectNode versionAnswer(Secret secret, Version version) {
        ObjectNode answer = JSON.createObjectNode()
                .put("ARN", secret.arn)
                .put("Name", secret.name)
                .put("VersionId", version.id);
        ArrayNode stages = answer.putArray("VersionStages");
        version.stages.forEach(stages::add);
        return answer;
    }

    private Secret find(String secretId) {
        if (secretId == null || secretId.isBlank()) {
            throw new Failure("InvalidParameterException", "SecretId is required");
        }
        Secret byName = secretsByName.get(secretId);
        if (byName != null) {
            return byName;
        }
        for (Secret s : secretsByName.values()) {
            if (s.arn.equals(secretId)) {
                return s;
            }
        }
        throw new Failure("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    private static Value value(JsonNode body, boolean required) {
        String string = text(body, "SecretString");
        String binary = text(body, "SecretBinary");
        if (string != null && binary != null) {
            throw new Failure("InvalidParameterException", "You can't specify both a binary secret value and a "
                    + "string secret value in the same secret.");
        }
        if (string == null && binary == null) {
            if (required) {
                throw new Failure("InvalidParameterException", "You must provide either SecretString or "
                        + "SecretBinary.");
            }
            return null;
        }
        Value value;
        try {
            value = string != null ? new Value(string, null) : new Value(null, Base64.getDecoder().decode(binary));
        } catch (IllegalArgumentException e) {
            throw new Failure("InvalidParameterException", "SecretBinary is not base64");
        }
        int size = string != null ? string.getBytes(StandardCharsets.UTF_8).length
                : value.binary.length;
        if (size > MAX_SECRET_BYTES) {
            throw new Failure("InvalidParameterException", "the secret value exceeds " + MAX_SECRET_BYTES + " bytes");
        }
        return value;
    }

    private static String requestToken(JsonNode body) {
        String token = text(body, "ClientRequestToken");
        if (token == null) {
            return UUID.randomUUID().toString();
        }
        if (token.length() < 32 || token.length() > 64) {
            throw new Failure("InvalidParameterException", "ClientRequestToken must be 32 to 64 characters");
        }
        return token;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || !node.isTextual() ? null : node.asText();
    }

    /** Secrets Manager appends six random characters to the name in the ARN, so a re-created secret's ARN differs. */
    private String arn(String name) {
        char[] suffix = new char[6];
        for (int i = 0; i < suffix.length; i++) {
            suffix[i] = SUFFIX_CHARS[RANDOM.nextInt(SUFFIX_CHARS.length)];
        }
        return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-" + new String(suffix);
    }

    // ------------------------------------------------------------------------------------------------------

    private static final class Secret {
        final String name;
        final String arn;
        final Map<String, Version> versions = new LinkedHashMap<>();

        Secret(String name, String arn) {
            this.name = name;
            this.arn = arn;
        }

        Version withStage(String stage) {
            for (Version v : versions.values()) {
                if (v.stages.contains(stage)) {
                    return v;
                }
            }
            return null;
        }
    }

    private static final class Version {
        final String id;
        final Value value;
        final Instant created;
        final Set<String> stages = new LinkedHashSet<>();

        Version(String id, Value value, Instant created) {
            this.id = id;
            this.value = value;
            this.created = created;
        }
    }

    /** A secret value: a string or bytes, compared by content (a retried PutSecretValue sends the same). */
    private record Value(String string, byte[] binary) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Value v && Objects.equals(string, v.string) && Arrays.equals(binary, v.binary);
        }

        @Override
        public int hashCode() {
            return Objects.hash(string, Arrays.hashCode(binary));
        }

        /** Never the value itself. */
        @Override
        public String toString() {
            return string != null ? "Value[string]" : "Value[binary]";
        }
    }

    /** An AWS-shaped error answer. */
    private static final class Failure extends RuntimeException {
        final String code;

        Failure(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
