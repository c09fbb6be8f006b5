package dev.madang.aws.toss;

import com.sun.net.httpserver.HttpServer;
import dev.madang.domain.payment.PaymentGatewayUnavailable;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.domain.payment.PgPayment;
import dev.madang.domain.payment.PgStatus;
import dev.madang.domain.payment.RefundAccount;
import dev.madang.localstack.TossSandbox;
import dev.madang.localstack.TossSandbox.Endpoint;
import dev.madang.localstack.TossSandbox.PayMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The real adapter over real HTTP against {@link TossSandbox}, failures included; webhooks to a real receiver. */
class TossPaymentsTest {

    static final String SECRET_KEY = "test_sk_madang_0123456789abcdef";

    static TossSandbox sandbox;
    /** Patient enough for a loaded build machine; backoff kept tiny so retry tests stay fast. */
    static TossPayments toss;
    /** Gives up on an attempt after 700 ms, for the lost-response tests. */
    static TossPayments impatient;
    static HttpServer receiver;
    static final List<String> webhooks = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        sandbox = TossSandbox.start(SECRET_KEY);
        toss = new TossPayments(sandbox.baseUrl(), SECRET_KEY, new TossPayments.Settings(
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(10)));
        impatient = new TossPayments(sandbox.baseUrl(), SECRET_KEY, new TossPayments.Settings(
                Duration.ofSeconds(2), Duration.ofMillis(700), Duration.ofMillis(10)));
        // the webhook receiver a Madang route would be: records each body, answers 200
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/webhooks/toss", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                webhooks.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        sandbox.webhookUrl(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/toss"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    @BeforeEach
    void clean() {
        sandbox.reset();
        webhooks.clear();
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    static String order() {
        return "order-" + UUID.randomUUID();
    }

    // --- confirm ---------------------------------------------------------------------------------------------------

    @Test
    void a_card_confirm_approves_the_payment() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 55_000, PayMethod.CARD);

        PgPayment paid = toss.confirm(paymentKey, orderId, 55_000, key());

        assertThat(paid.paymentKey()).isEqualTo(paymentKey);
        assertThat(paid.orderId()).isEqualTo(orderId);
        assertThat(paid.status()).isEqualTo(PgStatus.DONE);
        assertThat(paid.method()).isEqualTo(PgPayment.CARD);
        assertThat(paid.totalAmount()).isEqualTo(55_000);
        assertThat(paid.balanceAmount()).isEqualTo(55_000);
        assertThat(paid.approvedAt()).isCloseTo(Instant.now(), within(Duration.ofSeconds(30).toMillis(),
                java.time.temporal.ChronoUnit.MILLIS));
        assertThat(paid.virtualAccount()).isNull();
        assertThat(paid.depositSecret()).isNull();
        assertThat(paid.cancels()).isEmpty();
        assertThat(sandbox.effectCount(Endpoint.CONFIRM)).isEqualTo(1);
        assertThat(toss.payment(paymentKey)).isEqualTo(paid);
        assertThat(toss.paymentOfOrder(orderId)).contains(paid);
    }

    @Test
    void a_confirm_with_another_amount_is_refused_and_approves_nothing() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 55_000, PayMethod.CARD);

        assertThatThrownBy(() -> toss.confirm(paymentKey, orderId, 5_500, key()))
                .isInstanceOfSatisfying(PaymentRefused.class, e -> assertThat(e.code()).isEqualTo("INVALID_REQUEST"));

        assertThat(sandbox.effectCount(Endpoint.CONFIRM)).isZero();
        assertThat(sandbox.requestCount(Endpoint.CONFIRM)).isEqualTo(1); // a refusal is not retried
        assertThat(toss.payment(paymentKey).status()).isEqualTo(PgStatus.IN_PROGRESS);
        assertThat(toss.payment(paymentKey).approvedAt()).isNull();
    }

    @Test
    void a_double_clicked_confirm_with_one_key_approves_once_and_answers_the_same() throws Exception {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 30_000, PayMethod.CARD);
        String key = key();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Callable<PgPayment> click = () -> {
            go.await();
            return toss.confirm(paymentKey, orderId, 30_000, key);
        };
        Future<PgPayment> first = pool.submit(click);
        Future<PgPayment> second = pool.submit(click);
        go.countDown();

        PgPayment a = first.get(20, TimeUnit.SECONDS);
        PgPayment b = second.get(20, TimeUnit.SECONDS);
        PgPayment third = toss.confirm(paymentKey, orderId, 30_000, key);
        pool.shutdown();

        assertThat(a).isEqualTo(b).isEqualTo(third);
        assertThat(a.status()).isEqualTo(PgStatus.DONE);
        assertThat(sandbox.effectCount(Endpoint.CONFIRM)).isEqualTo(1);
        assertThat(sandbox.requestCount(Endpoint.CONFIRM)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_confirm_whose_answer_is_lost_after_approval_is_retried_with_the_same_key_and_approves_once() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 42_000, PayMethod.CARD);
        // the sandbox approves, then holds the answer far past the adapter's 700 ms timeout
        sandbox.dropResponseNext(Endpoint.CONFIRM, 1, Duration.ofSeconds(5));

        PgPayment paid = impatient.confirm(paymentKey, orderId, 42_000, key());

        assertThat(paid.status()).isEqualTo(PgStatus.DONE);
        assertThat(paid.totalAmount()).isEqualTo(42_000);
        assertThat(sandbox.requestCount(Endpoint.CONFIRM)).isEqualTo(2);
        assertThat(sandbox.effectCount(Endpoint.CONFIRM)).isEqualTo(1);
        // the retry was answered from the Idempotency-Key, not reconciled by a lookup
        assertThat(sandbox.requestCount(Endpoint.PAYMENT)).isZero();
        assertThat(toss.payment(paymentKey).status()).isEqualTo(PgStatus.DONE);
    }

    @Test
    void when_every_answer_is_lost_the_failure_says_the_outcome_is_unknown_and_a_later_retry_settles_it() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 42_000, PayMethod.CARD);
        String key = key();
        sandbox.dropResponseNext(Endpoint.CONFIRM, 3, Duration.ofSeconds(3));

        assertThatThrownBy(() -> impatient.confirm(paymentKey, orderId, 42_000, key))
                .isInstanceOfSatisfying(PaymentGatewayUnavailable.class,
                        e -> assertThat(e.outcomeUnknown()).isTrue());
        assertThat(sandbox.effectCount(Endpoint.CONFIRM)).isEqualTo(1);

        // the workflow's own retry, later, same key
        PgPayment paid = toss.confirm(paymentKey, orderId, 42_000, key);
        assertThat(paid.status()).isEqualTo(PgStatus.DONE);
        assertThat(sandbox.effectCount(Endpoint.CONFIRM)).isEqualTo(1);
    }

    @Test
    void already_processed_payment_under_another_key_is_reconciled_by_reading_the_payment() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 20_000, PayMethod.CARD);
        PgPayment first = toss.confirm(paymentKey, orderId, 20_000, key());

        PgPayment again = toss.confirm(paymentKey, orderId, 20_000, key());

        assertThat(again).isEqualTo(first);
        assertThat(sandbox.effectCount(Endpoint.CONFIRM)).isEqualTo(1);
        assertThat(sandbox.requestCount(Endpoint.CONFIRM)).isEqualTo(2);
        assertThat(sandbox.requestCount(Endpoint.PAYMENT)).isEqualTo(1); // the reconciling GET
    }

    @Test
    void already_processed_payment_for_another_amount_is_a_refusal() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 20_000, PayMethod.CARD);
        toss.confirm(paymentKey, orderId, 20_000, key());

        assertThatThrownBy(() -> toss.confirm(paymentKey, orderId, 19_000, key()))
                .isInstanceOfSatisfying(PaymentRefused.class,
                        e -> assertThat(e.code()).isEqualTo("ALREADY_PROCESSED_PAYMENT"));
    }

    @Test
    void a_key_reused_for_another_payment_is_caught_not_taken_as_an_approval() {
        String key = key();
        String orderA = order();
        String orderB = order();
        String paymentA = sandbox.authorize(orderA, 10_000, PayMethod.CARD);
        String paymentB = sandbox.authorize(orderB, 10_000, PayMethod.CARD);
        toss.confirm(paymentA, orderA, 10_000, key);

        // Toss scopes a key to the path, so it replays A's answer
        assertThatThrownBy(() -> toss.confirm(paymentB, orderB, 10_000, key))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("idempotency key");
        assertThat(toss.payment(paymentB).status()).isEqualTo(PgStatus.IN_PROGRESS);
    }

    @Test
    void a_declined_card_is_a_refusal_and_the_payment_is_aborted() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 20_000, PayMethod.CARD);
        sandbox.fail(paymentKey);

        assertThatThrownBy(() -> toss.confirm(paymentKey, orderId, 20_000, key()))
                .isInstanceOfSatisfying(PaymentRefused.class,
                        e -> assertThat(e.code()).isEqualTo("REJECT_CARD_PAYMENT"));
        assertThat(toss.payment(paymentKey).status()).isEqualTo(PgStatus.ABORTED);
        assertThat(sandbox.effectCount(Endpoint.CONFIRM)).isZero();
    }

    @Test
    void an_expired_payment_window_is_a_refusal() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 20_000, PayMethod.CARD);
        sandbox.expire(paymentKey);

        assertThatThrownBy(() -> toss.confirm(paymentKey, orderId, 20_000, key()))
                .isInstanceOfSatisfying(PaymentRefused.class,
                        e -> assertThat(e.code()).isEqualTo("NOT_FOUND_PAYMENT_SESSION"));
        assertThat(toss.payment(paymentKey).status()).isEqualTo(PgStatus.EXPIRED);
    }

    // --- transient failures -----------------------------------------------------------------------------------------

    @Test
    void server_errors_then_success_are_retried_with_the_same_key() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 20_000, PayMethod.CARD);
        sandbox.failNext(Endpoint.CONFIRM, 1, 503).failNext(Endpoint.CONFIRM, 1, 400, "PROVIDER_ERROR");

        PgPayment paid = toss.confirm(paymentKey, orderId, 20_000, key());

        assertThat(paid.status()).isEqualTo(PgStatus.DONE);
        assertThat(sandbox.requestCount(Endpoint.CONFIRM)).isEqualTo(3);
        assertThat(sandbox.effectCount(Endpoint.CONFIRM)).isEqualTo(1);
    }

    @Test
    void a_key_still_being_processed_and_rate_limits_are_waited_out() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 20_000, PayMethod.CARD);
        sandbox.failNext(Endpoint.CONFIRM, 1, 409, "IDEMPOTENT_REQUEST_PROCESSING").failNext(Endpoint.CONFIRM, 1, 429);

        assertThat(toss.confirm(paymentKey, orderId, 20_000, key()).status()).isEqualTo(PgStatus.DONE);
        assertThat(sandbox.requestCount(Endpoint.CONFIRM)).isEqualTo(3);
    }

    @Test
    void persistent_server_errors_end_in_unavailable_after_three_attempts() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 20_000, PayMethod.CARD);
        sandbox.failNext(Endpoint.CONFIRM, 10, 500);

        assertThatThrownBy(() -> toss.confirm(paymentKey, orderId, 20_000, key()))
                .isInstanceOfSatisfying(PaymentGatewayUnavailable.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue(); // a 5xx may come after the effect
                    assertThat(e).hasMessageContaining("3 attempts");
                });
        assertThat(sandbox.requestCount(Endpoint.CONFIRM)).isEqualTo(TossPayments.MAX_RETRIES + 1).isEqualTo(3);
        assertThat(sandbox.effectCount(Endpoint.CONFIRM)).isZero();
    }

    @Test
    void a_slow_lookup_is_retried_and_persistent_lookup_failures_leave_no_doubt() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 20_000, PayMethod.CARD);
        sandbox.delayNext(Endpoint.PAYMENT, 1, Duration.ofSeconds(2));
        assertThat(impatient.payment(paymentKey).status()).isEqualTo(PgStatus.IN_PROGRESS);
        assertThat(sandbox.requestCount(Endpoint.PAYMENT)).isEqualTo(2);

        sandbox.failNext(Endpoint.PAYMENT_OF_ORDER, 3, 502);
        assertThatThrownBy(() -> toss.paymentOfOrder(orderId))
                .isInstanceOfSatisfying(PaymentGatewayUnavailable.class,
                        e -> assertThat(e.outcomeUnknown()).isFalse()); // a read changes nothing
    }

    @Test
    void nobody_listening_is_unavailable_and_nothing_can_have_happened() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        TossPayments nowhere = new TossPayments(URI.create("http://127.0.0.1:" + closedPort), SECRET_KEY,
                new TossPayments.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(5)));

        assertThatThrownBy(() -> nowhere.confirm("pk", "order-1", 1_000, key()))
                .isInstanceOfSatisfying(PaymentGatewayUnavailable.class,
                        e -> assertThat(e.outcomeUnknown()).isFalse());
    }

    // --- virtual accounts and webhooks -----------------------------------------------------------------------------

    @Test
    void a_virtual_account_waits_for_its_deposit_then_the_deposit_callback_carries_its_secret() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 77_000, PayMethod.VIRTUAL_ACCOUNT, "공연 티켓 2매", "홍길동",
                Duration.ofHours(24));

        PgPayment issued = toss.confirm(paymentKey, orderId, 77_000, key());

        assertThat(issued.status()).isEqualTo(PgStatus.WAITING_FOR_DEPOSIT);
        assertThat(issued.isVirtualAccount()).isTrue();
        assertThat(issued.approvedAt()).isNull();
        PgPayment.VirtualAccount account = issued.virtualAccount();
        assertThat(account.accountNumber()).isNotBlank();
        assertThat(account.bankCode()).isEqualTo("20");
        assertThat(account.customerName()).isEqualTo("홍길동");
        assertThat(account.dueDate()).isCloseTo(Instant.now().plus(Duration.ofHours(24)),
                within(60_000, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(issued.depositSecret()).isNotBlank();
        assertThat(issued.toString()).doesNotContain(issued.depositSecret()).doesNotContain(account.accountNumber());

        // the confirm's PAYMENT_STATUS_CHANGED leaves asynchronously; webhooks go out in order, so a synchronous
        // one after it means it has arrived
        sandbox.sendStatusChanged(paymentKey);
        webhooks.clear();
        List<Integer> acknowledged = sandbox.deposit(paymentKey);

        assertThat(acknowledged).containsExactly(200);
        List<TossWebhooks.Event> events = webhooks.stream().map(TossWebhooks::parse).toList();
        assertThat(events).hasSize(2);
        TossWebhooks.DepositCallback callback = (TossWebhooks.DepositCallback) events.get(0);
        assertThat(callback.orderId()).isEqualTo(orderId);
        assertThat(callback.status()).isEqualTo(PgStatus.DONE);
        assertThat(callback.secretMatches(issued.depositSecret())).isTrue();
        assertThat(callback.createdAt()).isCloseTo(Instant.now(), within(60_000, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(events.get(1)).isEqualTo(new TossWebhooks.PaymentStatusChanged(paymentKey, orderId, PgStatus.DONE));

        PgPayment deposited = toss.payment(paymentKey);
        assertThat(deposited.status()).isEqualTo(PgStatus.DONE);
        assertThat(deposited.approvedAt()).isNotNull();
        assertThat(deposited.depositSecret()).isEqualTo(issued.depositSecret());
    }

    @Test
    void the_same_deposit_callback_can_arrive_seven_times_and_a_forged_one_does_not_match() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 10_000, PayMethod.VIRTUAL_ACCOUNT);
        sandbox.statusChangedWebhooks(false);
        try {
            PgPayment issued = toss.confirm(paymentKey, orderId, 10_000, key());
            webhooks.clear();
            assertThat(sandbox.deposit(paymentKey, 7)).hasSize(7).containsOnly(200);
            assertThat(webhooks).hasSize(7).containsOnly(webhooks.get(0)); // the very same body, seven times

            webhooks.clear();
            assertThat(sandbox.forgeDepositCallback(paymentKey)).isEqualTo(200);
            TossWebhooks.DepositCallback forged = (TossWebhooks.DepositCallback) TossWebhooks.parse(webhooks.get(0));
            assertThat(forged.orderId()).isEqualTo(orderId);
            assertThat(forged.secretMatches(issued.depositSecret())).isFalse();
        } finally {
            sandbox.statusChangedWebhooks(true);
        }
    }

    @Test
    void a_card_approval_posts_payment_status_changed() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 10_000, PayMethod.CARD);

        toss.confirm(paymentKey, orderId, 10_000, key());

        // delivered asynchronously, as Toss does; ask for one more to be sure the first has left the queue. Only this
        // payment's: an earlier test's webhook may still be on its way (a full build once saw one land here)
        sandbox.sendStatusChanged(paymentKey);
        List<String> mine = webhooks.stream().filter(body -> body.contains(paymentKey)).toList();
        assertThat(mine).hasSize(2);
        assertThat(mine.stream().map(TossWebhooks::parse).toList()).containsOnly(
                new TossWebhooks.PaymentStatusChanged(paymentKey, orderId, PgStatus.DONE));
        assertThat(sandbox.deliveries()).extracting(TossSandbox.Delivery::eventType)
                .containsOnly("PAYMENT_STATUS_CHANGED");
    }

    // --- cancels ----------------------------------------------------------------------------------------------------

    @Test
    void partial_then_full_cancel() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 20_000, PayMethod.CARD);
        toss.confirm(paymentKey, orderId, 20_000, key());

        PgPayment partly = toss.cancel(paymentKey, "좌석 1개 취소", 5_000L, null, key());
        assertThat(partly.status()).isEqualTo(PgStatus.PARTIAL_CANCELED);
        assertThat(partly.balanceAmount()).isEqualTo(15_000);
        assertThat(partly.canceledAmount()).isEqualTo(5_000);
        assertThat(partly.cancels()).singleElement().satisfies(c -> {
            assertThat(c.cancelAmount()).isEqualTo(5_000);
            assertThat(c.cancelReason()).isEqualTo("좌석 1개 취소");
            assertThat(c.canceledAt()).isNotNull();
        });

        assertThatThrownBy(() -> toss.cancel(paymentKey, "too much", 15_001L, null, key()))
                .isInstanceOfSatisfying(PaymentRefused.class,
                        e -> assertThat(e.code()).isEqualTo("NOT_CANCELABLE_AMOUNT"));

        PgPayment all = toss.cancel(paymentKey, "공연 취소", null, null, key());
        assertThat(all.status()).isEqualTo(PgStatus.CANCELED);
        assertThat(all.balanceAmount()).isZero();
        assertThat(all.cancels()).extracting(PgPayment.Cancel::cancelAmount).containsExactly(5_000L, 15_000L);

        assertThatThrownBy(() -> toss.cancel(paymentKey, "again", null, null, key()))
                .isInstanceOfSatisfying(PaymentRefused.class,
                        e -> assertThat(e.code()).isEqualTo("ALREADY_CANCELED_PAYMENT"));
        assertThat(sandbox.effectCount(Endpoint.CANCEL)).isEqualTo(2);
    }

    @Test
    void a_cancel_whose_answer_is_lost_is_retried_with_the_same_key_and_refunds_once() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 20_000, PayMethod.CARD);
        toss.confirm(paymentKey, orderId, 20_000, key());
        String key = key();
        sandbox.dropResponseNext(Endpoint.CANCEL, 1, Duration.ofSeconds(5));

        PgPayment refunded = impatient.cancel(paymentKey, "부분 환불", 3_000L, null, key);
        PgPayment clickedAgain = toss.cancel(paymentKey, "부분 환불", 3_000L, null, key);

        assertThat(refunded.balanceAmount()).isEqualTo(17_000);
        assertThat(clickedAgain).isEqualTo(refunded);
        assertThat(sandbox.effectCount(Endpoint.CANCEL)).isEqualTo(1);
        assertThat(toss.payment(paymentKey).balanceAmount()).isEqualTo(17_000);
    }

    @Test
    void concurrent_partial_cancels_never_refund_more_than_was_paid() throws Exception {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 20_000, PayMethod.CARD);
        toss.confirm(paymentKey, orderId, 20_000, key());
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger refunded = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            done.add(pool.submit(() -> {
                go.await();
                try {
                    toss.cancel(paymentKey, "부분 환불", 3_000L, null, key());
                    refunded.incrementAndGet();
                } catch (PaymentRefused e) {
                    assertThat(e.code()).isEqualTo("NOT_CANCELABLE_AMOUNT");
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        PgPayment after = toss.payment(paymentKey);
        System.out.printf("concurrent partial cancels: %d refunded, %d refused, balance %d%n", refunded.get(),
                refused.get(), after.balanceAmount());
        assertThat(refunded.get()).isEqualTo(6);
        assertThat(refused.get()).isEqualTo(4);
        assertThat(after.balanceAmount()).isEqualTo(2_000).isGreaterThanOrEqualTo(0);
        assertThat(after.cancels()).hasSize(6);
        assertThat(after.cancels().stream().mapToLong(PgPayment.Cancel::cancelAmount).sum())
                .isEqualTo(18_000).isLessThanOrEqualTo(after.totalAmount());
        assertThat(sandbox.effectCount(Endpoint.CANCEL)).isEqualTo(6);
    }

    @Test
    void a_deposited_virtual_account_is_refunded_to_the_customers_account() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 30_000, PayMethod.VIRTUAL_ACCOUNT);
        toss.confirm(paymentKey, orderId, 30_000, key());
        sandbox.deposit(paymentKey);

        assertThatThrownBy(() -> toss.cancel(paymentKey, "환불", null, null, key()))
                .isInstanceOfSatisfying(PaymentRefused.class,
                        e -> assertThat(e.code()).isEqualTo("INVALID_REFUND_ACCOUNT_INFO"));

        RefundAccount account = new RefundAccount("88", "110123456789", "홍길동");
        PgPayment refunded = toss.cancel(paymentKey, "환불", null, account, key());

        assertThat(refunded.status()).isEqualTo(PgStatus.CANCELED);
        assertThat(refunded.balanceAmount()).isZero();
        assertThat(sandbox.refundAccountOf(paymentKey)).isEqualTo(Map.of("bank", "88",
                "accountNumber", "110123456789", "holderName", "홍길동"));
        assertThat(account.toString()).doesNotContain("110123456789").contains("****6789");
    }

    @Test
    void a_virtual_account_not_yet_deposited_is_closed_without_a_refund_account() {
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 30_000, PayMethod.VIRTUAL_ACCOUNT);
        toss.confirm(paymentKey, orderId, 30_000, key());

        PgPayment closed = toss.cancel(paymentKey, "입금 기한 전 주문 취소", null, null, key());

        assertThat(closed.status()).isEqualTo(PgStatus.CANCELED);
        assertThatThrownBy(() -> sandbox.deposit(paymentKey)).isInstanceOf(IllegalStateException.class);
    }

    // --- lookups and configuration ----------------------------------------------------------------------------------

    @Test
    void lookups_of_unknown_payments() {
        assertThat(toss.paymentOfOrder("order-nobody-paid")).isEmpty();
        assertThatThrownBy(() -> toss.payment("sbx_unknown"))
                .isInstanceOfSatisfying(PaymentRefused.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND_PAYMENT"));
        assertThatThrownBy(() -> toss.cancel("sbx_unknown", "x", null, null, key()))
                .isInstanceOfSatisfying(PaymentRefused.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND_PAYMENT"));
    }

    @Test
    void a_wrong_secret_key_is_a_misconfiguration_and_the_key_is_never_shown() {
        String wrongKey = "test_sk_wrong_key_987654321";
        TossPayments misconfigured = new TossPayments(sandbox.baseUrl(), wrongKey, new TossPayments.Settings(
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(10)));
        String orderId = order();
        String paymentKey = sandbox.authorize(orderId, 10_000, PayMethod.CARD);

        assertThatThrownBy(() -> misconfigured.confirm(paymentKey, orderId, 10_000, key()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UNAUTHORIZED_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongKey).doesNotContain(SECRET_KEY)
                        .doesNotContain(java.util.Base64.getEncoder().encodeToString((wrongKey + ":").getBytes())));
        assertThat(sandbox.requestCount(Endpoint.CONFIRM)).isEqualTo(1); // not retried
        assertThat(sandbox.effectCount(Endpoint.CONFIRM)).isZero();
        assertThat(misconfigured.toString()).doesNotContain(wrongKey);
        assertThatThrownBy(() -> new TossPayments(sandbox.baseUrl(), "test_sk_with\nnewline"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("test_sk_with");
    }

    @Test
    void the_sandbox_checkout_redirects_like_the_payment_window() throws Exception {
        java.net.http.HttpClient browser = java.net.http.HttpClient.newHttpClient();
        String orderId = order();
        URI checkout = URI.create(sandbox.baseUrl() + "/sandbox/checkout?orderId=" + orderId
                + "&amount=15000&method=CARD&successUrl=http%3A%2F%2Flocalhost%2Fsuccess&failUrl=http%3A%2F%2Flocalhost%2Ffail");

        java.net.http.HttpResponse<Void> redirect = browser.send(java.net.http.HttpRequest.newBuilder(checkout).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://localhost/success?paymentKey=").contains("&orderId=" + orderId)
                .endsWith("&amount=15000");
        String paymentKey = location.substring(location.indexOf("paymentKey=") + 11, location.indexOf("&orderId"));
        assertThat(toss.confirm(paymentKey, orderId, 15_000, key()).status()).isEqualTo(PgStatus.DONE);
    }
    @Test
    void the_local_runner_can_authorise_and_deposit_over_http() throws Exception {
        java.net.http.HttpClient curl = java.net.http.HttpClient.newHttpClient();
        String orderId = order();
        java.net.http.HttpResponse<String> created = curl.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/sandbox/payments"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"orderId\":\"" + orderId
                        + "\",\"amount\":12000,\"method\":\"VIRTUAL_ACCOUNT\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String paymentKey = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body())
                .get("paymentKey").asText();
        assertThat(toss.confirm(paymentKey, orderId, 12_000, key()).status()).isEqualTo(PgStatus.WAITING_FOR_DEPOSIT);

        java.net.http.HttpResponse<String> deposited = curl.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/sandbox/payments/" + paymentKey + "/deposit"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"times\":2}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(deposited.statusCode()).isEqualTo(200);
        assertThat(deposited.body()).contains("\"webhookStatuses\":[200,200]").contains("\"status\":\"DONE\"");
        assertThat(toss.payment(paymentKey).status()).isEqualTo(PgStatus.DONE);
        assertThat(sandbox.deliveries()).filteredOn(d -> d.eventType().equals("DEPOSIT_CALLBACK")).hasSize(2)
                .allSatisfy(d -> assertThat(d.orderId()).isEqualTo(orderId));
    }
}
