package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.madang.localstack.TossSandbox.Endpoint;
import dev.madang.localstack.TossSandboxFaults.Fault;
import dev.madang.localstack.TossSandboxJson.Answer;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static dev.madang.localstack.TossSandboxFaults.sleep;
import static dev.madang.localstack.TossSandboxJson.JSON;
import static dev.madang.localstack.TossSandboxJson.error;
import static dev.madang.localstack.TossSandboxJson.readJson;
import static dev.madang.localstack.TossSandboxJson.respond;

/**
 * The {@link TossSandbox}'s HTTP face of Toss's endpoints ({@code /v1/payments...}): routing, the queued fault of
 * each request (before authentication, as an outage would), Basic authentication with the secret key, and
 * Idempotency-Key replay (scoped to key, method and path; a repeat in flight gets 409). What an endpoint does to
 * a payment is {@link TossSandboxPayments}'s.
 */
final class TossSandboxApi {

    /** A final answer stored under its Idempotency-Key scope, replayed as is. */
    private record Stored(int status, byte[] body) {
    }

    private final byte[] expectedAuthorization;
    private final TossSandboxPayments payments;
    private final TossSandboxFaults faults;
    private final Map<String, Stored> idempotent = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    TossSandboxApi(String secretKey, TossSandboxPayments payments, TossSandboxFaults faults) {
        this.expectedAuthorization = ("Basic " + Base64.getEncoder()
                .encodeToString((secretKey + ":").getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        this.payments = payments;
        this.faults = faults;
    }

    /** Forgets the Idempotency-Key records. */
    void reset() {
        synchronized (idempotent) {
            idempotent.clear();
            inFlight.clear();
        }
    }

    /** Serves one request to {@code /v1/payments...}. */
    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String[] parts = path.substring("/v1/payments".length()).split("/", -1);
            // parts[0] is "" (the path continues with "/"), or the whole rest when it does not
            Endpoint endpoint;
            String id = null;
            if (parts.length == 2 && "confirm".equals(parts[1]) && "POST".equals(method)) {
                endpoint = Endpoint.CONFIRM;
            } else if (parts.length == 3 && "orders".equals(parts[1]) && !parts[2].isEmpty() && "GET".equals(method)) {
                endpoint = Endpoint.PAYMENT_OF_ORDER;
                id = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
            } else if (parts.length == 3 && "cancel".equals(parts[2]) && !parts[1].isEmpty() && "POST".equals(method)) {
                endpoint = Endpoint.CANCEL;
                id = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            } else if (parts.length == 2 && !parts[1].isEmpty() && "GET".equals(method)) {
                endpoint = Endpoint.PAYMENT;
                id = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            } else {
                respond(exchange, new Answer(404, error("NOT_FOUND", "sandbox: no such endpoint " + method + " " + path)));
                return;
            }
            Fault fault = faults.receive(endpoint);
            if (fault != null && fault.delay() != null && !sleep(fault.delay())) {
                return; // shutting down
            }
            if (fault != null && fault.code() != null) {
                respond(exchange, new Answer(fault.status(), error(fault.code(), "sandbox: injected failure")));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !MessageDigest.isEqual(expectedAuthorization,
                    authorization.getBytes(StandardCharsets.UTF_8))) {
                respond(exchange, new Answer(401, error("UNAUTHORIZED_KEY",
                        "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.")));
                return;
            }
            JsonNode body = null;
            if ("POST".equals(method)) {
                body = readJson(exchange);
                if (body == null) {
                    respond(exchange, new Answer(400, error("INVALID_REQUEST", "잘못된 요청입니다. (body is not a JSON object)")));
                    return;
                }
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            byte[] answer;
            int status;
            if ("POST".equals(method) && key != null) {
                if (key.isEmpty() || key.length() > 300) {
                    respond(exchange, new Answer(400, error("INVALID_REQUEST", "멱등키는 1자 이상 300자 이하입니다.")));
                    return;
                }
                String scope = key + " " + method + " " + path;
                synchronized (idempotent) {
                    Stored stored = idempotent.get(scope);
                    if (stored != null) {
                        respondRaw(exchange, stored.status(), stored.body(), fault);
                        return;
                    }
                    if (!inFlight.add(scope)) {
                        respond(exchange, new Answer(409, error("IDEMPOTENT_REQUEST_PROCESSING",
                                "이전 멱등 요청이 처리 중입니다.")));
                        return;
                    }
                }
                try {
                    Answer a = process(endpoint, id, body);
                    status = a.status();
                    answer = JSON.writeValueAsBytes(a.body());
                    synchronized (idempotent) {
                        if (status < 500 && status != 429 && status != 409) {
                            idempotent.put(scope, new Stored(status, answer));
                        }
                    }
                } finally {
                    synchronized (idempotent) {
                        inFlight.remove(scope);
                    }
                }
            } else {
                Answer a = process(endpoint, id, body);
                status = a.status();
                answer = JSON.writeValueAsBytes(a.body());
            }
            respondRaw(exchange, status, answer, fault);
        }
    }

    /** Toss's largest page of {@code GET /v1/transactions}, and the page it gives when no {@code limit} is asked. */
    static final int MAX_TRANSACTIONS_PAGE = 5000;
    static final int DEFAULT_TRANSACTIONS_PAGE = 100;

    /**
     * Serves {@code GET /v1/transactions?startDate=&endDate=[&startingAfter=][&limit=]}: dates are ISO-8601 date-times,
     * Korea time when they carry no offset ({@code 2024-05-01T00:00:00.000}), as Toss takes them; both inclusive.
     */
    void handleTransactions(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) || !"/v1/transactions".equals(exchange.getRequestURI().getRawPath())) {
                respond(exchange, new Answer(404, error("NOT_FOUND", "sandbox: no such endpoint "
                        + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath())));
                return;
            }
            Fault fault = faults.receive(Endpoint.TRANSACTIONS);
            if (fault != null && fault.delay() != null && !sleep(fault.delay())) {
                return;
            }
            if (fault != null && fault.code() != null) {
                respond(exchange, new Answer(fault.status(), error(fault.code(), "sandbox: injected failure")));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !MessageDigest.isEqual(expectedAuthorization,
                    authorization.getBytes(StandardCharsets.UTF_8))) {
                respond(exchange, new Answer(401, error("UNAUTHORIZED_KEY",
                        "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.")));
                return;
            }
            Map<String, String> q = new HashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            java.time.Instant from;
            java.time.Instant until;
            int limit;
            try {
                from = koreaTime(q.get("startDate"));
                until = koreaTime(q.get("endDate"));
                limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : DEFAULT_TRANSACTIONS_PAGE;
            } catch (RuntimeException e) {
                respond(exchange, new Answer(400, error("INVALID_REQUEST",
                        "잘못된 요청입니다. (startDate and endDate are ISO-8601 date-times; limit a number)")));
                return;
            }
            if (limit < 1 || limit > MAX_TRANSACTIONS_PAGE || until.isBefore(from)) {
                respond(exchange, new Answer(400, error("INVALID_REQUEST",
                        "잘못된 요청입니다. (limit 1 to " + MAX_TRANSACTIONS_PAGE + ", endDate not before startDate)")));
                return;
            }
            Answer a = payments.transactions(from, until, q.get("startingAfter"), limit);
            respondRaw(exchange, a.status(), JSON.writeValueAsBytes(a.body()), fault);
        }
    }

    private static java.time.Instant koreaTime(String text) {
        java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ISO_DATE_TIME;
        java.time.temporal.TemporalAccessor parsed = iso.parse(text);
        return parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
                ? java.time.OffsetDateTime.from(parsed).toInstant()
                : java.time.LocalDateTime.from(parsed).atZone(java.time.ZoneId.of("Asia/Seoul")).toInstant();
    }

    private Answer process(Endpoint endpoint, String id, JsonNode body) {
        return switch (endpoint) {
            case CONFIRM -> payments.confirm(body);
            case PAYMENT -> payments.payment(id);
            case PAYMENT_OF_ORDER -> payments.paymentOfOrder(id);
            case CANCEL -> payments.cancel(id, body);
            case TRANSACTIONS -> throw new IllegalStateException("served by handleTransactions");
        };
    }

    /** Sends the answer, first stalling if the request's fault says to drop the response. */
    private static void respondRaw(HttpExchange exchange, int status, byte[] body, Fault fault) {
        if (fault != null && fault.stall() != null && !sleep(fault.stall())) {
            return;
        }
        TossSandboxJson.send(exchange, status, body);
    }
}
