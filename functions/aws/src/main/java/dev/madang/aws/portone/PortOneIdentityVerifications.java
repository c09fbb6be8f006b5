package dev.madang.aws.portone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.support.ProviderHttp;
import dev.madang.domain.identity.IdentityProviderUnavailable;
import dev.madang.domain.identity.IdentityVerifications;
import dev.madang.domain.identity.VerificationResult;
import dev.madang.domain.identity.VerifiedPerson;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * {@link IdentityVerifications} over PortOne V2's REST API: {@code GET /identity-verifications/{id}} with
 * {@code Authorization: PortOne <API secret>}.
 *
 * <table>
 *   <caption>How PortOne's answers map</caption>
 *   <tr><th>PortOne answers</th><th>we return / throw</th></tr>
 *   <tr><td>200 VERIFIED</td><td>VERIFIED with the person (a VERIFIED without DI or birth date: IllegalStateException,
 *       the channel is configured wrong)</td></tr>
 *   <tr><td>200 READY, FAILED, or anything else</td><td>NOT_VERIFIED with that status</td></tr>
 *   <tr><td>404 IDENTITY_VERIFICATION_NOT_FOUND</td><td>NOT_FOUND</td></tr>
 *   <tr><td>401, 403</td><td>IllegalStateException: the API secret is wrong</td></tr>
 *   <tr><td>429, 5xx, timeout, connection failure</td><td>retried ({@value #MAX_RETRIES} retries, exponential backoff
 *       with jitter), then {@link IdentityProviderUnavailable}</td></tr>
 *   <tr><td>200 that is not readable JSON</td><td>IdentityProviderUnavailable, not retried</td></tr>
 *   <tr><td>any other 4xx, a 404 of another type</td><td>IllegalStateException (our request or base URL is wrong)
 *       </td></tr>
 * </table>
 * A lookup is a GET, so retrying it is harmless. The API secret is held only to build the header: it is never logged
 * and never put in an exception message, and {@link #toString()} hides it.
 */
public final class PortOneIdentityVerifications implements IdentityVerifications {

    /** Retries after the first attempt: three attempts at most, so a sign-up waits seconds, not the Lambda timeout. */
    static final int MAX_RETRIES = 2;

    private static final System.Logger LOG = System.getLogger(PortOneIdentityVerifications.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Connect and per-attempt timeouts and the first backoff (doubled for the second retry). The defaults keep the
     * worst case (three timed-out attempts) around ten seconds, inside API Gateway's 29.
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, Duration firstBackoff) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofMillis(200));

        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(firstBackoff, "firstBackoff");
        }
    }

    private final URI baseUrl;
    private final String apiSecret;
    private final Settings settings;
    private final HttpClient http;

    /** {@code baseUrl} is {@code https://api.portone.io} in production, the sandbox's URL locally and in tests. */
    public PortOneIdentityVerifications(URI baseUrl, String apiSecret) {
        this(baseUrl, apiSecret, Settings.DEFAULT);
    }

    public PortOneIdentityVerifications(URI baseUrl, String apiSecret, Settings settings) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!ProviderHttp.headerSafe(apiSecret)) {
            // not echoed: a secret pasted with a newline would otherwise end up in a log
            throw new IllegalArgumentException("the PortOne API secret is missing or has characters a header cannot carry");
        }
        this.baseUrl = ProviderHttp.withoutTrailingSlash(baseUrl);
        this.apiSecret = apiSecret;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = ProviderHttp.client(settings.connectTimeout());
    }

    @Override
    public VerificationResult check(String identityVerificationId) {
        if (!IdentityVerifications.isWellFormedId(identityVerificationId)) {
            throw new IllegalArgumentException("an identity verification id is 1 to 100 of [A-Za-z0-9_-]");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/identity-verifications/"
                        + URLEncoder.encode(identityVerificationId, StandardCharsets.UTF_8)))
                .timeout(settings.requestTimeout())
                .header("Authorization", "PortOne " + apiSecret)
                .header("Accept", "application/json")
                .GET()
                .build();

        String lastProblem = null;
        Exception lastCause = null;
        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
            if (attempt > 0) {
                LOG.log(System.Logger.Level.WARNING, "PortOne identity verification lookup: {0}; retry {1} of {2}",
                        lastProblem, attempt, MAX_RETRIES);
                backOff(attempt);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                lastProblem = "timed out";
                lastCause = e;
                continue;
            } catch (IOException e) {
                lastProblem = "connection failed (" + e.getClass().getSimpleName() + ")";
                lastCause = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IdentityProviderUnavailable("interrupted while asking PortOne", e);
            }
            int status = response.statusCode();
            if (status == 429 || status >= 500) {
                lastProblem = "HTTP " + status;
                lastCause = null;
                continue;
            }
            return interpret(status, response.body());
        }
        throw new IdentityProviderUnavailable("PortOne did not answer the identity verification lookup after "
                + (MAX_RETRIES + 1) + " attempts (last: " + lastProblem + ")", lastCause);
    }

    private static VerificationResult interpret(int status, String body) {
        if (status == 200) {
            JsonNode json = parse(body);
            if (json == null || !json.path("status").isTextual()) {
                throw new IdentityProviderUnavailable("PortOne answered 200 with an unreadable identity verification");
            }
            String verificationStatus = json.get("status").asText();
            return "VERIFIED".equals(verificationStatus) ? VerificationResult.verified(person(json.path("verifiedCustomer")))
                    : VerificationResult.notVerified(verificationStatus);
        }
        String type = errorType(body);
        if (status == 404 && "IDENTITY_VERIFICATION_NOT_FOUND".equals(type)) {
            return VerificationResult.notFound();
        }
        if (status == 401 || status == 403) {
            throw new IllegalStateException("PortOne refused our API secret (HTTP " + status + ", " + type
                    + "): the configured PortOne API secret is wrong, revoked or lacks access to identity verification");
        }
        // a 404 of another kind means we asked the wrong place: treating it as "no such verification" would turn a
        // configuration mistake into every user's "verify again"
        throw new IllegalStateException("PortOne answered HTTP " + status + " (" + type
                + ") to an identity verification lookup; check the PortOne base URL and this adapter");
    }

    private static VerifiedPerson person(JsonNode customer) {
        String name = textOrNull(customer, "name");
        String di = textOrNull(customer, "di");
        String birth = textOrNull(customer, "birthDate");
        LocalDate birthDate;
        try {
            birthDate = birth == null ? null : LocalDate.parse(birth);
        } catch (DateTimeParseException e) {
            birthDate = null;
        }
        if (name == null || name.isBlank() || di == null || di.isBlank() || birthDate == null) {
            // which fields are missing, never their values
            throw new IllegalStateException("PortOne's VERIFIED answer lacks "
                    + (name == null || name.isBlank() ? "name " : "") + (di == null || di.isBlank() ? "di " : "")
                    + (birthDate == null ? "birthDate " : "")
                    + "- the identity verification channel must be set up to return them");
        }
        return new VerifiedPerson(name, birthDate, textOrNull(customer, "phoneNumber"), di, textOrNull(customer, "ci"));
    }

    private static String errorType(String body) {
        JsonNode json = parse(body);
        return json == null ? "no PortOne error type" : json.path("type").asText("no PortOne error type");
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /** firstBackoff, then twice that, each with up to half of it taken off at random so retries do not march. */
    private void backOff(int retry) {
        if (!ProviderHttp.pauseBeforeRetry(retry, settings.firstBackoff())) {
            throw new IdentityProviderUnavailable("interrupted while waiting to retry PortOne");
        }
    }

    @Override
    public String toString() {
        return "PortOneIdentityVerifications[baseUrl=" + baseUrl + ", apiSecret=****]";
    }
}
