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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the part of PortOne V2 that Madang uses: looking up an identity verification (본인인증). A JDK
 * {@link HttpServer} on a free loopback port; tests and the local runner point the real adapter at {@link #baseUrl()}.
 *
 * <h2>PortOne's endpoint</h2>
 * {@code GET /identity-verifications/{id}} with {@code Authorization: PortOne <secret>}:
 * <ul>
 *   <li>200 with what was registered for the id ({@link #verified}, {@link #ready}, {@link #failed}), shaped like
 *       PortOne's {@code VerifiedIdentityVerification} / {@code ReadyIdentityVerification} /
 *       {@code FailedIdentityVerification};</li>
 *   <li>404 {@code {"type":"IDENTITY_VERIFICATION_NOT_FOUND","message":…}} for an unknown id;</li>
 *   <li>401 {@code {"type":"UNAUTHORIZED","message":…}} without the right secret.</li>
 * </ul>
 * Failure injection, applied before authentication as a real outage would be: {@link #failNext(int, int)} answers the
 * next n look-ups with a status code, {@link #delayNext(Duration)} holds the next look-up(s) before answering.
 * {@link #requestCount()} counts look-ups received, including those failed or delayed.
 *
 * <h2>For the local runner: creating a verified person over HTTP</h2>
 * In production the PortOne browser SDK completes a verification; locally there is no SDK, so a developer (or the
 * local front end) creates one:
 * <pre>
 * POST /sandbox/identity-verifications
 * Content-Type: application/json
 *
 * {"name":"홍길동","birthDate":"1990-01-02","phoneNumber":"01012345678"}          (ci and di optional)
 *
 * 201 {"identityVerificationId":"sandbox-iv-…","status":"VERIFIED"}
 * </pre>
 * Without {@code ci}/{@code di} both are derived from name, birth date and phone, so the same person always gets the
 * same DI: signing up twice as the same person locally meets the one-account-per-person rule, as in production.
 * This endpoint needs no secret (the browser must never hold one); the server listens on loopback only and is never
 * deployed. A bad body answers 400 {@code {"type":"INVALID_REQUEST",…}}.
 *
 * <h2>For the web client: the verification window</h2>
 * PortOne's browser SDK, in redirect mode, sends the person to the carrier's window with an id the client made and
 * brings them back to {@code redirectUrl?identityVerificationId=…}. The sandbox's window does the same on loopback:
 * {@code GET /sandbox/identity-verification-window?identityVerificationId=…&redirectUrl=…} answers a small form
 * (name, birth date, phone); posting it registers the person as verified under that id (CI and DI derived as above)
 * and redirects to {@code redirectUrl?identityVerificationId=…}; giving up redirects with
 * {@code code=IDENTITY_VERIFICATION_CANCELLED&message=…} added, as PortOne reports a closed window. Only
 * {@code http(s)} redirect URLs are followed.
 */
public final class PortOneSandbox implements AutoCloseable {

    private static final String LOOKUP = "/identity-verifications/";
    private static final String CREATE = "/sandbox/identity-verifications";
    private static final String WINDOW = "/sandbox/identity-verification-window";
    private static final int MAX_BODY = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] expectedAuthorization;
    private final String secret;
    private final Map<String, ObjectNode> verifications = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private final Deque<Duration> delays = new ArrayDeque<>();

    private PortOneSandbox(HttpServer server, ExecutorService executor, String secret) {
        this.server = server;
        this.executor = executor;
        this.secret = secret;
        this.expectedAuthorization = ("PortOne " + secret).getBytes(StandardCharsets.UTF_8);
    }

    /** Starts on a free loopback port. */
    public static PortOneSandbox start(String apiSecret) {
        return start(apiSecret, 0);
    }

    /** Starts on {@code port} of loopback (0: any free port); a fixed port suits the local runner's configuration. */
    public static PortOneSandbox start(String apiSecret, int port) {
        if (apiSecret == null || apiSecret.isBlank()) {
            throw new IllegalArgumentException("the sandbox needs an API secret to expect");
        }
        HttpServer server = LoopbackServers.listen("PortOne sandbox", port);
        ExecutorService executor = LoopbackServers.daemonThreads("portone-sandbox");
        PortOneSandbox sandbox = new PortOneSandbox(server, executor, apiSecret);
        server.createContext(LOOKUP, sandbox::lookUp);
        server.createContext(CREATE, sandbox::create);
        server.createContext(WINDOW, sandbox::window);
        server.setExecutor(executor);
        server.start();
        return sandbox;
    }

    /** {@code http://127.0.0.1:<port>}, to use where {@code https://api.portone.io} would be. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** The verification window of the sandbox at {@code baseUrl}: what a client opens in place of PortOne's SDK. */
    public static URI verificationWindow(URI baseUrl) {
        return URI.create(baseUrl + WINDOW);
    }

    public String secret() {
        return secret;
    }

    /** Registers a completed verification; {@code phone} and {@code ci} may be null (some channels omit them). */
    public PortOneSandbox verified(String id, String name, LocalDate birthDate, String phone, String ci, String di) {
        ObjectNode v = base(id, "VERIFIED");
        ObjectNode customer = v.putObject("verifiedCustomer");
        customer.put("name", Objects.requireNonNull(name, "name"));
        if (phone != null) {
            customer.put("phoneNumber", phone);
        }
        customer.put("birthDate", birthDate.toString());
        customer.put("isForeigner", false);
        if (ci != null) {
            customer.put("ci", ci);
        }
        if (di != null) {
            customer.put("di", di);
        }
        v.put("verifiedAt", v.get("statusChangedAt").asText());
        v.put("pgTxId", "sandbox-" + id);
        v.put("pgRawResponse", "{}");
        verifications.put(id, v);
        return this;
    }

    /** Registers a verification the user started but has not finished. */
    public PortOneSandbox ready(String id) {
        ObjectNode v = base(id, "READY");
        v.putObject("requestedCustomer");
        verifications.put(id, v);
        return this;
    }

    /** Registers a verification that failed (wrong code, carrier refusal…). */
    public PortOneSandbox failed(String id) {
        ObjectNode v = base(id, "FAILED");
        v.putObject("requestedCustomer");
        v.putObject("failure").put("reason", "sandbox: verification failed").put("pgCode", "SANDBOX_FAILED");
        verifications.put(id, v);
        return this;
    }

    /** The next {@code n} look-ups answer {@code statusCode} (e.g. 503) instead of their real answer. */
    public PortOneSandbox failNext(int n, int statusCode) {
        synchronized (failures) {
            for (int i = 0; i < n; i++) {
                failures.add(statusCode);
            }
        }
        return this;
    }

    /** The next look-up waits {@code delay} before answering. */
    public PortOneSandbox delayNext(Duration delay) {
        return delayNext(1, delay);
    }

    /** The next {@code n} look-ups each wait {@code delay} before answering. */
    public PortOneSandbox delayNext(int n, Duration delay) {
        synchronized (delays) {
            for (int i = 0; i < n; i++) {
                delays.add(delay);
            }
        }
        return this;
    }

    /** Look-ups ({@code GET /identity-verifications/…}) received so far, answered or not. */
    public int requestCount() {
        return requests.get();
    }

    /** Forgets registered verifications, pending failures and delays, and the request count. */
    public void reset() {
        verifications.clear();
        synchronized (failures) {
            failures.clear();
        }
        synchronized (delays) {
            delays.clear();
        }
        requests.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // wakes handlers still sleeping in a delay
    }

    private static ObjectNode base(String id, String status) {
        String now = Instant.now().toString();
        ObjectNode v = JSON.createObjectNode();
        v.put("status", status);
        v.put("id", Objects.requireNonNull(id, "id"));
        v.putObject("channel").put("type", "TEST").put("id", "sandbox-channel").put("key", "channel-key-sandbox")
                .put("name", "sandbox").put("pgProvider", "DANAL").put("pgMerchantId", "sandbox");
        v.put("requestedAt", now);
        v.put("updatedAt", now);
        v.put("statusChangedAt", now);
        v.put("version", "V2");
        return v;
    }

    private void lookUp(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, error("INVALID_REQUEST", "sandbox: only GET is supported here"));
                return;
            }
            requests.incrementAndGet();
            Duration delay;
            synchronized (delays) {
                delay = delays.poll();
            }
            if (delay != null && !sleep(delay)) {
                return; // shutting down
            }
            Integer failure;
            synchronized (failures) {
                failure = failures.poll();
            }
            if (failure != null) {
                respond(exchange, failure, error(failure >= 500 ? "INTERNAL_SERVER_ERROR" : "SANDBOX_INJECTED",
                        "sandbox: injected failure"));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !MessageDigest.isEqual(expectedAuthorization,
                    authorization.getBytes(StandardCharsets.UTF_8))) {
                respond(exchange, 401, error("UNAUTHORIZED", "인증 정보가 올바르지 않습니다."));
                return;
            }
            String rest = exchange.getRequestURI().getRawPath().substring(LOOKUP.length());
            if (rest.isEmpty() || rest.contains("/")) {
                respond(exchange, 404, error("NOT_FOUND", "sandbox: only GET /identity-verifications/{id} exists"));
                return;
            }
            ObjectNode found = verifications.get(URLDecoder.decode(rest, StandardCharsets.UTF_8));
            if (found == null) {
                respond(exchange, 404, error("IDENTITY_VERIFICATION_NOT_FOUND", "요청된 본인인증 건이 존재하지 않는 경우"));
                return;
            }
            respond(exchange, 200, found);
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, error("INVALID_REQUEST", "sandbox: POST a person here"));
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    respond(exchange, 413, error("INVALID_REQUEST", "sandbox: body too large"));
                    return;
                }
                body = JSON.readTree(bytes);
            } catch (IOException e) {
                respond(exchange, 400, error("INVALID_REQUEST", "sandbox: the body is not JSON"));
                return;
            }
            String name = text(body, "name");
            String birth = text(body, "birthDate");
            String phone = text(body, "phoneNumber");
            LocalDate birthDate;
            try {
                birthDate = birth == null ? null : LocalDate.parse(birth);
            } catch (DateTimeParseException e) {
                birthDate = null;
            }
            if (name == null || name.isBlank() || birthDate == null) {
                respond(exchange, 400, error("INVALID_REQUEST",
                        "sandbox: name and birthDate (yyyy-MM-dd) are required; phoneNumber, ci and di are optional"));
                return;
            }
            String id = "sandbox-iv-" + UUID.randomUUID();
            person(id, name, birthDate, phone, text(body, "ci"), text(body, "di"));
            ObjectNode created = JSON.createObjectNode().put("identityVerificationId", id).put("status", "VERIFIED");
            respond(exchange, 201, created);
        }
    }

    /** Registers a verified person; CI and DI, when not given, derive from who they are (the same person, the same DI). */
    private void person(String id, String name, LocalDate birthDate, String phone, String ci, String di) {
        String person = name + "|" + birthDate + "|" + (phone == null ? "" : phone);
        verified(id, name, birthDate, phone, ci != null ? ci : "sandbox-ci-" + digest(person),
                di != null ? di : "sandbox-di-" + digest(person));
    }

    private void window(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean post = "POST".equals(exchange.getRequestMethod());
            Map<String, String> form = post
                    ? form(new String(exchange.getRequestBody().readNBytes(MAX_BODY), StandardCharsets.UTF_8))
                    : form(exchange.getRequestURI().getRawQuery());
            String id = form.get("identityVerificationId");
            String redirect = form.get("redirectUrl");
            if (id == null || id.isBlank() || id.length() > 200 || redirect == null
                    || !(redirect.startsWith("http://") || redirect.startsWith("https://"))) {
                html(exchange, 400, "<p>identityVerificationId and an http(s) redirectUrl are required</p>");
                return;
            }
            String back = redirect + (redirect.contains("?") ? "&" : "?") + "identityVerificationId=" + enc(id);
            if (!post) {
                html(exchange, 200, windowPage(id, redirect, null));
                return;
            }
            if ("cancel".equals(form.get("action"))) {
                redirect(exchange, back + "&code=IDENTITY_VERIFICATION_CANCELLED&message=" + enc("본인인증을 취소했습니다."));
                return;
            }
            String name = form.getOrDefault("name", "").strip();
            String phone = form.getOrDefault("phoneNumber", "").replaceAll("[^0-9]", "");
            LocalDate birthDate;
            try {
                birthDate = LocalDate.parse(form.getOrDefault("birthDate", ""));
            } catch (DateTimeParseException e) {
                birthDate = null;
            }
            if (name.isEmpty() || birthDate == null || phone.length() < 10) {
                html(exchange, 400, windowPage(id, redirect, "이름, 생년월일, 휴대폰 번호를 모두 입력해 주세요."));
                return;
            }
            person(id, name, birthDate, phone, null, null);
            redirect(exchange, back);
        }
    }

    /** The window as a person sees it: labelled fields in Korean, like a carrier's 본인인증 page. */
    private static String windowPage(String id, String redirect, String error) {
        return "<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>본인인증 (PortOne 샌드박스)</title></head><body><main>"
                + "<h1>본인인증</h1><p>PortOne 샌드박스: 실제 인증 없이 입력한 사람으로 인증됩니다.</p>"
                + (error == null ? "" : "<p role=\"alert\">" + escape(error) + "</p>")
                + "<form method=\"post\">"
                + "<input type=\"hidden\" name=\"identityVerificationId\" value=\"" + escape(id) + "\">"
                + "<input type=\"hidden\" name=\"redirectUrl\" value=\"" + escape(redirect) + "\">"
                + "<p><label for=\"name\">이름</label> <input id=\"name\" name=\"name\" autocomplete=\"name\"></p>"
                + "<p><label for=\"birthDate\">생년월일</label> <input id=\"birthDate\" name=\"birthDate\" type=\"date\"></p>"
                + "<p><label for=\"phoneNumber\">휴대폰 번호</label> "
                + "<input id=\"phoneNumber\" name=\"phoneNumber\" inputmode=\"numeric\" autocomplete=\"tel\"></p>"
                + "<p><button name=\"action\" value=\"verify\">인증하기</button> "
                + "<button name=\"action\" value=\"cancel\">취소</button></p>"
                + "</form></main></body></html>";
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new java.util.HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        return node == null || !node.isTextual() ? null : node.asText();
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("type", type).put("message", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
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
