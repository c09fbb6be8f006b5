package dev.madang.aws.toss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.madang.aws.support.ProviderHttp;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PaymentGatewayUnavailable;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.domain.payment.PgPayment;
import dev.madang.domain.payment.PgStatus;
import dev.madang.domain.payment.PgTransaction;
import dev.madang.domain.payment.RefundAccount;

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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link PaymentGateway} over Toss Payments' core API (v1): {@code POST /v1/payments/confirm},
 * {@code GET /v1/payments/{paymentKey}}, {@code GET /v1/payments/orders/{orderId}},
 * {@code POST /v1/payments/{paymentKey}/cancel}, {@code GET /v1/transactions} (the ledger reconciliation reads, paged
 * by {@code startingAfter}/{@code limit}), with {@code Authorization: Basic base64(secretKey + ":")} and, on the
 * POSTs, the caller's {@code Idempotency-Key} (the same on every retry, ours and the caller's).
 *
 * <table>
 *   <caption>How Toss's answers map</caption>
 *   <tr><th>Toss answers</th><th>we return / throw</th></tr>
 *   <tr><td>200 Payment object</td><td>the {@link PgPayment}</td></tr>
 *   <tr><td>429, 5xx, 409 {@code IDEMPOTENT_REQUEST_PROCESSING}, any status with a code in {@link #TRANSIENT_CODES}
 *       ({@code PROVIDER_ERROR}…), timeout, connection failure</td><td>retried ({@value #MAX_RETRIES} retries,
 *       exponential backoff with jitter, same Idempotency-Key), then {@link PaymentGatewayUnavailable}</td></tr>
 *   <tr><td>400 {@code ALREADY_PROCESSED_PAYMENT} to a confirm</td><td>the payment re-read by GET, if it is the same
 *       order and amount and was approved (DONE, WAITING_FOR_DEPOSIT, later canceled); else PaymentRefused</td></tr>
 *   <tr><td>401, or {@code UNAUTHORIZED_KEY} / {@code INVALID_API_KEY}</td><td>IllegalStateException: the secret key is
 *       wrong (the message never contains it)</td></tr>
 *   <tr><td>404 {@code NOT_FOUND_PAYMENT} to a lookup by order</td><td>{@code Optional.empty()}</td></tr>
 *   <tr><td>other 4xx with a Toss error {@code {"code","message"}}</td><td>{@link PaymentRefused} with that code</td></tr>
 *   <tr><td>a 4xx without a Toss error body, a 200 that is not a payment, or a payment other than the one asked
 *       about</td><td>IllegalStateException (wrong base URL, or an idempotency key reused for another payment)
 *       </td></tr>
 * </table>
 *
 * <h2>The lost confirm</h2>
 * If the PG approves but its answer never reaches us (timeout), our retry carries the same Idempotency-Key, so Toss
 * answers with the first result instead of approving again: the caller gets the approved payment and the customer
 * is charged once. If every retry is lost too, {@link PaymentGatewayUnavailable#outcomeUnknown()} is true and the
 * caller retries later with the same key (or reads the payment back).
 *
 * <p>The secret key is held only to build the header: never logged, never in an exception message;
 * {@link #toString()} hides it. No redirects are followed, so the header never goes to another host. Retries are
 * logged at WARNING with the operation and what failed, never with a body.
 */
public final class TossPayments implements PaymentGateway {

    /** Toss's production API; test keys ({@code test_sk_…}) work against it too. */
    public static final URI PRODUCTION = URI.create("https://api.tosspayments.com");

    /** Retries after the first attempt: three attempts at most. */
    static final int MAX_RETRIES = 2;

    /**
     * Toss error codes that mean "try again", whatever the HTTP status they come with: the card company or bank
     * behind Toss failed, or Toss is still processing the first request with this Idempotency-Key.
     */
    static final Set<String> TRANSIENT_CODES = Set.of("PROVIDER_ERROR", "FAILED_INTERNAL_SYSTEM_PROCESSING",
            "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", "FAILED_CARD_COMPANY_RESPONSE",
            "IDEMPOTENT_REQUEST_PROCESSING");

    /** What a confirm answered with ALREADY_PROCESSED_PAYMENT may be, for us to accept it as our approval. */
    private static final Set<PgStatus> APPROVED_AT_SOME_POINT = EnumSet.of(PgStatus.DONE, PgStatus.WAITING_FOR_DEPOSIT,
            PgStatus.PARTIAL_CANCELED, PgStatus.CANCELED);

    private static final System.Logger LOG = System.getLogger(TossPayments.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Connect and per-attempt timeouts and the first backoff (doubled for the second retry). A card confirm waits on
     * the card company, so the request timeout is generous; the worst case (three timed-out attempts) is about 50
     * seconds with the defaults: the Lambda calling {@link #confirm} needs a timeout above that.
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, Duration firstBackoff) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(3), Duration.ofSeconds(15),
                Duration.ofMillis(300));

        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(firstBackoff, "firstBackoff");
        }
    }

    private final URI baseUrl;
    private final String authorization;
    private final Settings settings;
    private final HttpClient http;

    /** {@code baseUrl} is {@link #PRODUCTION}, or the sandbox's URL locally and in tests. */
    public TossPayments(URI baseUrl, String secretKey) {
        this(baseUrl, secretKey, Settings.DEFAULT);
    }

    public TossPayments(URI baseUrl, String secretKey, Settings settings) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!ProviderHttp.headerSafe(secretKey)) {
            // not echoed: a key pasted with a newline would otherwise end up in a log
            throw new IllegalArgumentException("the Toss secret key is missing or has characters a header cannot carry");
        }
        this.baseUrl = ProviderHttp.withoutTrailingSlash(baseUrl);
        // Toss uses the secret key as the Basic user name with an empty password, hence the colon
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((secretKey + ":").getBytes(StandardCharsets.UTF_8));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = ProviderHttp.client(settings.connectTimeout());
    }

    @Override
    public PgPayment confirm(String paymentKey, String orderId, long amount, String idempotencyKey) {
        requireId(paymentKey, "paymentKey");
        requireId(orderId, "orderId");
        if (amount <= 0) {
            throw new IllegalArgumentException("a confirm needs a positive amount");
        }
        ObjectNode body = JSON.createObjectNode().put("paymentKey", paymentKey).put("orderId", orderId)
                .put("amount", amount);
        Reply reply = send("confirm", post("/v1/payments/confirm", body, idempotencyKey), true);
        if (reply.status() / 100 == 2) {
            PgPayment payment = payment(reply, "confirm", true);
            if (!payment.paymentKey().equals(paymentKey) || !payment.orderId().equals(orderId)
                    || payment.totalAmount() != amount) {
                // Toss scopes an Idempotency-Key to the path, not the body: a key reused for another payment
                // replays that payment's confirm
                throw new IllegalStateException("Toss answered the confirm with another payment (order "
                        + payment.orderId() + "): the idempotency key was used before for a different confirm");
            }
            return payment;
        }
        if ("ALREADY_PROCESSED_PAYMENT".equals(reply.code())) {
            return reconcile(paymentKey, orderId, amount);
        }
        throw refusal("confirm", reply);
    }

    /**
     * A confirm came back ALREADY_PROCESSED_PAYMENT (someone, maybe us with another key, confirmed first): the
     * payment is ours to keep if it is this order's, for this amount, and was approved.
     */
    private PgPayment reconcile(String paymentKey, String orderId, long amount) {
        PgPayment current = payment(paymentKey);
        if (current.orderId().equals(orderId) && current.totalAmount() == amount
                && APPROVED_AT_SOME_POINT.contains(current.status())) {
            LOG.log(System.Logger.Level.INFO, "Toss confirm for order {0}: already processed; the payment re-read "
                    + "is this order''s ({1}), taking it", orderId, current.status());
            return current;
        }
        throw new PaymentRefused("ALREADY_PROCESSED_PAYMENT", "Toss already processed payment " + paymentKey
                + ", and it is not an approval of order " + orderId + " for " + amount + " won (it is "
                + current.status() + " for order " + current.orderId() + ", " + current.totalAmount() + " won)");
    }

    @Override
    public PgPayment payment(String paymentKey) {
        requireId(paymentKey, "paymentKey");
        Reply reply = send("payment lookup", get("/v1/payments/" + segment(paymentKey)), false);
        if (reply.status() / 100 == 2) {
            PgPayment payment = payment(reply, "payment lookup", false);
            if (!payment.paymentKey().equals(paymentKey)) {
                throw new IllegalStateException("Toss answered a lookup with another payment; check the base URL");
            }
            return payment;
        }
        throw refusal("payment lookup", reply);
    }

    @Override
    public Optional<PgPayment> paymentOfOrder(String orderId) {
        requireId(orderId, "orderId");
        Reply reply = send("order lookup", get("/v1/payments/orders/" + segment(orderId)), false);
        if (reply.status() / 100 == 2) {
            PgPayment payment = payment(reply, "order lookup", false);
            if (!payment.orderId().equals(orderId)) {
                throw new IllegalStateException("Toss answered an order lookup with another order; check the base URL");
            }
            return Optional.of(payment);
        }
        if (reply.status() == 404 && "NOT_FOUND_PAYMENT".equals(reply.code())) {
            return Optional.empty();
        }
        throw refusal("order lookup", reply);
    }

    @Override
    public PgPayment cancel(String paymentKey, String reason, Long cancelAmount, RefundAccount refundAccount,
                            String idempotencyKey) {
        requireId(paymentKey, "paymentKey");
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new IllegalArgumentException("a cancel needs a reason of at most 200 characters");
        }
        if (cancelAmount != null && cancelAmount <= 0) {
            throw new IllegalArgumentException("a cancel amount must be positive (or null for the whole balance)");
        }
        ObjectNode body = JSON.createObjectNode().put("cancelReason", reason);
        if (cancelAmount != null) {
            body.put("cancelAmount", cancelAmount.longValue());
        }
        if (refundAccount != null) {
            body.putObject("refundReceiveAccount").put("bank", refundAccount.bankCode())
                    .put("accountNumber", refundAccount.accountNumber()).put("holderName", refundAccount.holderName());
        }
        Reply reply = send("cancel", post("/v1/payments/" + segment(paymentKey) + "/cancel", body, idempotencyKey),
                true);
        if (reply.status() / 100 == 2) {
            PgPayment payment = payment(reply, "cancel", true);
            if (!payment.paymentKey().equals(paymentKey)) {
                throw new IllegalStateException("Toss answered the cancel with another payment: the idempotency key "
                        + "was used before for a different cancel");
            }
            return payment;
        }
        throw refusal("cancel", reply);
    }

    /** Toss's largest page of transactions. */
    public static final int TRANSACTIONS_PAGE = 5000;
    private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
    /** Toss takes the ledger's dates as Korea time without an offset. */
    private static final DateTimeFormatter TOSS_LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    @Override
    public List<PgTransaction> transactions(Instant from, Instant until) {
        return transactions(from, until, TRANSACTIONS_PAGE);
    }

    /**
     * {@code GET /v1/transactions} page after page ({@code pageSize} each, the next one {@code startingAfter} the last
     * transactionKey) until a page comes back short. A page that does not advance is Toss's fault, not a loop.
     */
    public List<PgTransaction> transactions(Instant from, Instant until, int pageSize) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (pageSize < 1 || pageSize > TRANSACTIONS_PAGE || until.isBefore(from)) {
            throw new IllegalArgumentException("a page of 1 to " + TRANSACTIONS_PAGE + " over a forward period");
        }
        String query = "/v1/transactions?startDate=" + segment(LocalDateTime.ofInstant(from, KOREA).format(TOSS_LOCAL))
                + "&endDate=" + segment(LocalDateTime.ofInstant(until, KOREA).format(TOSS_LOCAL)) + "&limit=" + pageSize;
        List<PgTransaction> all = new ArrayList<>();
        String after = null;
        while (true) {
            Reply reply = send("transaction list", get(query + (after == null ? "" : "&startingAfter=" + segment(after))),
                    false);
            if (reply.status() / 100 != 2) {
                throw refusal("transaction list", reply);
            }
            JsonNode page = reply.list();
            if (page == null) {
                throw new PaymentGatewayUnavailable("Toss answered the transaction list with something not a list",
                        false, null);
            }
            for (JsonNode t : page) {
                try {
                    all.add(readTransaction(t));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new PaymentGatewayUnavailable("Toss answered the transaction list with an unreadable "
                            + "transaction (" + e.getMessage() + ")", false, e);
                }
            }
            if (page.size() < pageSize) {
                return all;
            }
            String last = all.get(all.size() - 1).transactionKey();
            if (last.equals(after)) {
                throw new IllegalStateException("Toss answered the same page of transactions twice");
            }
            after = last;
        }
    }

    /** Toss's Transaction object to a {@link PgTransaction}. */
    static PgTransaction readTransaction(JsonNode json) {
        JsonNode amount = json.get("amount");
        if (amount == null || !amount.canConvertToLong()) {
            throw new IllegalArgumentException("amount missing");
        }
        return new PgTransaction(required(json, "transactionKey"), required(json, "paymentKey"),
                required(json, "orderId"), status(required(json, "status")), textOrNull(json, "method"),
                amount.asLong(), instant(required(json, "transactionAt")));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** An answer that is not to be retried: the status, the parsed body (null if not JSON), Toss's error code. */
    private record Reply(int status, JsonNode body, String code, JsonNode list) {
    }

    private HttpRequest post(String path, ObjectNode body, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isEmpty() || idempotencyKey.length() > 300
                || idempotencyKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("an idempotency key is 1 to 300 printable ASCII characters");
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return request(path).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(settings.requestTimeout())
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    /**
     * Sends with bounded retries. The same request object (so the same Idempotency-Key and body) goes out each time.
     * {@code mayHaveActed} tracks whether any attempt can have reached Toss's processing: a refused connection cannot,
     * a timeout or a 5xx can.
     */
    private Reply send(String operation, HttpRequest request, boolean mutating) {
        String lastProblem = null;
        Exception lastCause = null;
        boolean mayHaveActed = false;
        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
            if (attempt > 0) {
                LOG.log(System.Logger.Level.WARNING, "Toss {0}: {1}; retry {2} of {3}", operation, lastProblem,
                        attempt, MAX_RETRIES);
                backOff(attempt, operation, mutating && mayHaveActed);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException e) {
                lastProblem = "connect timed out";
                lastCause = e;
                continue;
            } catch (HttpTimeoutException e) {
                lastProblem = "timed out";
                lastCause = e;
                mayHaveActed = true;
                continue;
            } catch (ConnectException e) {
                lastProblem = "connection refused";
                lastCause = e;
                continue;
            } catch (IOException e) {
                lastProblem = "connection failed (" + e.getClass().getSimpleName() + ")";
                lastCause = e;
                mayHaveActed = true;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PaymentGatewayUnavailable("interrupted while waiting for Toss (" + operation + ")",
                        mutating, e);
            }
            int status = response.statusCode();
            JsonNode list = parseList(response.body());
            JsonNode body = list == null ? parse(response.body()) : null;
            String code = body == null ? null : textOrNull(body, "code");
            if (status == 429 || status >= 500 || (code != null && TRANSIENT_CODES.contains(code))) {
                lastProblem = "HTTP " + status + (code == null ? "" : " " + code);
                lastCause = null;
                mayHaveActed = true;
                continue;
            }
            return new Reply(status, body, code, list);
        }
        throw new PaymentGatewayUnavailable("Toss did not answer the " + operation + " after " + (MAX_RETRIES + 1)
                + " attempts (last: " + lastProblem + ")" + (mutating && mayHaveActed
                ? "; it may have taken effect: retry with the same idempotency key or read the payment back" : ""),
                mutating && mayHaveActed, lastCause);
    }

    private static RuntimeException refusal(String operation, Reply reply) {
        if (reply.status() == 401 || "UNAUTHORIZED_KEY".equals(reply.code()) || "INVALID_API_KEY".equals(reply.code())) {
            return new IllegalStateException("Toss refused our secret key (HTTP " + reply.status() + ", "
                    + reply.code() + ") on a " + operation + ": the configured Toss secret key is wrong, revoked, "
                    + "or a test key used where a live one is needed");
        }
        if (reply.status() / 100 == 4 && reply.code() != null) {
            String message = reply.body() == null ? "" : reply.body().path("message").asText("");
            return new PaymentRefused(reply.code(), "Toss refused the " + operation + " (HTTP " + reply.status()
                    + " " + reply.code() + "): " + message);
        }
        // no Toss error body: we did not reach Toss's API at all, or asked it something it does not serve
        return new IllegalStateException("Toss answered HTTP " + reply.status() + " without a Toss error to a "
                + operation + "; check the Toss base URL and this adapter");
    }

    /** Reads a Payment object; a 2xx we cannot read is Toss's fault, and the operation may have happened. */
    private static PgPayment payment(Reply reply, String operation, boolean mutating) {
        JsonNode json = reply.body();
        try {
            if (json == null) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return readPayment(json);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new PaymentGatewayUnavailable("Toss answered the " + operation + " with an unreadable payment ("
                    + e.getMessage() + ")", mutating, e);
        }
    }

    /** Toss's Payment object to a {@link PgPayment}. @throws IllegalArgumentException a required field is missing or a status is unknown */
    static PgPayment readPayment(JsonNode json) {
        String paymentKey = required(json, "paymentKey");
        String orderId = required(json, "orderId");
        PgStatus status = status(required(json, "status"));
        JsonNode total = json.get("totalAmount");
        JsonNode balance = json.get("balanceAmount");
        if (total == null || !total.canConvertToLong() || balance == null || !balance.canConvertToLong()) {
            throw new IllegalArgumentException("totalAmount or balanceAmount missing");
        }
        PgPayment.VirtualAccount account = null;
        JsonNode va = json.get("virtualAccount");
        if (va != null && va.isObject()) {
            account = new PgPayment.VirtualAccount(textOrNull(va, "accountNumber"), textOrNull(va, "bankCode"),
                    textOrNull(va, "customerName"), instant(textOrNull(va, "dueDate")));
        }
        List<PgPayment.Cancel> cancels = new ArrayList<>();
        JsonNode cs = json.get("cancels");
        if (cs != null && cs.isArray()) {
            for (JsonNode c : cs) {
                cancels.add(new PgPayment.Cancel(c.path("cancelAmount").asLong(), textOrNull(c, "cancelReason"),
                        instant(textOrNull(c, "canceledAt")), textOrNull(c, "transactionKey")));
            }
        }
        return new PgPayment(paymentKey, orderId, status, textOrNull(json, "method"), total.asLong(),
                balance.asLong(), instant(textOrNull(json, "approvedAt")), account, textOrNull(json, "secret"),
                cancels);
    }

    static PgStatus status(String name) {
        try {
            return PgStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Toss payment status " + name);
        }
    }

    private static String required(JsonNode json, String field) {
        String value = textOrNull(json, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return value;
    }

    /** Toss sends ISO-8601 with an offset ({@code 2024-02-13T12:18:14+09:00}). */
    private static Instant instant(String text) {
        return text == null ? null : OffsetDateTime.parse(text).toInstant();
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A JSON array (the transaction list), or null. */
    private static JsonNode parseList(String body) {
        try {
            JsonNode json = body == null || body.isBlank() || !body.stripLeading().startsWith("[") ? null
                    : JSON.readTree(body);
            return json != null && json.isArray() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static void requireId(String value, String name) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException(name + " is required (at most 200 characters)");
        }
    }

    /** A path segment: URLEncoder is for forms, where a space is '+'; in a path it must be %20. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** firstBackoff, then twice that, each with up to half of it taken off at random so retries do not march. */
    private void backOff(int retry, String operation, boolean mayHaveActed) {
        if (!ProviderHttp.pauseBeforeRetry(retry, settings.firstBackoff())) {
            throw new PaymentGatewayUnavailable("interrupted while waiting to retry Toss (" + operation + ")",
                    mayHaveActed, null);
        }
    }

    @Override
    public String toString() {
        return "TossPayments[baseUrl=" + baseUrl + ", secretKey=****]";
    }
}
