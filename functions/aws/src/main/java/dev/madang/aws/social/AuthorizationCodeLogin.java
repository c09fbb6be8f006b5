package dev.madang.aws.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.support.ProviderHttp;
import dev.madang.domain.account.EmailAddress;
import dev.madang.domain.account.social.SocialLogin;
import dev.madang.domain.account.social.SocialProfile;
import dev.madang.domain.account.social.SocialProviderUnavailable;
import dev.madang.domain.common.DomainException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What Kakao's and Naver's authorization-code flows share: building the consent URL, the HTTP plumbing with its retry
 * rules, and how refusals, outages and misconfiguration come out (see {@link SocialLogin}).
 *
 * <p>Retry rules, because an authorization code is single-use:
 * <ul>
 *   <li>token exchange (POST): retried only when the connection was never established (refused, or the connect timed
 *       out): the provider cannot have seen the code. A timeout, reset, 5xx or 429 after the request went out is not
 *       retried: the provider may have spent the code, and a second try would turn an outage into a misleading
 *       "invalid code". The user starts the login again instead, which costs one redirect;</li>
 *   <li>profile lookup (GET): retried on connection failures, timeouts, 5xx and 429.</li>
 * </ul>
 * Secrets and tokens: the client secret goes only into the token request body, the provider's access token only into
 * the profile request header, and then it is dropped. Neither, nor the code, nor the provider's error_description
 * (Kakao's repeats the code), nor any profile value reaches a log line or an exception message: only status codes and
 * the provider's error codes do.
 */
abstract class AuthorizationCodeLogin implements SocialLogin {

    /** Retries after the first attempt: three attempts at most. */
    static final int MAX_RETRIES = 2;
    /** Longer than any code either provider issues, short enough that junk on the callback is refused unsent. */
    private static final int MAX_CODE_LENGTH = 512;
    private static final int MAX_STATE_LENGTH = 512;

    static final ObjectMapper JSON = new ObjectMapper();

    private final System.Logger log;
    private final String providerName;
    private final URI authHost;
    private final URI apiHost;
    private final String clientId;
    private final String clientSecret;
    private final SocialLoginSettings settings;
    private final HttpClient http;

    AuthorizationCodeLogin(String providerName, URI authHost, URI apiHost, String clientId, String clientSecret,
                           SocialLoginSettings settings) {
        this.providerName = providerName;
        this.log = System.getLogger(getClass().getName());
        this.authHost = ProviderHttp.withoutTrailingSlash(Objects.requireNonNull(authHost, "authHost"));
        this.apiHost = ProviderHttp.withoutTrailingSlash(Objects.requireNonNull(apiHost, "apiHost"));
        if (!ProviderHttp.headerSafe(clientId)) {
            throw new IllegalArgumentException("the " + providerName + " client id is missing or has unprintable characters");
        }
        if (!ProviderHttp.headerSafe(clientSecret)) {
            // not echoed: a secret pasted with a newline would otherwise end up in a log
            throw new IllegalArgumentException("the " + providerName
                    + " client secret is missing or has unprintable characters");
        }
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = ProviderHttp.client(settings.connectTimeout());
    }

    /** The provider's consent page path on the auth host. */
    abstract String authorizePath();

    /** Exchanges the code for the provider's access token; refusals, outages and misconfiguration thrown. */
    abstract String exchange(String code, String state, URI redirectUri);

    /** Looks the user up with the provider's access token. */
    abstract SocialProfile profile(String accessToken);

    @Override
    public final URI authorizationUrl(String state, URI redirectUri) {
        if (state == null || state.isBlank() || state.length() > MAX_STATE_LENGTH) {
            throw new IllegalArgumentException("a login attempt needs a state of 1 to " + MAX_STATE_LENGTH + " characters");
        }
        requireRedirectUri(redirectUri);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri.toString());
        query.put("state", state);
        return URI.create(authHost + authorizePath() + "?" + formEncode(query));
    }

    @Override
    public final SocialProfile complete(String code, String state, URI redirectUri) {
        requireRedirectUri(redirectUri);
        if (code == null || code.isBlank()) {
            // the provider redirected with error=access_denied (or anything else) instead of a code
            throw refused("no authorization code on the callback (consent denied or cancelled)");
        }
        if (code.length() > MAX_CODE_LENGTH || !printableAscii(code)) {
            throw refused("the callback's code is not one the provider issues");
        }
        if (state == null || state.isBlank() || state.length() > MAX_STATE_LENGTH) {
            throw refused("no state on the callback");
        }
        String accessToken = exchange(code, state, redirectUri);
        return profile(accessToken);
    }

    // --- HTTP ------------------------------------------------------------------------------------------------------

    /**
     * POSTs the token request. Retried only while no connection could be made; whatever the status, the answer is
     * returned. An outage after the request went out is {@link SocialProviderUnavailable} at once.
     */
    final HttpResponse<String> postToken(String path, Map<String, String> form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(authHost + path))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form), StandardCharsets.UTF_8))
                .build();
        String lastProblem = null;
        Exception lastCause = null;
        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
            if (attempt > 0) {
                log.log(System.Logger.Level.WARNING, "{0} token exchange: {1}; retry {2} of {3}", providerName,
                        lastProblem, attempt, MAX_RETRIES);
                backOff(attempt);
            }
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException | ConnectException e) {
                lastProblem = "could not connect (" + e.getClass().getSimpleName() + ")";
                lastCause = e;
            } catch (HttpTimeoutException e) {
                throw new SocialProviderUnavailable(providerName + " did not answer the token exchange in time; "
                        + "not retried, the code may be spent", e);
            } catch (IOException e) {
                throw new SocialProviderUnavailable(providerName + " token exchange failed after the request was sent ("
                        + e.getClass().getSimpleName() + "); not retried, the code may be spent", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SocialProviderUnavailable("interrupted while exchanging the " + providerName + " code", e);
            }
        }
        throw new SocialProviderUnavailable(providerName + " token endpoint unreachable after " + (MAX_RETRIES + 1)
                + " attempts (last: " + lastProblem + ")", lastCause);
    }

    /** GETs the profile, retrying connection failures, timeouts, 5xx and 429; any other answer is returned. */
    final HttpResponse<String> getProfile(String path, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiHost + path))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET()
                .build();
        String lastProblem = null;
        Exception lastCause = null;
        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
            if (attempt > 0) {
                log.log(System.Logger.Level.WARNING, "{0} profile lookup: {1}; retry {2} of {3}", providerName,
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
                throw new SocialProviderUnavailable("interrupted while asking " + providerName + " for the profile", e);
            }
            int status = response.statusCode();
            if (status == 429 || status >= 500) {
                lastProblem = "HTTP " + status;
                lastCause = null;
                continue;
            }
            return response;
        }
        throw new SocialProviderUnavailable(providerName + " did not answer the profile lookup after "
                + (MAX_RETRIES + 1) + " attempts (last: " + lastProblem + ")", lastCause);
    }

    // --- outcomes --------------------------------------------------------------------------------------------------

    /**
     * The provider refused this login. {@code reason} (status and error codes only) goes to the log for whoever
     * investigates; the user's detail stays vague, as for every refused credential.
     */
    final DomainException refused(String reason) {
        log.log(System.Logger.Level.INFO, "{0} login refused: {1}", providerName, reason);
        return DomainException.unauthenticated(FAILED,
                "The " + providerName + " login could not be completed. Please start the login again.");
    }

    final IllegalStateException misconfigured(String reason) {
        return new IllegalStateException(providerName + " refused our client credentials or request (" + reason
                + "): check the " + providerName + " client id, client secret and host settings");
    }

    final SocialProviderUnavailable unavailable(String reason) {
        return new SocialProviderUnavailable(providerName + " " + reason);
    }

    String clientId() {
        return clientId;
    }

    String clientSecret() {
        return clientSecret;
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    static JsonNode parse(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    /** An address we can use, in its stored form, or null: a provider's odd address must not fail the login. */
    static String usableEmail(String email) {
        String normal = EmailAddress.normalise(email);
        return normal != null && EmailAddress.isWellFormed(normal) ? normal : null;
    }

    /** Only the provider's error codes, which are safe to log; never its descriptions. */
    static String errorCodes(JsonNode json, String... fields) {
        if (json == null) {
            return "no error body";
        }
        StringJoiner codes = new StringJoiner(", ");
        for (String field : fields) {
            JsonNode value = json.get(field);
            if (value != null && value.isValueNode() && value.asText().matches("[A-Za-z0-9_.-]{1,40}")) {
                codes.add(field + "=" + value.asText());
            }
        }
        return codes.length() == 0 ? "no error code" : codes.toString();
    }

    private static String formEncode(Map<String, String> form) {
        StringJoiner joined = new StringJoiner("&");
        form.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    private static void requireRedirectUri(URI redirectUri) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        String scheme = redirectUri.getScheme();
        if (!redirectUri.isAbsolute() || redirectUri.getRawFragment() != null || redirectUri.getHost() == null
                || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("a redirect URI is an absolute http(s) URI without a fragment");
        }
    }

    /** Both providers issue codes of printable ASCII; anything else on the callback is not theirs. */
    private static boolean printableAscii(String value) {
        return value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    /** firstBackoff, then twice that, each with up to half taken off at random so retries do not march. */
    private void backOff(int retry) {
        if (!ProviderHttp.pauseBeforeRetry(retry, settings.firstBackoff())) {
            throw new SocialProviderUnavailable("interrupted while waiting to retry " + providerName);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[authHost=" + authHost + ", apiHost=" + apiHost + ", clientId=" + clientId
                + ", clientSecret=****]";
    }
}
