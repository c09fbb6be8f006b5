package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.madang.localstack.TossSandboxFaults.Fault;
import dev.madang.localstack.TossSandboxJson.Answer;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;

import static dev.madang.localstack.TossSandboxJson.JSON;
import static dev.madang.localstack.TossSandboxJson.error;
import static dev.madang.localstack.TossSandboxJson.readJson;
import static dev.madang.localstack.TossSandboxJson.respond;
import static dev.madang.localstack.TossSandboxJson.text;

/**
 * A stand-in for the part of Toss Payments' API that Madang uses (core API v1, version 2022-11-16 shapes), on a free
 * loopback port (a JDK {@link HttpServer}). Tests and the local runner point the real adapter at {@link #baseUrl()}.
 *
 * <h2>Toss's endpoints</h2>
 * All need {@code Authorization: Basic base64(secretKey + ":")}; without it: 401
 * {@code {"code":"UNAUTHORIZED_KEY","message":…}}. Answers are Toss Payment objects or Toss error objects
 * {@code {"code":…,"message":…}}; times are KST ({@code +09:00}), as Toss sends them.
 * <ul>
 *   <li>{@code POST /v1/payments/confirm {paymentKey, orderId, amount}}: an {@link #authorize authorised} card payment
 *       becomes DONE, a virtual account WAITING_FOR_DEPOSIT with {@code virtualAccount} and {@code secret}. Refusals:
 *       unknown or expired payment 404 {@code NOT_FOUND_PAYMENT_SESSION}; already confirmed (or canceled) 400
 *       {@code ALREADY_PROCESSED_PAYMENT}; <b>amount different from the authorised one 400 {@code INVALID_REQUEST}</b>
 *       (this sandbox's choice; nothing is approved and the payment stays IN_PROGRESS); orderId not the payment's
 *       400 {@code INVALID_REQUEST}; a payment {@link #fail failed} by the customer's card 400
 *       {@code REJECT_CARD_PAYMENT} (it becomes ABORTED).</li>
 *   <li>{@code GET /v1/payments/{paymentKey}} and {@code GET /v1/payments/orders/{orderId}} (the latest payment for
 *       the order): 404 {@code NOT_FOUND_PAYMENT} when there is none.</li>
 *   <li>{@code POST /v1/payments/{paymentKey}/cancel {cancelReason, cancelAmount?, refundReceiveAccount?{bank,
 *       accountNumber, holderName}}}: without {@code cancelAmount} the whole balance. 400 {@code NOT_CANCELABLE_AMOUNT}
 *       above the balance, 400 {@code ALREADY_CANCELED_PAYMENT}, 403 {@code NOT_CANCELABLE_PAYMENT} when nothing was
 *       paid (READY, IN_PROGRESS, ABORTED, EXPIRED), 400 {@code INVALID_REFUND_ACCOUNT_INFO} for a deposited virtual
 *       account without a usable refund account. A virtual account still waiting for its deposit is closed whole
 *       (a partial amount: NOT_CANCELABLE_AMOUNT). Cancels are serialised, so the balance never goes below zero.</li>
 *   <li>{@code GET /v1/transactions?startDate=&endDate=[&startingAfter=][&limit=]}: the transaction ledger, a JSON
 *       array of Toss Transaction objects ({@code transactionKey, paymentKey, orderId, method, status, transactionAt,
 *       currency, amount}), oldest first: each virtual account issued (WAITING_FOR_DEPOSIT), approval or deposit (DONE)
 *       and cancel (CANCELED / PARTIAL_CANCELED, with the amount cancelled). Dates are ISO-8601, Korea time without an
 *       offset, both inclusive; pages of {@code limit} (default 100, at most 5000) after the transactionKey
 *       {@code startingAfter}. Merchant-side cancels (a refund made in Toss's dashboard, or by calling the cancel
 *       endpoint directly) appear as any other.</li>
 * </ul>
 * <b>Idempotency-Key</b> (on the POSTs): as Toss documents, a key is scoped to the method and path (and the secret
 * key), not the body, for 15 days: the same key again gets the first answer replayed (status and body) and no second
 * effect, even if the body differs. A repeat while the first is still being processed gets 409
 * {@code IDEMPOTENT_REQUEST_PROCESSING}. Only final answers are stored (2xx and 4xx other than 409/429); 5xx, 429 and
 * injected failures are not, so a retry with the same key is processed. (Toss does not document whether it replays
 * its own errors; this is the behaviour that makes "retry with the same key" meaningful.)
 *
 * <h2>Test and local-runner operations</h2>
 * As Java methods: {@link #authorize} (the customer finished the payment window: IN_PROGRESS, returns the
 * paymentKey), {@link #deposit} (WAITING_FOR_DEPOSIT → DONE, posts DEPOSIT_CALLBACK to the {@link #webhookUrl webhook
 * URL}, as many times as asked), {@link #forgeDepositCallback} (an attacker's DEPOSIT_CALLBACK with a wrong secret; no
 * state change), {@link #fail} (the card is declined at confirm), {@link #expire} (window or deposit deadline
 * passed), {@link #sendStatusChanged} (deliver PAYMENT_STATUS_CHANGED again, e.g. out of order). Every status change
 * also posts PAYMENT_STATUS_CHANGED to the webhook URL unless {@link #statusChangedWebhooks(boolean) turned off}.
 * Webhooks go out one at a time in order; {@link #deliveries()} lists them with the status the receiver answered.
 * <p>
 * Over HTTP, without a secret (loopback only, never deployed), for the local front end or curl:
 * <pre>
 * POST /sandbox/payments {"orderId":"…","amount":15000,"method":"CARD"|"VIRTUAL_ACCOUNT","orderName"?,"customerName"?,"validHours"?}
 *      → 201 {"paymentKey":…,"orderId":…,"amount":…}
 * GET  /sandbox/checkout?orderId=…&amp;amount=…&amp;method=CARD&amp;successUrl=…&amp;failUrl=…[&amp;outcome=fail]
 *      → 302 successUrl?paymentKey=…&amp;orderId=…&amp;amount=…   (or failUrl?code=PAY_PROCESS_CANCELED&amp;message=…&amp;orderId=…)
 * POST /sandbox/payments/{paymentKey}/deposit {"times":1}   → 200 {"payment":…,"webhookStatuses":[…]}
 * POST /sandbox/payments/{paymentKey}/forged-deposit-callback → 200 {"webhookStatuses":[…]}
 * POST /sandbox/payments/{paymentKey}/fail | /expire | /status-changed → 200 {"payment":…}
 * PUT  /sandbox/webhook {"url":"http://…"}                  → 204
 * </pre>
 *
 * <h2>Failure injection and counters</h2>
 * Per {@link Endpoint}, each request takes the next queued fault, if any, before authentication (as an outage
 * would): {@link #failNext} answers a status, {@link #delayNext} waits first, {@link #dropResponseNext} processes the
 * request for real (the payment is approved, the answer stored under its Idempotency-Key) and then stalls before
 * answering, so a client with a shorter timeout never sees the answer: the "approved, response lost" case.
 * {@link #requestCount} counts requests received (faults included), {@link #effectCount} the confirms and cancels that
 * actually changed a payment.
 *
 * <p>This class is the public face and serves the {@code /sandbox/} operations; the rest is split by concern:
 * {@link TossSandboxApi} serves Toss's endpoints (routing, faults, authentication, Idempotency-Key),
 * {@link TossSandboxPayments} is the ledger with the rules of confirm and cancel, {@link TossSandboxWebhooks} posts
 * the webhooks, {@link TossSandboxFaults} keeps the injected faults and counters, {@link TossSandboxJson} renders.
 */
public final class TossSandbox implements AutoCloseable {

    /** Toss's endpoints that faults and counts are kept for. */
    public enum Endpoint { CONFIRM, PAYMENT, PAYMENT_OF_ORDER, CANCEL, TRANSACTIONS }

    /** What the customer chose in the payment window. */
    public enum PayMethod {
        CARD("카드"), VIRTUAL_ACCOUNT("가상계좌");

        final String tossName;

        PayMethod(String tossName) {
            this.tossName = tossName;
        }
    }

    /** One webhook sent: its event type, order, and what the receiver answered (-1: could not connect). */
    public record Delivery(String eventType, String orderId, int status) {
    }

    /** Toss's default deposit window for a virtual account. */
    public static final Duration DEFAULT_DEPOSIT_WINDOW = Duration.ofDays(7);

    private final HttpServer server;
    private final ExecutorService executor;
    // the sandbox by concern; this class is their public face and the local front end's HTTP operations
    private final TossSandboxWebhooks webhooks;
    private final TossSandboxFaults faults;
    private final TossSandboxPayments payments;
    private final TossSandboxApi api;

    private TossSandbox(HttpServer server, ExecutorService executor, String secretKey) {
        this.server = server;
        this.executor = executor;
        this.webhooks = new TossSandboxWebhooks();
        this.faults = new TossSandboxFaults();
        this.payments = new TossSandboxPayments(webhooks, faults);
        this.api = new TossSandboxApi(secretKey, payments, faults);
    }

    /** Starts on a free loopback port, expecting {@code secretKey} (e.g. {@code test_sk_…}) in Basic auth. */
    public static TossSandbox start(String secretKey) {
        return start(secretKey, 0);
    }

    /** Starts on {@code port} of loopback (0: any free port); a fixed port suits the local runner's configuration. */
    public static TossSandbox start(String secretKey, int port) {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("the Toss sandbox needs a secret key to expect");
        }
        HttpServer server = LoopbackServers.listen("Toss sandbox", port);
        // a stalled confirm must not hold up the retry that follows it, nor concurrent cancels
        ExecutorService executor = LoopbackServers.daemonThreads("toss-sandbox");
        TossSandbox sandbox = new TossSandbox(server, executor, secretKey);
        server.createContext("/v1/payments", sandbox.api::handle);
        server.createContext("/v1/transactions", sandbox.api::handleTransactions);
        server.createContext("/sandbox/", sandbox::sandboxOperation);
        server.setExecutor(executor);
        server.start();
        return sandbox;
    }

    /** The payment window of the sandbox at {@code baseUrl}: what a client opens in place of Toss's payment widget. */
    public static URI checkoutWindow(URI baseUrl) {
        return URI.create(baseUrl + "/sandbox/checkout");
    }

    /** {@code http://127.0.0.1:<port>}, to use where {@code https://api.tosspayments.com} would be. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operations for tests and the local runner

    /** Where webhooks (DEPOSIT_CALLBACK, PAYMENT_STATUS_CHANGED) are posted; null: none are sent. */
    public TossSandbox webhookUrl(URI url) {
        webhooks.webhookUrl(url);
        return this;
    }

    /** Whether every status change also posts PAYMENT_STATUS_CHANGED (default true). */
    public TossSandbox statusChangedWebhooks(boolean send) {
        webhooks.statusChangedWebhooks(send);
        return this;
    }

    /**
     * Where payments' times (requested, approved, canceled, and so the transaction ledger's) come from; the system
     * clock unless a test moves it, e.g. to put a day's payments on a day of its own.
     */
    public TossSandbox clock(java.time.Clock clock) {
        payments.clock(clock);
        return this;
    }

    /** The customer finished the payment window for {@code orderId}: a payment IN_PROGRESS, waiting for our confirm. */
    public String authorize(String orderId, long amount, PayMethod method) {
        return authorize(orderId, amount, method, "마당 티켓", "김마당", DEFAULT_DEPOSIT_WINDOW);
    }


    /**
     * As {@link #authorize(String, long, PayMethod)}, with the order name, the customer's name (a virtual account is
     * issued in it) and, for a virtual account, how long the customer has to deposit.
     *
     * @throws IllegalStateException the order already has a payment that was approved or is waiting for its deposit
     *         (Toss refuses a duplicate order id)
     */
    public String authorize(String orderId, long amount, PayMethod method, String orderName, String customerName,
                            Duration depositWindow) {
        return payments.authorize(orderId, amount, method, orderName, customerName, depositWindow);
    }

    /** The customer's card will be declined: the next confirm answers 400 REJECT_CARD_PAYMENT and aborts. */
    public void fail(String paymentKey) {
        payments.fail(paymentKey);
    }

    /**
     * Time ran out: an unconfirmed payment (window closed) or an undeposited virtual account (deadline passed) becomes
     * EXPIRED. Posts PAYMENT_STATUS_CHANGED.
     */
    public void expire(String paymentKey) {
        payments.expire(paymentKey);
    }

    /** {@link #deposit(String, int)} once. */
    public List<Integer> deposit(String paymentKey) {
        return deposit(paymentKey, 1);
    }


    /**
     * The customer paid into the virtual account: WAITING_FOR_DEPOSIT → DONE, then DEPOSIT_CALLBACK is posted
     * {@code times} times (Toss retries a webhook that was not acknowledged; receivers must cope with duplicates),
     * then PAYMENT_STATUS_CHANGED. Returns after the webhooks were delivered, with the statuses the receiver answered
     * to the DEPOSIT_CALLBACKs.
     */
    public List<Integer> deposit(String paymentKey, int times) {
        return payments.deposit(paymentKey, times);
    }

    /**
     * Someone who is not Toss posts a DEPOSIT_CALLBACK for the order, saying DONE, with a secret of the right shape
     * but wrong. The payment does not change. Returns the receiver's status.
     */
    public int forgeDepositCallback(String paymentKey) {
        return payments.forgeDepositCallback(paymentKey);
    }

    /** Posts PAYMENT_STATUS_CHANGED for the payment as it is now (again), and returns the receiver's status. */
    public int sendStatusChanged(String paymentKey) {
        return payments.sendStatusChanged(paymentKey);
    }

    /** The refund account last sent with a cancel of this payment (unmasked, for tests), or null. */
    public Map<String, String> refundAccountOf(String paymentKey) {
        return payments.refundAccountOf(paymentKey);
    }

    /** The sandbox's view of a payment as Toss's JSON (what GET /v1/payments/{key} would answer). */
    public JsonNode paymentJson(String paymentKey) {
        return payments.paymentJson(paymentKey);
    }

    /**
     * Every payment the sandbox holds for {@code orderId}, as Toss's JSON, oldest first: what a reconciliation would
     * list (a customer may open the payment window more than once for one order).
     */
    public List<JsonNode> paymentsOfOrder(String orderId) {
        return payments.paymentsOfOrder(orderId);
    }

    /** The next {@code n} requests to {@code endpoint} answer {@code status} with a fitting Toss error code. */
    public TossSandbox failNext(Endpoint endpoint, int n, int status) {
        String code = status == 429 ? "TOO_MANY_REQUESTS" : status >= 500 ? "FAILED_INTERNAL_SYSTEM_PROCESSING"
                : "PROVIDER_ERROR";
        return failNext(endpoint, n, status, code);
    }

    /** The next {@code n} requests to {@code endpoint} answer {@code status} with {@code {"code": code}}. */
    public TossSandbox failNext(Endpoint endpoint, int n, int status, String code) {
        faults.queue(endpoint, n, new Fault(status, code, null, null));
        return this;
    }

    /** The next {@code n} requests to {@code endpoint} wait {@code delay}, then are processed normally. */
    public TossSandbox delayNext(Endpoint endpoint, int n, Duration delay) {
        faults.queue(endpoint, n, new Fault(0, null, delay, null));
        return this;
    }

    /**
     * The next {@code n} requests to {@code endpoint} are processed for real (a confirm approves, a cancel refunds,
     * the answer is stored under the Idempotency-Key), then the sandbox waits {@code stall} before answering: a
     * client with a shorter timeout gives up without ever learning the outcome.
     */
    public TossSandbox dropResponseNext(Endpoint endpoint, int n, Duration stall) {
        faults.queue(endpoint, n, new Fault(0, null, null, stall));
        return this;
    }

    /** Requests received at {@code endpoint} so far, including those failed, delayed or stalled. */
    public int requestCount(Endpoint endpoint) {
        return faults.requestCount(endpoint);
    }

    /** Requests at {@code endpoint} that changed a payment (a confirm that approved or issued, a cancel applied). */
    public int effectCount(Endpoint endpoint) {
        return faults.effectCount(endpoint);
    }

    /** Every webhook sent so far, in order. */
    public List<Delivery> deliveries() {
        return webhooks.deliveries();
    }

    /** Forgets payments, idempotency records, faults, counts and deliveries; keeps the webhook settings. */
    public void reset() {
        payments.reset();
        api.reset();
        faults.reset();
        webhooks.clearDeliveries();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // wakes handlers still sleeping in a delay or stall
        webhooks.close();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sandbox operations over HTTP

    private void sandboxOperation(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            try {
                if ("/sandbox/payments".equals(path) && "POST".equals(method)) {
                    JsonNode body = readJson(exchange);
                    String orderId = text(body, "orderId");
                    JsonNode amount = body == null ? null : body.get("amount");
                    if (orderId == null || amount == null || !amount.isIntegralNumber()) {
                        respond(exchange, new Answer(400, error("INVALID_REQUEST",
                                "sandbox: orderId and amount are required; method CARD or VIRTUAL_ACCOUNT")));
                        return;
                    }
                    String m = text(body, "method");
                    JsonNode validHours = body.get("validHours");
                    String paymentKey = authorize(orderId, amount.asLong(),
                            m == null ? PayMethod.CARD : PayMethod.valueOf(m), text(body, "orderName"),
                            text(body, "customerName"), validHours != null && validHours.canConvertToInt()
                                    ? Duration.ofHours(validHours.asInt()) : DEFAULT_DEPOSIT_WINDOW);
                    respond(exchange, new Answer(201, JSON.createObjectNode().put("paymentKey", paymentKey)
                            .put("orderId", orderId).put("amount", amount.asLong())));
                } else if ("/sandbox/checkout".equals(path) && "GET".equals(method)) {
                    checkout(exchange);
                } else if ("/sandbox/webhook".equals(path) && "PUT".equals(method)) {
                    String url = text(readJson(exchange), "url");
                    webhookUrl(url == null ? null : URI.create(url));
                    exchange.sendResponseHeaders(204, -1);
                } else if (path.startsWith("/sandbox/payments/") && "POST".equals(method)) {
                    String[] parts = path.substring("/sandbox/payments/".length()).split("/");
                    if (parts.length != 2) {
                        respond(exchange, new Answer(404, error("NOT_FOUND", "sandbox: no such operation")));
                        return;
                    }
                    String paymentKey = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                    ObjectNode out = JSON.createObjectNode();
                    switch (parts[1]) {
                        case "deposit" -> {
                            JsonNode body = readJson(exchange);
                            int times = body != null && body.path("times").canConvertToInt() ? body.get("times").asInt() : 1;
                            ArrayNode statuses = out.putArray("webhookStatuses");
                            deposit(paymentKey, times).forEach(statuses::add);
                        }
                        case "forged-deposit-callback" -> out.putArray("webhookStatuses").add(forgeDepositCallback(paymentKey));
                        case "fail" -> fail(paymentKey);
                        case "expire" -> expire(paymentKey);
                        case "status-changed" -> out.put("webhookStatus", sendStatusChanged(paymentKey));
                        default -> {
                            respond(exchange, new Answer(404, error("NOT_FOUND", "sandbox: no such operation")));
                            return;
                        }
                    }
                    out.set("payment", paymentJson(paymentKey));
                    respond(exchange, new Answer(200, out));
                } else {
                    respond(exchange, new Answer(404, error("NOT_FOUND", "sandbox: no such operation")));
                }
            } catch (NoSuchElementException e) {
                respond(exchange, new Answer(404, error("NOT_FOUND_PAYMENT", e.getMessage())));
            } catch (IllegalStateException | IllegalArgumentException e) {
                respond(exchange, new Answer(409, error("SANDBOX_REFUSED", e.getMessage())));
            }
        }
    }

    /** Plays the payment window: authorises (or not) and sends the browser where Toss would. */
    private void checkout(HttpExchange exchange) throws IOException {
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        String orderId = q.get("orderId");
        String successUrl = q.get("successUrl");
        String failUrl = q.get("failUrl");
        long amount;
        try {
            amount = Long.parseLong(q.getOrDefault("amount", ""));
        } catch (NumberFormatException e) {
            amount = -1;
        }
        if (orderId == null || amount <= 0 || successUrl == null || failUrl == null) {
            respond(exchange, new Answer(400, error("INVALID_REQUEST",
                    "sandbox: orderId, amount, successUrl and failUrl are required")));
            return;
        }
        String location;
        if ("fail".equals(q.get("outcome"))) {
            location = failUrl + (failUrl.contains("?") ? "&" : "?") + "code=PAY_PROCESS_CANCELED&message="
                    + enc("사용자에 의해 결제가 취소되었습니다.") + "&orderId=" + enc(orderId);
        } else {
            PayMethod m = PayMethod.valueOf(q.getOrDefault("method", "CARD"));
            String paymentKey = authorize(orderId, amount, m, q.get("orderName"), q.get("customerName"),
                    DEFAULT_DEPOSIT_WINDOW);
            location = successUrl + (successUrl.contains("?") ? "&" : "?") + "paymentKey=" + enc(paymentKey)
                    + "&orderId=" + enc(orderId) + "&amount=" + amount;
        }
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }


    // ---------------------------------------------------------------------------------------------------------------
    // Plumbing

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}
