package dev.madang.api;

import dev.madang.localstack.PaymentInvariants;
import dev.madang.localstack.TossSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Orders and payments over HTTP, end to end: our API, the real payment state machine on the local Step Functions
 * stand-in, the payment steps on the local Lambda endpoint, and the Toss sandbox behind the real adapter.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class PaymentsApiTest {

    static final String REFUND_ACCOUNT_NUMBER = "110" + (100_000_000 + new java.util.Random().nextInt(899_999_999));

    static TossSandbox toss() {
        return LocalAwsResource.toss;
    }

    static RequestSpecification as(String fan) {
        return given().auth().oauth2(TestTokens.fan(fan)).contentType(ContentType.JSON);
    }

    /** The rounds this test ordered on: their payment invariants are checked after it. */
    static final List<String> ROUNDS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void webhooksReachThisApi() {
        toss().webhookUrl(URI.create("http://localhost:" + RestAssured.port + "/v1/hooks/toss"));
        ROUNDS.clear();
    }

    /** Whatever a test did over HTTP, seats, orders, tickets and the money at the PG agree once it is done. */
    @AfterEach
    void invariantsHold() {
        PaymentInvariants invariants = PaymentInvariants.of(LocalAwsResource.aws, toss());
        for (String round : ROUNDS) {
            System.out.println("payment invariants of round " + round + ": "
                    + invariants.check(round, Instant.now()).assertHolds());
        }
    }

    /** A hold of two VIP seats (170,000 each) on a fresh round, and the order for it. */
    static Map<String, Object> orderFor(String fan, String method) {
        String round = HoldsApiTest.roundOnSale(true);
        ROUNDS.add(round);
        String holdId = as(fan).body(Map.of("roundId", round, "seatIds", List.of("A-1-1", "A-1-2")))
                .post("/v1/holds").then().statusCode(201).extract().path("holdId");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("holdId", holdId, "method", method));
        if (method.equals("VIRTUAL_ACCOUNT")) {
            body.put("refundAccount", Map.of("bankCode", "088", "accountNumber", REFUND_ACCOUNT_NUMBER,
                    "holderName", "김팬"));
        }
        return as(fan).body(body).post("/v1/orders").then().statusCode(201)
                .body("amount", equalTo(340000)).body("status", equalTo("AWAITING_PAYMENT"))
                .body("orderName", notNullValue()).extract().as(Map.class);
    }

    static ValidatableResponse pay(String fan, String orderId, String paymentKey, long amount) {
        return as(fan).body(Map.of("paymentKey", paymentKey, "amount", amount))
                .post("/v1/orders/" + orderId + "/payment").then();
    }

    static String status(String fan, String orderId) {
        return as(fan).get("/v1/orders/" + orderId).then().statusCode(200).extract().path("status");
    }

    @Test
    void a_card_payment_ends_in_a_paid_order_with_one_ticket_per_seat() {
        Map<String, Object> order = orderFor("pay-card", "CARD");
        String orderId = (String) order.get("orderId");
        // the same hold ordered again: the same order, not a second one
        as("pay-card").body(Map.of("holdId", orderId, "method", "CARD")).post("/v1/orders").then().statusCode(201)
                .body("orderId", equalTo(orderId));

        String paymentKey = toss().authorize(orderId, 340000, TossSandbox.PayMethod.CARD);
        int confirmsBefore = toss().effectCount(TossSandbox.Endpoint.CONFIRM);
        pay("pay-card", orderId, paymentKey, 340000).statusCode(200).body("status", equalTo("PAID"))
                .body("tickets", hasSize(2)).body("tickets[0].price", equalTo(170000));
        assertThat(toss().effectCount(TossSandbox.Endpoint.CONFIRM) - confirmsBefore).isEqualTo(1);

        as("pay-card").get("/v1/tickets").then().statusCode(200).body("items", hasSize(2));
        as("pay-card").get("/v1/orders").then().statusCode(200).body("items[0].orderId", equalTo(orderId));
        // the seats are sold: nobody can hold them now
        CatalogApiTest.problem(as("someone-else").body(Map.of("roundId", order.get("roundId"), "seatIds",
                List.of("A-1-1"))).post("/v1/holds").then(), 409);
    }

    @Test
    void a_double_clicked_confirm_confirms_once_and_answers_both_clicks_alike() throws Exception {
        String orderId = (String) orderFor("pay-double", "CARD").get("orderId");
        String paymentKey = toss().authorize(orderId, 340000, TossSandbox.PayMethod.CARD);
        int confirmsBefore = toss().effectCount(TossSandbox.Endpoint.CONFIRM);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> clicks = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                clicks.add(pool.submit(() -> pay("pay-double", orderId, paymentKey, 340000).statusCode(200)
                        .extract().body().asString()));
            }
            String first = clicks.get(0).get();
            assertThat(clicks.get(1).get()).isEqualTo(first);
            assertThat(first).contains("\"status\":\"PAID\"");
        } finally {
            pool.shutdownNow();
        }
        assertThat(toss().effectCount(TossSandbox.Endpoint.CONFIRM) - confirmsBefore).isEqualTo(1);
    }

    @Test
    void a_status_webhook_before_the_fan_returns_changes_nothing_and_the_payment_then_completes() {
        String orderId = (String) orderFor("pay-early-hook", "CARD").get("orderId");
        String paymentKey = toss().authorize(orderId, 340000, TossSandbox.PayMethod.CARD);
        // Toss tells us about the payment before the fan's browser is back with the key
        assertThat(toss().sendStatusChanged(paymentKey)).isEqualTo(200);
        assertThat(status("pay-early-hook", orderId)).isEqualTo("AWAITING_PAYMENT");
        pay("pay-early-hook", orderId, paymentKey, 340000).statusCode(200).body("status", equalTo("PAID"));
        assertThat(toss().sendStatusChanged(paymentKey)).isEqualTo(200); // and after: still one PAID order
        as("pay-early-hook").get("/v1/orders/" + orderId).then().body("status", equalTo("PAID"))
                .body("tickets", hasSize(2));
    }

    @Test
    void a_deposit_heard_of_only_after_the_deadline_is_refunded_to_the_named_account_and_the_seats_go_back() {
        Map<String, Object> order = orderFor("pay-late", "VIRTUAL_ACCOUNT");
        String orderId = (String) order.get("orderId");
        // a deadline a few seconds away (room for the confirm on a busy machine, no long wait)
        String paymentKey = toss().authorize(orderId, 340000, TossSandbox.PayMethod.VIRTUAL_ACCOUNT, null, "김팬",
                Duration.ofSeconds(10));
        // no word from Toss reaches us before the deadline: not even the status change its confirm would announce
        // (a status change is re-read from Toss, and would rightly find the deposit and complete the booking)
        toss().statusChangedWebhooks(false);
        try {
            pay("pay-late", orderId, paymentKey, 340000).statusCode(200).body("status", equalTo("AWAITING_DEPOSIT"));
            toss().deposit(paymentKey, 0); // the money reaches Toss; its callbacks are late
            await().atMost(Duration.ofSeconds(45)).until(() -> status("pay-late", orderId),
                    org.hamcrest.Matchers.equalTo("REFUNDED"));
        } finally {
            toss().statusChangedWebhooks(true);
        }
        String secret = toss().paymentJson(paymentKey).path("secret").asText();
        assertThat(toss().paymentJson(paymentKey).path("status").asText()).isEqualTo("CANCELED");
        assertThat(toss().refundAccountOf(paymentKey)).containsValue(REFUND_ACCOUNT_NUMBER);

        // the late DEPOSIT_CALLBACK, as Toss posts it: verified, and changes nothing any more
        given().contentType(ContentType.JSON).body(Map.of("createdAt", "2026-11-26T12:00:00.000000",
                "secret", secret, "status", "DONE", "transactionKey", "late-1", "orderId", orderId))
                .post("/v1/hooks/toss").then().statusCode(200);
        as("pay-late").get("/v1/orders/" + orderId).then().body("status", equalTo("REFUNDED"))
                .body("tickets", hasSize(0));
        // the seats were given back at the deadline: someone else holds them now, and nobody was sold them twice
        as("pay-late-next").body(Map.of("roundId", order.get("roundId"), "seatIds", List.of("A-1-1", "A-1-2")))
                .post("/v1/holds").then().statusCode(201);
    }

    @Test
    void a_tampered_amount_is_refused_and_the_pg_never_called() {
        String orderId = (String) orderFor("pay-tamper", "CARD").get("orderId");
        String paymentKey = toss().authorize(orderId, 1000, TossSandbox.PayMethod.CARD);
        int requests = toss().requestCount(TossSandbox.Endpoint.CONFIRM);
        CatalogApiTest.problem(pay("pay-tamper", orderId, paymentKey, 1000), 422)
                .body("type", endsWith("amount-mismatch"));
        assertThat(toss().requestCount(TossSandbox.Endpoint.CONFIRM)).isEqualTo(requests);
        assertThat(status("pay-tamper", orderId)).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void a_virtual_account_order_needs_a_refund_account_and_a_known_method() {
        String round = HoldsApiTest.roundOnSale(true);
        String holdId = as("pay-va-bad").body(Map.of("roundId", round, "seatIds", List.of("A-1-1")))
                .post("/v1/holds").then().statusCode(201).extract().path("holdId");
        CatalogApiTest.problem(as("pay-va-bad").body(Map.of("holdId", holdId, "method", "VIRTUAL_ACCOUNT"))
                .post("/v1/orders").then(), 400).body("errors[0].field", equalTo("refundAccount"));
        CatalogApiTest.problem(as("pay-va-bad").body(Map.of("holdId", holdId, "method", "VIRTUAL_ACCOUNT",
                "refundAccount", Map.of("bankCode", "088", "accountNumber", "12-34", "holderName", "김팬")))
                .post("/v1/orders").then(), 400).body("errors[0].field", equalTo("refundAccount"));
        CatalogApiTest.problem(as("pay-va-bad").body(Map.of("holdId", holdId, "method", "BITCOIN"))
                .post("/v1/orders").then(), 400);
        CatalogApiTest.problem(given().auth().oauth2(TestTokens.unverifiedFan("pay-va-bad")).contentType(ContentType.JSON)
                .body(Map.of("holdId", holdId, "method", "CARD")).post("/v1/orders").then(), 403);
        // nothing was made: the hold can still be ordered properly
        as("pay-va-bad").body(Map.of("holdId", holdId, "method", "CARD")).post("/v1/orders").then().statusCode(201);
    }

    @Test
    void another_fans_order_is_not_found() {
        String orderId = (String) orderFor("pay-owner", "CARD").get("orderId");
        CatalogApiTest.problem(as("pay-intruder").get("/v1/orders/" + orderId).then(), 404);
        CatalogApiTest.problem(pay("pay-intruder", orderId, "tviva-any-key", 340000), 404);
        CatalogApiTest.problem(as("pay-intruder").post("/v1/orders/" + orderId + "/cancellation").then(), 404);
        CatalogApiTest.problem(as("pay-intruder").body(Map.of("holdId", orderId, "method", "CARD"))
                .post("/v1/orders").then(), 404);
        assertThat(status("pay-owner", orderId)).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void a_lost_confirm_answer_is_retried_with_the_same_key_and_ends_in_one_paid_order() {
        String orderId = (String) orderFor("pay-lost", "CARD").get("orderId");
        String paymentKey = toss().authorize(orderId, 340000, TossSandbox.PayMethod.CARD);
        int confirmsBefore = toss().effectCount(TossSandbox.Endpoint.CONFIRM);
        // the sandbox approves, then holds its answer past the adapter's timeout
        toss().dropResponseNext(TossSandbox.Endpoint.CONFIRM, 1, Duration.ofSeconds(3));
        ValidatableResponse r = pay("pay-lost", orderId, paymentKey, 340000);
        await().atMost(Duration.ofSeconds(30)).until(() -> status("pay-lost", orderId).equals("PAID"));
        assertThat(toss().effectCount(TossSandbox.Endpoint.CONFIRM) - confirmsBefore).isEqualTo(1);
        as("pay-lost").get("/v1/orders/" + orderId).then().body("tickets", hasSize(2));
        assertThat(r.extract().statusCode()).isIn(200, 202);
    }

    @Test
    void a_cancelled_order_gives_its_seats_back() {
        Map<String, Object> order = orderFor("pay-cancel", "CARD");
        String orderId = (String) order.get("orderId");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> as("pay-cancel")
                .post("/v1/orders/" + orderId + "/cancellation").then().extract().statusCode() == 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> status("pay-cancel", orderId).equals("CANCELLED"));
        String round = (String) order.get("roundId");
        as("pay-other").body(Map.of("roundId", round, "seatIds", List.of("A-1-1", "A-1-2"))).post("/v1/holds")
                .then().statusCode(201);
    }

    @Test
    void the_pg_failing_past_every_retry_fails_the_order_cleanly_and_frees_the_seats() {
        String orderId = (String) orderFor("pay-down", "CARD").get("orderId");
        String round = as("pay-down").get("/v1/orders/" + orderId).then().extract().path("roundId");
        String paymentKey = toss().authorize(orderId, 340000, TossSandbox.PayMethod.CARD);
        int confirmsBefore = toss().requestCount(TossSandbox.Endpoint.CONFIRM);
        int approvedBefore = toss().effectCount(TossSandbox.Endpoint.CONFIRM);
        toss().failNext(TossSandbox.Endpoint.CONFIRM, 100, 500);
        try {
            pay("pay-down", orderId, paymentKey, 340000);
            await().atMost(Duration.ofSeconds(60)).until(() -> status("pay-down", orderId).equals("FAILED"));
            int confirms = toss().requestCount(TossSandbox.Endpoint.CONFIRM) - confirmsBefore;
            System.out.println("confirm requests while the PG was down: " + confirms);
            // bounded: the adapter's 3 attempts per step, times the workflow's 1 + 3 retries
            assertThat(confirms).isBetween(3, 12);
            assertThat(toss().effectCount(TossSandbox.Endpoint.CONFIRM) - approvedBefore).isZero();
        } finally {
            toss().reset(); // the remaining injected failures must not reach other tests
        }
        as("pay-else").body(Map.of("roundId", round, "seatIds", List.of("A-1-1"))).post("/v1/holds").then()
                .statusCode(201);
    }

    @Test
    void a_virtual_account_is_paid_by_deposit_and_seven_callbacks_change_the_order_once() {
        String orderId = (String) orderFor("pay-va", "VIRTUAL_ACCOUNT").get("orderId");
        String paymentKey = toss().authorize(orderId, 340000, TossSandbox.PayMethod.VIRTUAL_ACCOUNT);
        pay("pay-va", orderId, paymentKey, 340000).statusCode(200).body("status", equalTo("AWAITING_DEPOSIT"))
                .body("payBy", notNullValue());

        // a forged callback: refused, nothing changes
        toss().forgeDepositCallback(paymentKey);
        assertThat(status("pay-va", orderId)).isEqualTo("AWAITING_DEPOSIT");
        CatalogApiTest.problem(given().contentType(ContentType.JSON).body(Map.of("createdAt", "2026-11-26T12:00:00",
                "secret", "forged", "status", "DONE", "transactionKey", "t", "orderId", orderId))
                .post("/v1/hooks/toss").then(), 401);

        List<Integer> deliveries = toss().deposit(paymentKey, 7);
        System.out.println("deposit callbacks answered: " + deliveries);
        await().atMost(Duration.ofSeconds(20)).until(() -> status("pay-va", orderId).equals("PAID"));
        as("pay-va").get("/v1/orders/" + orderId).then().body("tickets", hasSize(2));
        CatalogApiTest.problem(given().contentType(ContentType.JSON).body("{\"nonsense\":1}").post("/v1/hooks/toss")
                .then(), 400);
    }

    @Test
    void a_hold_whose_order_awaits_its_deposit_is_released_only_by_cancelling_the_order() {
        Map<String, Object> order = orderFor("pay-leaver", "VIRTUAL_ACCOUNT");
        String orderId = (String) order.get("orderId");
        String round = (String) order.get("roundId");
        String paymentKey = toss().authorize(orderId, 340000, TossSandbox.PayMethod.VIRTUAL_ACCOUNT);
        pay("pay-leaver", orderId, paymentKey, 340000).statusCode(200).body("status", equalTo("AWAITING_DEPOSIT"));

        // the fan leaves the page, and the client releases the hold as it would before ordering: refused, the
        // seats stay the order's, and nobody else can hold them
        CatalogApiTest.problem(as("pay-leaver").delete("/v1/holds/" + orderId).then(), 409)
                .body("type", endsWith("hold-has-order"));
        as("pay-leaver").get("/v1/holds/" + orderId).then().statusCode(200).body("status", equalTo("HELD"));
        CatalogApiTest.problem(as("pay-leaver-other").body(Map.of("roundId", round, "seatIds", List.of("A-1-1")))
                .post("/v1/holds").then(), 409);
        assertThat(status("pay-leaver", orderId)).isEqualTo("AWAITING_DEPOSIT");

        // cancelling the order is the way out: the account is closed at the PG and the seats go back
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> as("pay-leaver")
                .post("/v1/orders/" + orderId + "/cancellation").then().extract().statusCode() == 202);
        await().atMost(Duration.ofSeconds(15)).until(() -> status("pay-leaver", orderId).equals("CANCELLED"));
        assertThat(toss().paymentJson(paymentKey).path("status").asText()).isEqualTo("CANCELED");
        // the refused attempt above is remembered for a second (a seat that just failed is refused from memory)
        await().atMost(Duration.ofSeconds(5)).until(() -> as("pay-leaver-other").body(Map.of("roundId", round,
                "seatIds", List.of("A-1-1", "A-1-2"))).post("/v1/holds").then().extract().statusCode() == 201);
    }

    @Test
    void a_payment_key_issued_for_another_order_is_refused_and_the_order_stays_payable() {
        String dear = (String) orderFor("pay-tabs", "CARD").get("orderId");
        String cheapRound = HoldsApiTest.roundOnSale(true);
        ROUNDS.add(cheapRound);
        String cheapHold = as("pay-tabs").body(Map.of("roundId", cheapRound, "seatIds", List.of("A-1-1")))
                .post("/v1/holds").then().statusCode(201).extract().path("holdId");
        as("pay-tabs").body(Map.of("holdId", cheapHold, "method", "CARD")).post("/v1/orders").then().statusCode(201);
        String cheapKey = toss().authorize(cheapHold, 170000, TossSandbox.PayMethod.CARD);

        // the other tab's key, with this order's amount
        CatalogApiTest.problem(pay("pay-tabs", dear, cheapKey, 340000), 422)
                .body("type", endsWith("payment-key-mismatch")).body("errors[0].field", equalTo("paymentKey"));
        assertThat(status("pay-tabs", dear)).isEqualTo("AWAITING_PAYMENT");

        // both orders are still paid by their own keys
        pay("pay-tabs", dear, toss().authorize(dear, 340000, TossSandbox.PayMethod.CARD), 340000).statusCode(200)
                .body("status", equalTo("PAID"));
        pay("pay-tabs", cheapHold, cheapKey, 170000).statusCode(200).body("status", equalTo("PAID"));
    }
}
