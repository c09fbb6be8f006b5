package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

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
 */
public final class TossSandbox implements AutoCloseable {

    /** Toss's four endpoints that faults and counts are kept for. */
    public enum Endpoint { CONFIRM, PAYMENT, PAYMENT_OF_ORDER, CANCEL }

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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ZoneOffset KST = ZoneOffset.ofHours(9);
    private static final DateTimeFormatter TOSS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    /** DEPOSIT_CALLBACK's createdAt has no offset (KST local time) and microseconds, as in Toss's examples. */
    private static final DateTimeFormatter CALLBACK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final int MAX_BODY = 64 * 1024;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final HttpServer server;
    private final ExecutorService executor;
    /** One thread: webhooks leave in the order the changes happened. */
    private final ExecutorService webhookSender;
    private final HttpClient webhookClient;
    private final byte[] expectedAuthorization;

    /** Guards every payment and the order index: confirms and cancels are serialised, one at a time. */
    private final Object lock = new Object();
    private final Map<String, Payment> payments = new HashMap<>();
    private final Map<String, String> latestPaymentOfOrder = new HashMap<>();

    private final Map<String, Stored> idempotent = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    private final Map<Endpoint, Deque<Fault>> faults = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, AtomicInteger> received = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, AtomicInteger> effects = new EnumMap<>(Endpoint.class);
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile URI webhookUrl;
    private volatile boolean statusChangedWebhooks = true;

    private TossSandbox(HttpServer server, ExecutorService executor, String secretKey) {
        this.server = server;
        this.executor = executor;
        this.expectedAuthorization = ("Basic " + Base64.getEncoder()
                .encodeToString((secretKey + ":").getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        this.webhookSender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "toss-sandbox-webhooks");
            t.setDaemon(true);
            return t;
        });
        this.webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (Endpoint e : Endpoint.values()) {
            faults.put(e, new ArrayDeque<>());
            received.put(e, new AtomicInteger());
            effects.put(e, new AtomicInteger());
        }
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
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the Toss sandbox could not listen on port " + port, e);
        }
        // many threads: a stalled confirm must not hold up the retry that follows it, nor concurrent cancels
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "toss-sandbox-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        TossSandbox sandbox = new TossSandbox(server, executor, secretKey);
        server.createContext("/v1/payments", sandbox::api);
        server.createContext("/sandbox/", sandbox::sandboxOperation);
        server.setExecutor(executor);
        server.start();
        return sandbox;
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
        this.webhookUrl = url;
        return this;
    }

    /** Whether every status change also posts PAYMENT_STATUS_CHANGED (default true). */
    public TossSandbox statusChangedWebhooks(boolean send) {
        this.statusChangedWebhooks = send;
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
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(method, "method");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        Instant now = Instant.now();
        Payment p = new Payment();
        p.paymentKey = "sbx_" + random(ALPHANUMERIC, 28);
        p.orderId = orderId;
        p.orderName = orderName == null ? "마당 티켓" : orderName;
        p.method = method;
        p.totalAmount = amount;
        p.balanceAmount = amount;
        p.status = "IN_PROGRESS";
        p.requestedAt = now;
        if (method == PayMethod.VIRTUAL_ACCOUNT) {
            // Toss issues the account in the window and shows it (with the secret) from the confirm on
            p.accountNumber = "X" + random("0123456789", 13);
            p.bankCode = "20"; // 우리은행
            p.customerName = customerName == null ? "김마당" : customerName;
            p.dueDate = now.plus(depositWindow == null ? DEFAULT_DEPOSIT_WINDOW : depositWindow)
                    .truncatedTo(ChronoUnit.SECONDS);
            p.secret = "ps_" + random(ALPHANUMERIC, 28);
        }
        synchronized (lock) {
            String existing = latestPaymentOfOrder.get(orderId);
            if (existing != null && Set.of("WAITING_FOR_DEPOSIT", "DONE", "PARTIAL_CANCELED", "CANCELED")
                    .contains(payments.get(existing).status)) {
                throw new IllegalStateException("DUPLICATED_ORDER_ID: order " + orderId + " already has a payment");
            }
            payments.put(p.paymentKey, p);
            latestPaymentOfOrder.put(orderId, p.paymentKey);
        }
        return p.paymentKey;
    }

    /** The customer's card will be declined: the next confirm answers 400 REJECT_CARD_PAYMENT and aborts. */
    public void fail(String paymentKey) {
        synchronized (lock) {
            Payment p = existing(paymentKey);
            if (!"IN_PROGRESS".equals(p.status) && !"READY".equals(p.status)) {
                throw new IllegalStateException("only a payment not yet confirmed can fail; this one is " + p.status);
            }
            p.declineOnConfirm = true;
        }
    }

    /**
     * Time ran out: an unconfirmed payment (window closed) or an undeposited virtual account (deadline passed) becomes
     * EXPIRED. Posts PAYMENT_STATUS_CHANGED.
     */
    public void expire(String paymentKey) {
        ObjectNode snapshot;
        synchronized (lock) {
            Payment p = existing(paymentKey);
            if (!Set.of("READY", "IN_PROGRESS", "WAITING_FOR_DEPOSIT").contains(p.status)) {
                throw new IllegalStateException("a " + p.status + " payment cannot expire");
            }
            p.status = "EXPIRED";
            p.failureCode = "EXPIRED_PAYMENT";
            p.failureMessage = "결제가 만료되었습니다.";
            snapshot = render(p);
        }
        statusChanged(snapshot);
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
        ObjectNode callback;
        ObjectNode snapshot;
        synchronized (lock) {
            Payment p = existing(paymentKey);
            if (!"WAITING_FOR_DEPOSIT".equals(p.status)) {
                throw new IllegalStateException("only a virtual account waiting for its deposit takes money; this one is "
                        + p.status);
            }
            p.status = "DONE";
            p.approvedAt = Instant.now();
            p.lastTransactionKey = transactionKey();
            callback = depositCallback(p, "DONE", p.secret);
            snapshot = render(p);
        }
        List<CompletableFuture<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            sent.add(post("DEPOSIT_CALLBACK", callback));
        }
        CompletableFuture<Integer> changed = statusChanged(snapshot);
        List<Integer> statuses = sent.stream().map(TossSandbox::await).toList();
        await(changed);
        return statuses;
    }

    /**
     * Someone who is not Toss posts a DEPOSIT_CALLBACK for the order, saying DONE, with a secret of the right shape
     * but wrong. The payment does not change. Returns the receiver's status.
     */
    public int forgeDepositCallback(String paymentKey) {
        ObjectNode callback;
        synchronized (lock) {
            Payment p = existing(paymentKey);
            callback = depositCallback(p, "DONE", "ps_" + random(ALPHANUMERIC, 28));
        }
        return await(post("DEPOSIT_CALLBACK", callback));
    }

    /** Posts PAYMENT_STATUS_CHANGED for the payment as it is now (again), and returns the receiver's status. */
    public int sendStatusChanged(String paymentKey) {
        ObjectNode snapshot;
        synchronized (lock) {
            snapshot = render(existing(paymentKey));
        }
        return await(post("PAYMENT_STATUS_CHANGED", statusChangedBody(snapshot)));
    }

    /** The refund account last sent with a cancel of this payment (unmasked, for tests), or null. */
    public Map<String, String> refundAccountOf(String paymentKey) {
        synchronized (lock) {
            Payment p = existing(paymentKey);
            return p.refundBank == null ? null : Map.of("bank", p.refundBank, "accountNumber", p.refundAccountNumber,
                    "holderName", p.refundHolderName);
        }
    }

    /** The sandbox's view of a payment as Toss's JSON (what GET /v1/payments/{key} would answer). */
    public JsonNode paymentJson(String paymentKey) {
        synchronized (lock) {
            return render(existing(paymentKey));
        }
    }

    /**
     * Every payment the sandbox holds for {@code orderId}, as Toss's JSON, oldest first: what a reconciliation would
     * list (a customer may open the payment window more than once for one order).
     */
    public List<JsonNode> paymentsOfOrder(String orderId) {
        synchronized (lock) {
            return payments.values().stream().filter(p -> p.orderId.equals(orderId))
                    .sorted(java.util.Comparator.comparing(p -> p.requestedAt)).map(p -> (JsonNode) render(p)).toList();
        }
    }

    /** The next {@code n} requests to {@code endpoint} answer {@code status} with a fitting Toss error code. */
    public TossSandbox failNext(Endpoint endpoint, int n, int status) {
        String code = status == 429 ? "TOO_MANY_REQUESTS" : status >= 500 ? "FAILED_INTERNAL_SYSTEM_PROCESSING"
                : "PROVIDER_ERROR";
        return failNext(endpoint, n, status, code);
    }

    /** The next {@code n} requests to {@code endpoint} answer {@code status} with {@code {"code": code}}. */
    public TossSandbox failNext(Endpoint endpoint, int n, int status, String code) {
        return queue(endpoint, n, new Fault(status, code, null, null));
    }

    /** The next {@code n} requests to {@code endpoint} wait {@code delay}, then are processed normally. */
    public TossSandbox delayNext(Endpoint endpoint, int n, Duration delay) {
        return queue(endpoint, n, new Fault(0, null, delay, null));
    }

    /**
     * The next {@code n} requests to {@code endpoint} are processed for real (a confirm approves, a cancel refunds,
     * the answer is stored under the Idempotency-Key), then the sandbox waits {@code stall} before answering: a
     * client with a shorter timeout gives up without ever learning the outcome.
     */
    public TossSandbox dropResponseNext(Endpoint endpoint, int n, Duration stall) {
        return queue(endpoint, n, new Fault(0, null, null, stall));
    }

    /** Requests received at {@code endpoint} so far, including those failed, delayed or stalled. */
    public int requestCount(Endpoint endpoint) {
        return received.get(endpoint).get();
    }

    /** Requests at {@code endpoint} that changed a payment (a confirm that approved or issued, a cancel applied). */
    public int effectCount(Endpoint endpoint) {
        return effects.get(endpoint).get();
    }

    /** Every webhook sent so far, in order. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Forgets payments, idempotency records, faults, counts and deliveries; keeps the webhook settings. */
    public void reset() {
        synchronized (lock) {
            payments.clear();
            latestPaymentOfOrder.clear();
        }
        synchronized (idempotent) {
            idempotent.clear();
            inFlight.clear();
        }
        for (Endpoint e : Endpoint.values()) {
            synchronized (faults.get(e)) {
                faults.get(e).clear();
            }
            received.get(e).set(0);
            effects.get(e).set(0);
        }
        deliveries.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // wakes handlers still sleeping in a delay or stall
        webhookSender.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Toss's API

    private record Fault(int status, String code, Duration delay, Duration stall) {
    }

    private record Answer(int status, JsonNode body) {
    }

    private record Stored(int status, byte[] body) {
    }

    private TossSandbox queue(Endpoint endpoint, int n, Fault fault) {
        Deque<Fault> q = faults.get(endpoint);
        synchronized (q) {
            for (int i = 0; i < n; i++) {
                q.add(fault);
            }
        }
        return this;
    }

    private void api(HttpExchange exchange) throws IOException {
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
            received.get(endpoint).incrementAndGet();

            Fault fault;
            Deque<Fault> q = faults.get(endpoint);
            synchronized (q) {
                fault = q.poll();
            }
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

    private Answer process(Endpoint endpoint, String id, JsonNode body) {
        return switch (endpoint) {
            case CONFIRM -> confirm(body);
            case PAYMENT -> {
                synchronized (lock) {
                    Payment p = payments.get(id);
                    yield p == null ? notFoundPayment() : new Answer(200, render(p));
                }
            }
            case PAYMENT_OF_ORDER -> {
                synchronized (lock) {
                    String paymentKey = latestPaymentOfOrder.get(id);
                    yield paymentKey == null ? notFoundPayment() : new Answer(200, render(payments.get(paymentKey)));
                }
            }
            case CANCEL -> cancel(id, body);
        };
    }

    private static Answer notFoundPayment() {
        return new Answer(404, error("NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다."));
    }

    private Answer confirm(JsonNode body) {
        String paymentKey = text(body, "paymentKey");
        String orderId = text(body, "orderId");
        JsonNode amountNode = body.get("amount");
        if (paymentKey == null || orderId == null || amountNode == null || !amountNode.canConvertToLong()
                || !amountNode.isIntegralNumber()) {
            return new Answer(400, error("INVALID_REQUEST", "잘못된 요청입니다. (paymentKey, orderId and amount are required)"));
        }
        ObjectNode snapshot;
        Answer answer;
        synchronized (lock) {
            Payment p = payments.get(paymentKey);
            if (p == null || "EXPIRED".equals(p.status)) {
                return new Answer(404, error("NOT_FOUND_PAYMENT_SESSION",
                        "결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다."));
            }
            if (!p.orderId.equals(orderId)) {
                return new Answer(400, error("INVALID_REQUEST", "잘못된 요청입니다. (orderId does not belong to this payment)"));
            }
            if ("ABORTED".equals(p.status)) {
                return new Answer(400, error(p.failureCode, p.failureMessage));
            }
            if (!"IN_PROGRESS".equals(p.status) && !"READY".equals(p.status)) {
                return new Answer(400, error("ALREADY_PROCESSED_PAYMENT", "이미 처리된 결제 입니다."));
            }
            if (amountNode.asLong() != p.totalAmount) {
                // the customer authorised another amount: nothing is approved, the payment stays as it was
                return new Answer(400, error("INVALID_REQUEST", "결제 금액이 일치하지 않습니다."));
            }
            if (p.declineOnConfirm) {
                p.status = "ABORTED";
                p.failureCode = "REJECT_CARD_PAYMENT";
                p.failureMessage = "한도초과 혹은 잔액부족으로 결제에 실패했습니다.";
                answer = new Answer(400, error(p.failureCode, p.failureMessage));
            } else {
                p.lastTransactionKey = transactionKey();
                if (p.method == PayMethod.VIRTUAL_ACCOUNT) {
                    p.status = "WAITING_FOR_DEPOSIT";
                } else {
                    p.status = "DONE";
                    p.approvedAt = Instant.now();
                }
                effects.get(Endpoint.CONFIRM).incrementAndGet();
                answer = new Answer(200, render(p));
            }
            snapshot = render(p);
        }
        statusChanged(snapshot);
        return answer;
    }

    private Answer cancel(String paymentKey, JsonNode body) {
        String reason = text(body, "cancelReason");
        JsonNode amountNode = body.get("cancelAmount");
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            return new Answer(400, error("INVALID_REQUEST", "잘못된 요청입니다. (cancelReason is required, at most 200 characters)"));
        }
        if (amountNode != null && !amountNode.isNull() && (!amountNode.isIntegralNumber() || !amountNode.canConvertToLong()
                || amountNode.asLong() <= 0)) {
            return new Answer(400, error("INVALID_REQUEST", "잘못된 요청입니다. (cancelAmount must be a positive integer)"));
        }
        Long requested = amountNode == null || amountNode.isNull() ? null : amountNode.asLong();
        JsonNode account = body.get("refundReceiveAccount");
        ObjectNode snapshot;
        Answer answer;
        synchronized (lock) {
            Payment p = payments.get(paymentKey);
            if (p == null) {
                return notFoundPayment();
            }
            if ("CANCELED".equals(p.status)) {
                return new Answer(400, error("ALREADY_CANCELED_PAYMENT", "이미 취소된 결제 입니다."));
            }
            if (!Set.of("DONE", "PARTIAL_CANCELED", "WAITING_FOR_DEPOSIT").contains(p.status)) {
                return new Answer(403, error("NOT_CANCELABLE_PAYMENT", "취소 할 수 없는 결제 입니다."));
            }
            long amount = requested == null ? p.balanceAmount : requested;
            if ("WAITING_FOR_DEPOSIT".equals(p.status) && amount != p.balanceAmount) {
                return new Answer(400, error("NOT_CANCELABLE_AMOUNT",
                        "취소 할 수 없는 금액 입니다. (a virtual account not yet deposited is closed whole)"));
            }
            if (amount > p.balanceAmount) {
                return new Answer(400, error("NOT_CANCELABLE_AMOUNT", "취소 할 수 없는 금액 입니다."));
            }
            if (p.method == PayMethod.VIRTUAL_ACCOUNT && !"WAITING_FOR_DEPOSIT".equals(p.status)) {
                String bank = text(account, "bank");
                String number = text(account, "accountNumber");
                String holder = text(account, "holderName");
                if (bank == null || number == null || !number.matches("[0-9]{6,20}") || holder == null
                        || holder.isBlank()) {
                    return new Answer(400, error("INVALID_REFUND_ACCOUNT_INFO",
                            "환불 계좌번호와 예금주명이 일치하지 않습니다. (refundReceiveAccount with bank, accountNumber and holderName is required)"));
                }
                p.refundBank = bank;
                p.refundAccountNumber = number;
                p.refundHolderName = holder;
            }
            p.balanceAmount -= amount;
            p.status = p.balanceAmount == 0 ? "CANCELED" : "PARTIAL_CANCELED";
            p.lastTransactionKey = transactionKey();
            p.cancels.add(new CancelRecord(amount, reason, Instant.now(), p.lastTransactionKey, p.balanceAmount));
            effects.get(Endpoint.CANCEL).incrementAndGet();
            snapshot = render(p);
            answer = new Answer(200, snapshot);
        }
        statusChanged(snapshot);
        return answer;
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
    // Webhooks

    private static ObjectNode depositCallback(Payment p, String status, String secret) {
        return JSON.createObjectNode()
                .put("createdAt", callbackNow())
                .put("secret", secret)
                .put("status", status)
                .put("transactionKey", p.lastTransactionKey == null ? transactionKey() : p.lastTransactionKey)
                .put("orderId", p.orderId);
    }

    private static ObjectNode statusChangedBody(ObjectNode payment) {
        ObjectNode body = JSON.createObjectNode();
        body.put("eventType", "PAYMENT_STATUS_CHANGED");
        body.put("createdAt", callbackNow());
        body.set("data", payment);
        return body;
    }

    private CompletableFuture<Integer> statusChanged(ObjectNode payment) {
        if (!statusChangedWebhooks) {
            return CompletableFuture.completedFuture(0);
        }
        return post("PAYMENT_STATUS_CHANGED", statusChangedBody(payment));
    }

    /** Queues a webhook; completes with the receiver's status, -1 if it could not be reached, 0 if none is set. */
    private CompletableFuture<Integer> post(String eventType, ObjectNode body) {
        URI target = webhookUrl;
        if (target == null) {
            return CompletableFuture.completedFuture(0);
        }
        String orderId = "DEPOSIT_CALLBACK".equals(eventType) ? body.path("orderId").asText()
                : body.path("data").path("orderId").asText();
        try {
            return CompletableFuture.supplyAsync(() -> {
                int status;
                try {
                    HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
                    status = webhookClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    status = -1;
                }
                deliveries.add(new Delivery(eventType, orderId, status));
                return status;
            }, webhookSender);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return CompletableFuture.completedFuture(-1);
        }
    }

    private static int await(CompletableFuture<Integer> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Payments and their Toss JSON

    private static final class Payment {
        String paymentKey;
        String orderId;
        String orderName;
        PayMethod method;
        long totalAmount;
        long balanceAmount;
        String status;
        Instant requestedAt;
        Instant approvedAt;
        String lastTransactionKey;
        String accountNumber;
        String bankCode;
        String customerName;
        Instant dueDate;
        String secret;
        boolean declineOnConfirm;
        String failureCode;
        String failureMessage;
        String refundBank;
        String refundAccountNumber;
        String refundHolderName;
        final List<CancelRecord> cancels = new ArrayList<>();
    }

    private record CancelRecord(long amount, String reason, Instant at, String transactionKey, long refundableAfter) {
    }

    private Payment existing(String paymentKey) {
        Payment p = payments.get(paymentKey);
        if (p == null) {
            throw new NoSuchElementException("sandbox: no payment " + paymentKey);
        }
        return p;
    }

    private static ObjectNode render(Payment p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("mId", "madangsandbox");
        o.put("version", "2022-11-16");
        o.put("lastTransactionKey", p.lastTransactionKey);
        o.put("paymentKey", p.paymentKey);
        o.put("orderId", p.orderId);
        o.put("orderName", p.orderName);
        o.put("currency", "KRW");
        o.put("method", p.method.tossName);
        o.put("status", p.status);
        o.put("requestedAt", time(p.requestedAt));
        o.put("approvedAt", time(p.approvedAt));
        o.put("useEscrow", false);
        o.put("cultureExpense", false);
        if (p.method == PayMethod.CARD && p.approvedAt != null) {
            o.putObject("card").put("amount", p.totalAmount).put("issuerCode", "4V").put("acquirerCode", "21")
                    .put("number", "43301234****123*").put("installmentPlanMonths", 0).put("approveNo", "00000000")
                    .put("cardType", "신용").put("ownerType", "개인").put("acquireStatus", "READY");
        } else {
            o.putNull("card");
        }
        boolean issued = p.method == PayMethod.VIRTUAL_ACCOUNT && !"IN_PROGRESS".equals(p.status)
                && !"READY".equals(p.status);
        if (issued) {
            ObjectNode va = o.putObject("virtualAccount");
            va.put("accountType", "일반");
            va.put("accountNumber", p.accountNumber);
            va.put("bankCode", p.bankCode);
            va.put("customerName", p.customerName);
            va.put("dueDate", time(p.dueDate));
            va.put("refundStatus", p.refundBank == null ? "NONE" : "COMPLETED");
            va.put("expired", "EXPIRED".equals(p.status));
            va.put("settlementStatus", "INCOMPLETED");
            if (p.refundBank != null) {
                // Toss masks the refund account in its answers
                String n = p.refundAccountNumber;
                String masked = n.length() <= 7 ? "*".repeat(n.length())
                        : n.substring(0, 3) + "*".repeat(n.length() - 7) + n.substring(n.length() - 4);
                va.putObject("refundReceiveAccount").put("bankCode", p.refundBank).put("accountNumber", masked)
                        .put("holderName", p.refundHolderName);
            } else {
                va.putNull("refundReceiveAccount");
            }
            o.put("secret", p.secret);
        } else {
            o.putNull("virtualAccount");
            o.putNull("secret");
        }
        o.putNull("transfer");
        o.putNull("mobilePhone");
        o.putNull("easyPay");
        if (p.cancels.isEmpty()) {
            o.putNull("cancels");
        } else {
            ArrayNode cancels = o.putArray("cancels");
            for (CancelRecord c : p.cancels) {
                cancels.addObject().put("transactionKey", c.transactionKey()).put("cancelReason", c.reason())
                        .put("taxExemptionAmount", 0).put("canceledAt", time(c.at())).put("easyPayDiscountAmount", 0)
                        .putNull("receiptKey").put("cancelStatus", "DONE").putNull("cancelRequestId")
                        .put("cancelAmount", c.amount()).put("taxFreeAmount", 0)
                        .put("refundableAmount", c.refundableAfter());
            }
        }
        o.put("type", "NORMAL");
        o.put("country", "KR");
        if (p.failureCode != null) {
            o.putObject("failure").put("code", p.failureCode).put("message", p.failureMessage);
        } else {
            o.putNull("failure");
        }
        o.put("isPartialCancelable", true);
        o.put("totalAmount", p.totalAmount);
        o.put("balanceAmount", p.balanceAmount);
        long supplied = Math.round(p.totalAmount / 1.1);
        o.put("suppliedAmount", supplied);
        o.put("vat", p.totalAmount - supplied);
        o.put("taxFreeAmount", 0);
        o.put("taxExemptionAmount", 0);
        return o;
    }

    private static String time(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, KST).format(TOSS_TIME);
    }

    private static String callbackNow() {
        return OffsetDateTime.now(KST).toLocalDateTime().format(CALLBACK_TIME);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Plumbing

    private static String transactionKey() {
        return random("0123456789ABCDEF", 32);
    }

    private static String random(String alphabet, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

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

    private static JsonNode readJson(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                return null;
            }
            JsonNode node = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        return node == null || !node.isTextual() ? null : node.asText();
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

    private static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("code", code).put("message", message);
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        respondRaw(exchange, answer.status(), JSON.writeValueAsBytes(answer.body()), null);
    }

    /** Sends the answer, first stalling if the request's fault says to drop the response. */
    private static void respondRaw(HttpExchange exchange, int status, byte[] body, Fault fault) {
        if (fault != null && fault.stall() != null && !sleep(fault.stall())) {
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException clientGone) {
            // the client timed out and hung up while we stalled: nothing to tell it
        }
    }
}
