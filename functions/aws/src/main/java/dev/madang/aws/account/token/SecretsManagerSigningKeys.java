package dev.madang.aws.account.token;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@link SigningKeySet} kept in an AWS Secrets Manager secret (its {@code AWSCURRENT} version, a
 * {@code SecretString} in the set's stored form), read with the SDK v2 client.
 *
 * <p>{@link #current()} reads the secret again once the copy it holds is {@link #DEFAULT_MAX_AGE} old. That is the
 * one piece of caching needed: a Lambda instance lives for hours, and without reloading it would keep signing with a
 * key the operator has since deactivated and, after retiring it, no longer publishes. The reload interval is part of
 * the waits of the rotation procedure ({@link SigningKeySet}). If a reload fails while an earlier copy is held, that
 * copy keeps serving for another interval (a key set does not go bad because Secrets Manager is briefly
 * unreachable); with no copy yet, the failure is thrown.
 *
 * <p>The secret's value is never logged and never put into an exception: a malformed secret is reported with the
 * secret id, its version id and {@link SigningKeySet#parse}'s message, which holds no key material.
 */
public final class SecretsManagerSigningKeys implements AutoCloseable {

    /** How long a loaded key set is used before the secret is read again. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    private final SecretsManagerClient client;
    private final boolean ownsClient;
    private final String secretId;
    private final Duration maxAge;
    private final Clock clock;

    private SigningKeySet loaded;
    private Instant loadedAt;

    /** Reads {@code secretId} with a client the caller owns (and closes), reloading every {@link #DEFAULT_MAX_AGE}. */
    public SecretsManagerSigningKeys(SecretsManagerClient client, String secretId) {
        this(client, secretId, DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    /** As above, with the reload interval and the clock that measures it. */
    public SecretsManagerSigningKeys(SecretsManagerClient client, String secretId, Duration maxAge, Clock clock) {
        this(client, false, secretId, maxAge, clock);
    }

    private SecretsManagerSigningKeys(SecretsManagerClient client, boolean ownsClient, String secretId,
                                      Duration maxAge, Clock clock) {
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalArgumentException("the signing keys' secret id (name or ARN) is required");
        }
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must be zero or positive");
        }
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        this.secretId = secretId;
        this.maxAge = maxAge;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads {@code secretId} with a client of its own for {@code region}, closed by {@link #close()}.
     *
     * @param endpointOverride a local Secrets Manager (the local stack's stand-in), or {@code null} for AWS; with an
     *                         override the client uses dummy static credentials, as the local engines accept any
     */
    public static SecretsManagerSigningKeys create(String region, URI endpointOverride, String secretId) {
        return new SecretsManagerSigningKeys(client(region, endpointOverride), true, secretId, DEFAULT_MAX_AGE,
                Clock.systemUTC());
    }

    /**
     * A Secrets Manager client configured like the project's other SDK clients: the url-connection HTTP client with
     * short timeouts, the default credentials in AWS, dummy static ones against a local endpoint.
     */
    public static SecretsManagerClient client(String region, URI endpointOverride) {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("a region is required");
        }
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(endpointOverride != null))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)));
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(boolean local) {
        return local ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }

    public String secretId() {
        return secretId;
    }

    /**
     * The key set, read again if the held copy is older than the reload interval.
     *
     * @throws IllegalStateException if the secret cannot be read or parsed and no earlier copy is held
     */
    public synchronized SigningKeySet current() {
        Instant now = clock.instant();
        if (loaded != null && now.isBefore(loadedAt.plus(maxAge))) {
            return loaded;
        }
        try {
            return load();
        } catch (RuntimeException e) {
            if (loaded != null) {
                // the next attempt waits a full interval too: an unreachable service costs each request seconds of
                // timeouts and retries, under this lock
                loadedAt = now;
                return loaded;
            }
            throw e;
        }
    }

    /**
     * Reads the secret's current version now (and keeps it for {@link #current()}).
     *
     * @throws IllegalStateException if it cannot be read, is not a string secret, or is not a valid key set; the SDK's
     *                               exception, if any, is the cause (its message holds no secret value)
     */
    public synchronized SigningKeySet load() {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(r -> r.secretId(secretId));
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not read the signing keys' secret '" + secretId + "'", e);
        }
        if (response.secretString() == null) {
            throw new IllegalStateException("the signing keys' secret '" + secretId + "' (version "
                    + response.versionId() + ") holds no SecretString; store the key set as a string");
        }
        SigningKeySet set;
        try {
            set = SigningKeySet.parse(response.secretString());
        } catch (IllegalArgumentException e) {
            // parse's message holds no key material; the exception itself is dropped so nothing else can leak from it
            throw new IllegalStateException("the signing keys' secret '" + secretId + "' (version "
                    + response.versionId() + ") is not a valid key set: " + e.getMessage());
        }
        loaded = set;
        loadedAt = clock.instant();
        return set;
    }

    /** Closes the client if {@link #create} built it; a client passed in stays open. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "SecretsManagerSigningKeys[" + secretId + ", maxAge " + maxAge + "]";
    }
}
