package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@link KakaoSandbox} and {@link NaverSandbox} share: an OAuth 2.0 authorization-code server on a free loopback
 * port (a JDK {@link HttpServer}), serving the provider's consent, token and profile endpoints on one port, so the
 * adapter's auth host and API host both point at {@link #baseUrl()}.
 *
 * <h2>What it enforces, as the providers do</h2>
 * <ul>
 *   <li>consent ({@code GET} authorize path): the client id, {@code response_type=code}, and, once any redirect URI is
 *       {@link #registerRedirectUri registered}, that the redirect URI is one of them (unregistered: an error page, no
 *       redirect, since the URI cannot be trusted). Then 302 to the redirect URI with {@code code} and the same
 *       {@code state}, for the {@link #signIn signed-in} user, or with {@code error=access_denied} when
 *       {@link #denyConsent denying};</li>
 *   <li>token: client id and secret; the code is single-use (spent by the first exchange that names the right client,
 *       whatever its outcome), expires after {@link #CODE_LIFETIME}, and is bound to what it was issued with (Kakao:
 *       the redirect URI, Naver: the state);</li>
 *   <li>profile: {@code Authorization: Bearer} with a token this sandbox issued and that has not expired.</li>
 * </ul>
 * Error bodies and status codes are each provider's own (see the subclasses).
 *
 * <h2>For tests</h2>
 * {@link #issueCode} hands out a code as if the user had consented in a browser; {@link #failNext} answers the next n
 * requests to one endpoint with a status (before any check, as a real outage would), {@link #delayNext} holds them;
 * {@link #requestCount} counts requests per endpoint, injected failures included; {@link #passTime} moves the
 * sandbox's clock forward to expire codes and tokens.
 *
 * <h2>For the local runner</h2>
 * {@code POST /sandbox/users} with {@code {"id":…,"email":…,"nickname":…,"emailVerified":true}} registers a user
 * (201) and signs them in if nobody is; on the consent URL, {@code sandbox_user=<id>} picks the user and
 * {@code sandbox_deny=true} refuses consent. No secret is needed for these: the server listens on loopback only and
 * is never deployed.
 */
public abstract class SocialLoginSandbox implements AutoCloseable {

    /** The endpoints that failures, delays and counts are kept for. */
    public enum Endpoint { AUTHORIZE, TOKEN, PROFILE }

    /** Kakao documents ten minutes for its codes; Naver's are as short-lived. */
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String USERS = "/sandbox/users";
    private static final int MAX_BODY = 16 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user of the provider; all made up, so nothing here is masked. */
    public record User(String id, String email, String nickname, boolean emailVerified) {
        public User {
            Objects.requireNonNull(id, "id");
        }
    }

    record IssuedCode(String userId, String redirectUri, String state, Instant expiresAt) {
    }

    record IssuedToken(String userId, Instant expiresAt) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String clientId;
    private final String clientSecret;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final AtomicReference<String> signedIn = new AtomicReference<>();
    private final Set<String> redirectUris = new CopyOnWriteArraySet<>();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final AtomicBoolean denying = new AtomicBoolean();
    private final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);
    private final Map<Endpoint, AtomicInteger> counts = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Deque<Integer>> failures = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Deque<Duration>> delays = new EnumMap<>(Endpoint.class);

    SocialLoginSandbox(String name, String clientId, String clientSecret, int port) {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("the " + name + " sandbox needs a client id and secret to expect");
        }
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        for (Endpoint endpoint : Endpoint.values()) {
            counts.put(endpoint, new AtomicInteger());
            failures.put(endpoint, new ArrayDeque<>());
            delays.put(endpoint, new ArrayDeque<>());
        }
        server = LoopbackServers.listen(name + " sandbox", port);
        executor = LoopbackServers.daemonThreads(name.toLowerCase() + "-sandbox");
        server.createContext(authorizePath(), exchange -> handle(exchange, Endpoint.AUTHORIZE, this::authorize));
        server.createContext(tokenPath(), exchange -> handle(exchange, Endpoint.TOKEN, this::token));
        server.createContext(profilePath(), exchange -> handle(exchange, Endpoint.PROFILE, this::profile));
        server.createContext(USERS, this::createUser);
        server.setExecutor(executor);
        server.start();
    }

    // --- what each provider defines ----------------------------------------------------------------------------------

    abstract String authorizePath();

    abstract String tokenPath();

    abstract String profilePath();

    /** Whether a state is required on the consent request (Naver: yes; Kakao: recommended only). */
    abstract boolean stateRequired();

    /** The {@code error_description} put on the callback when consent is refused. */
    abstract String deniedDescription();

    /** Validates the token request and answers it, in the provider's shapes. */
    abstract void exchangeCode(HttpExchange exchange, Map<String, String> params) throws IOException;

    /** The profile document for a user, in the provider's shape. */
    abstract ObjectNode profileOf(User user);

    /** 401 with the provider's body for a missing, unknown or expired access token. */
    abstract void refuseAccessToken(HttpExchange exchange, boolean expired) throws IOException;

    /** The provider's body for an injected failure of {@code status} on {@code endpoint}. */
    abstract ObjectNode injectedFailure(Endpoint endpoint, int status);

    /** Checks a user about to be registered against the provider's id format. */
    void checkUser(User user) {
    }

    // --- configuration and test helpers ------------------------------------------------------------------------------

    /** {@code http://127.0.0.1:<port>}: serves both the auth host and the API host. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** Where the provider's auth host would be ({@link #baseUrl()}). */
    public URI authHost() {
        return baseUrl();
    }

    /** Where the provider's API host would be ({@link #baseUrl()}). */
    public URI apiHost() {
        return baseUrl();
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** Registers a redirect URI as the provider's app settings do; with none registered, any is accepted. */
    public void registerRedirectUri(URI redirectUri) {
        redirectUris.add(redirectUri.toString());
    }

    /** Registers a user; the first one registered is also signed in. */
    public User registerUser(String id, String email, String nickname, boolean emailVerified) {
        User user = new User(id, email, nickname, emailVerified);
        checkUser(user);
        users.put(id, user);
        signedIn.compareAndSet(null, id);
        return user;
    }

    /** The user the consent endpoint acts for, as if they were signed in at the provider in this browser. */
    public void signIn(String userId) {
        if (!users.containsKey(userId)) {
            throw new IllegalArgumentException("no sandbox user " + userId);
        }
        signedIn.set(userId);
    }

    /** While true, the consent endpoint redirects with {@code error=access_denied}, as when the user cancels. */
    public void denyConsent(boolean deny) {
        denying.set(deny);
    }

    /** A code as if {@code userId} had consented in a browser to a login for {@code redirectUri} and {@code state}. */
    public String issueCode(String userId, URI redirectUri, String state) {
        if (!users.containsKey(userId)) {
            throw new IllegalArgumentException("no sandbox user " + userId);
        }
        return issue(userId, redirectUri.toString(), state);
    }

    /** The next {@code n} requests to {@code endpoint} answer {@code status} with the provider's error body. */
    public void failNext(Endpoint endpoint, int n, int status) {
        Deque<Integer> queue = failures.get(endpoint);
        synchronized (queue) {
            for (int i = 0; i < n; i++) {
                queue.add(status);
            }
        }
    }

    /** The next {@code n} requests to {@code endpoint} each wait {@code delay} before being handled. */
    public void delayNext(Endpoint endpoint, int n, Duration delay) {
        Deque<Duration> queue = delays.get(endpoint);
        synchronized (queue) {
            for (int i = 0; i < n; i++) {
                queue.add(delay);
            }
        }
    }

    /** Requests received by {@code endpoint} so far, failed and delayed ones included. */
    public int requestCount(Endpoint endpoint) {
        return counts.get(endpoint).get();
    }

    /** Moves the sandbox's clock forward, so that codes and tokens expire without waiting. */
    public void passTime(Duration duration) {
        clockOffset.accumulateAndGet(duration, Duration::plus);
    }

    /** Forgets users, redirect URIs, codes, tokens, injected failures and delays, counts, denial and clock shifts. */
    public void reset() {
        users.clear();
        signedIn.set(null);
        redirectUris.clear();
        codes.clear();
        tokens.clear();
        denying.set(false);
        clockOffset.set(Duration.ZERO);
        for (Endpoint endpoint : Endpoint.values()) {
            counts.get(endpoint).set(0);
            synchronized (failures.get(endpoint)) {
                failures.get(endpoint).clear();
            }
            synchronized (delays.get(endpoint)) {
                delays.get(endpoint).clear();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // wakes handlers still sleeping in a delay
    }

    // --- for the providers' token endpoints -------------------------------------------------------------------------

    boolean clientIdMatches(String candidate) {
        return candidate != null && clientId.equals(candidate);
    }

    boolean clientSecretMatches(String candidate) {
        return candidate != null && MessageDigest.isEqual(clientSecret.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** Spends the code: a second exchange finds nothing. Null when unknown, spent or expired. */
    IssuedCode spendCode(String code) {
        IssuedCode issued = code == null ? null : codes.remove(code);
        return issued == null || !now().isBefore(issued.expiresAt()) ? null : issued;
    }

    String issueAccessToken(String userId, Duration lifetime) {
        String token = randomToken(32);
        tokens.put(token, new IssuedToken(userId, now().plus(lifetime)));
        return token;
    }

    static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    Instant now() {
        return Instant.now().plus(clockOffset.get());
    }

    // --- HTTP -------------------------------------------------------------------------------------------------------

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void handle(HttpExchange exchange, Endpoint endpoint, Handler handler) throws IOException {
        try (exchange) {
            counts.get(endpoint).incrementAndGet();
            Duration delay;
            Deque<Duration> delayQueue = delays.get(endpoint);
            synchronized (delayQueue) {
                delay = delayQueue.poll();
            }
            if (delay != null && !sleep(delay)) {
                return; // shutting down
            }
            Integer failure;
            Deque<Integer> failureQueue = failures.get(endpoint);
            synchronized (failureQueue) {
                failure = failureQueue.poll();
            }
            if (failure != null) {
                respond(exchange, failure, injectedFailure(endpoint, failure));
                return;
            }
            handler.handle(exchange);
        }
    }

    private String issue(String userId, String redirectUri, String state) {
        String code = randomToken(24);
        codes.put(code, new IssuedCode(userId, redirectUri, state, now().plus(CODE_LIFETIME)));
        return code;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            respondText(exchange, 405, "sandbox: the consent page is a GET");
            return;
        }
        Map<String, String> params = query(exchange.getRequestURI());
        if (!clientIdMatches(params.get("client_id"))) {
            respondText(exchange, 400, "sandbox consent page: unknown client_id (the provider shows an error page)");
            return;
        }
        String redirectUri = params.get("redirect_uri");
        if (redirectUri == null || !(redirectUris.isEmpty() || redirectUris.contains(redirectUri))) {
            respondText(exchange, 400, "sandbox consent page: redirect_uri missing or not registered for this app");
            return;
        }
        if (!"code".equals(params.get("response_type"))) {
            respondText(exchange, 400, "sandbox consent page: response_type must be code");
            return;
        }
        String state = params.get("state");
        if (stateRequired() && (state == null || state.isEmpty())) {
            respondText(exchange, 400, "sandbox consent page: state is required");
            return;
        }
        Map<String, String> callback = new LinkedHashMap<>();
        if (denying.get() || "true".equals(params.get("sandbox_deny"))) {
            callback.put("error", "access_denied");
            callback.put("error_description", deniedDescription());
        } else {
            String userId = params.getOrDefault("sandbox_user", signedIn.get());
            if (userId == null || !users.containsKey(userId)) {
                respondText(exchange, 400, "sandbox consent page: no such user signed in; register one first "
                        + "(POST " + USERS + ")");
                return;
            }
            callback.put("code", issue(userId, redirectUri, state));
        }
        if (state != null) {
            callback.put("state", state);
        }
        exchange.getResponseHeaders().set("Location", appendQuery(redirectUri, callback));
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> params = query(exchange.getRequestURI());
        if ("POST".equals(exchange.getRequestMethod())) {
            byte[] body = readBody(exchange);
            if (body == null) {
                return;
            }
            params.putAll(form(new String(body, StandardCharsets.UTF_8)));
        }
        exchangeCode(exchange, params);
    }

    private void profile(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        IssuedToken issued = token == null ? null : tokens.get(token);
        if (issued == null) {
            refuseAccessToken(exchange, false);
            return;
        }
        if (!now().isBefore(issued.expiresAt())) {
            refuseAccessToken(exchange, true);
            return;
        }
        User user = users.get(issued.userId());
        if (user == null) {
            refuseAccessToken(exchange, false); // the user left the provider since
            return;
        }
        respond(exchange, 200, profileOf(user));
    }

    private void createUser(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respondText(exchange, 405, "sandbox: POST a user here");
                return;
            }
            byte[] bytes = readBody(exchange);
            if (bytes == null) {
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(bytes);
            } catch (IOException e) {
                respondText(exchange, 400, "sandbox: the body is not JSON");
                return;
            }
            JsonNode id = body == null ? null : body.get("id");
            if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
                respondText(exchange, 400, "sandbox: id is required; email, nickname and emailVerified are optional");
                return;
            }
            User user;
            try {
                user = registerUser(id.asText(), textOrNull(body, "email"), textOrNull(body, "nickname"),
                        body.path("emailVerified").asBoolean(true));
            } catch (IllegalArgumentException e) {
                respondText(exchange, 400, "sandbox: " + e.getMessage());
                return;
            }
            respond(exchange, 201, JSON.valueToTree(user));
        }
    }

    private byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                respondText(exchange, 413, "sandbox: body too large");
                return null;
            }
            return bytes;
        }
    }

    static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery());
    }

    /** The first value of each parameter, as an OAuth server reads form and query parameters. */
    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String appendQuery(String uri, Map<String, String> params) {
        StringBuilder s = new StringBuilder(uri).append(uri.contains("?") ? '&' : '?');
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!first) {
                s.append('&');
            }
            first = false;
            s.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(body));
    }

    private static void respondText(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain;charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client timed out and hung up while we were delaying: nothing to tell it
        }
    }
}
