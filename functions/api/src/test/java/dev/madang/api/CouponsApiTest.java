package dev.madang.api;

import dev.madang.localstack.TossSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.madang.api.TicketCancellationApiTest.PRICE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Coupons over HTTP with the real payment flow: an admin issues batches, fans claim them by code (Idempotency-Key
 * honoured) or by download, checkout applies one and fixes the discounted amount, a tampered amount is refused before
 * the PG is called, and the coupon comes back when the order closes unpaid or, if its batch says so, is cancelled.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class CouponsApiTest {

    static RequestSpecification as(String fan) {
        return given().auth().oauth2(TestTokens.fan(fan)).contentType(ContentType.JSON);
    }

    static TossSandbox toss() {
        return LocalAwsResource.toss;
    }

    @BeforeEach
    void webhooksReachThisApi() {
        toss().webhookUrl(URI.create("http://localhost:" + RestAssured.port + "/v1/hooks/toss"));
    }

    /** A batch body: 10% off, at most 30,000 won, one per fan, 20 in all, valid for a day. */
    static Map<String, Object> batchBody(String code) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "겨울 할인", "kind", "PERCENT", "value", 10,
                "maxDiscount", 30000, "minimumOrder", 100000, "perPerson", 1, "total", 20,
                "validFrom", OffsetDateTime.now().minusHours(1).toString(),
                "validUntil", OffsetDateTime.now().plusDays(1).toString()));
        if (code != null) {
            body.put("code", code);
        }
        return body;
    }

    static String issue(Map<String, Object> body) {
        return CatalogApiTest.admin().body(body).post("/v1/admin/coupon-batches").then().statusCode(201)
                .extract().path("terms.batchId");
    }

    static String code() {
        return "WIN-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    }

    static String claim(String fan, String code, String key) {
        return as(fan).header("Idempotency-Key", key).body(Map.of("code", code)).post("/v1/me/coupons").then()
                .statusCode(201).extract().path("couponId");
    }

    static String hold(String fan, String round, int seats) {
        List<String> ids = new java.util.ArrayList<>();
        for (int n = 1; n <= seats; n++) {
            ids.add("A-1-" + n);
        }
        return as(fan).body(Map.of("roundId", round, "seatIds", ids)).post("/v1/holds").then().statusCode(201)
                .extract().path("holdId");
    }

    static String couponStatus(String fan, String couponId) {
        List<Map<String, Object>> items = as(fan).get("/v1/me/coupons").then().statusCode(200).extract().path("items");
        return items.stream().filter(c -> c.get("couponId").equals(couponId)).map(c -> (String) c.get("status"))
                .findFirst().orElseThrow();
    }

    @Test
    void an_admin_issues_a_batch_and_fans_claim_it_by_code_once_each_within_its_rules() {
        String code = code();
        String batchId = issue(batchBody(code));
        // typed in lower case with blanks; the same Idempotency-Key again answers the same coupon
        String first = as("cp-kim").header("Idempotency-Key", "claim-1").body(Map.of("code", " " + code.toLowerCase() + " "))
                .post("/v1/me/coupons").then().statusCode(201).body("status", equalTo("AVAILABLE"))
                .body("terms.maxDiscount", equalTo(30000)).extract().path("couponId");
        assertThat(claim("cp-kim", code, "claim-1")).isEqualTo(first);
        // a second coupon of the batch is over the per-person limit of 1
        CatalogApiTest.problem(as("cp-kim").header("Idempotency-Key", "claim-2").body(Map.of("code", code))
                .post("/v1/me/coupons").then(), 409).body("type", endsWith("coupon-limit-reached"));
        as("cp-kim").get("/v1/me/coupons").then().statusCode(200).body("items", hasSize(1));
        CatalogApiTest.admin().get("/v1/admin/coupon-batches/" + batchId).then().statusCode(200)
                .body("claimed", equalTo(1)).body("code", equalTo(code));

        // another fan's wallet is their own; fans cannot issue or read batches; the code is unique
        as("cp-lee").get("/v1/me/coupons").then().statusCode(200).body("items", hasSize(0));
        CatalogApiTest.problem(as("cp-lee").body(batchBody(code())).post("/v1/admin/coupon-batches").then(), 403);
        CatalogApiTest.problem(as("cp-lee").get("/v1/admin/coupon-batches/" + batchId).then(), 403);
        CatalogApiTest.problem(CatalogApiTest.admin().body(batchBody(code)).post("/v1/admin/coupon-batches").then(), 409)
                .body("type", endsWith("coupon-code-taken"));
        // bad claims and batches name the field and write nothing
        CatalogApiTest.problem(as("cp-lee").body(Map.of("code", "NO-SUCH-CODE")).post("/v1/me/coupons").then(), 404);
        CatalogApiTest.problem(as("cp-lee").body(Map.of("code", code, "batchId", batchId)).post("/v1/me/coupons")
                .then(), 400);
        CatalogApiTest.problem(as("cp-lee").body(Map.of("batchId", batchId)).post("/v1/me/coupons").then(), 404);
        Map<String, Object> bad = batchBody(code());
        bad.put("value", 120);
        CatalogApiTest.problem(CatalogApiTest.admin().body(bad).post("/v1/admin/coupon-batches").then(), 400)
                .body("errors[0].field", equalTo("value"));
        bad.put("code", (String) null);
        bad.put("kind", "BOGO");
        CatalogApiTest.problem(CatalogApiTest.admin().body(bad).post("/v1/admin/coupon-batches").then(), 400)
                .body("errors[0].field", equalTo("kind"));
        as("cp-lee").get("/v1/me/coupons").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void a_downloadable_batch_is_listed_and_claimed_by_its_id() {
        Map<String, Object> body = batchBody(null);
        body.put("name", "다운로드 쿠폰 " + code());
        String batchId = issue(body);
        io.restassured.response.ExtractableResponse<?> list = given().get("/v1/coupon-batches").then().statusCode(200)
                .extract();
        assertThat(list.headers().getValues("Cache-Control")).contains("max-age=60", "public");
        List<String> listed = list.path("items.batchId");
        assertThat(listed).contains(batchId);
        as("cp-down").body(Map.of("batchId", batchId)).post("/v1/me/coupons").then().statusCode(201)
                .body("terms.batchId", equalTo(batchId));
        CatalogApiTest.problem(as("cp-down").body(Map.of("batchId", "not-an-id")).post("/v1/me/coupons").then(), 400);
    }

    @Test
    void checkout_fixes_the_discounted_amount_and_a_tampered_amount_never_reaches_the_pg() {
        String code = code();
        issue(batchBody(code));
        String couponId = claim("cp-pay", code, "k");
        String round = TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH);
        String holdId = hold("cp-pay", round, 2);
        // the client cannot name an amount; another fan cannot spend my coupon
        CatalogApiTest.problem(as("cp-pay").body(Map.of("holdId", holdId, "method", "CARD", "couponId", couponId,
                "amount", 1000)).post("/v1/orders").then(), 400).body("errors[0].field", equalTo("amount"));
        String strangerHold = hold("cp-stranger", TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH), 2);
        CatalogApiTest.problem(as("cp-stranger").body(Map.of("holdId", strangerHold, "method", "CARD",
                "couponId", couponId)).post("/v1/orders").then(), 404);
        assertThat(couponStatus("cp-pay", couponId)).isEqualTo("AVAILABLE");

        // 2 × 170,000 = 340,000; 10 % is 34,000, capped at 30,000
        String orderId = as("cp-pay").body(Map.of("holdId", holdId, "method", "CARD", "couponId", couponId))
                .post("/v1/orders").then().statusCode(201).body("seatsTotal", equalTo(340000))
                .body("amount", equalTo(310000)).body("discounts[0].source", equalTo("COUPON"))
                .body("discounts[0].amount", equalTo(30000)).extract().path("orderId");
        assertThat(couponStatus("cp-pay", couponId)).isEqualTo("USED");
        // the coupon serves one order
        String secondHold = hold("cp-pay", TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH), 1);
        CatalogApiTest.problem(as("cp-pay").body(Map.of("holdId", secondHold, "method", "CARD", "couponId", couponId))
                .post("/v1/orders").then(), 409).body("type", endsWith("coupon-used"));

        // the seats' full price is a tampered amount now: refused before the PG's confirm is called
        String paymentKey = toss().authorize(orderId, 340000, TossSandbox.PayMethod.CARD);
        int confirms = toss().requestCount(TossSandbox.Endpoint.CONFIRM);
        CatalogApiTest.problem(as("cp-pay").body(Map.of("paymentKey", paymentKey, "amount", 340000))
                .post("/v1/orders/" + orderId + "/payment").then(), 422).body("type", endsWith("amount-mismatch"));
        assertThat(toss().requestCount(TossSandbox.Endpoint.CONFIRM)).isEqualTo(confirms);

        String rightKey = toss().authorize(orderId, 310000, TossSandbox.PayMethod.CARD);
        List<Integer> prices = as("cp-pay").body(Map.of("paymentKey", rightKey, "amount", 310000))
                .post("/v1/orders/" + orderId + "/payment").then().statusCode(200).body("status", equalTo("PAID"))
                .extract().path("tickets.price");
        // each ticket carries its share of what was paid, so a cancellation refunds that
        assertThat(prices).containsExactly(155000, 155000);
    }

    @Test
    void a_coupon_that_does_not_apply_is_refused_and_stays_in_the_wallet() {
        Map<String, Object> body = batchBody(code());
        body.put("performanceIds", List.of("01J0000000000000000000000Z"));
        String code = (String) body.get("code");
        issue(body);
        String couponId = claim("cp-elsewhere", code, "k");
        String holdId = hold("cp-elsewhere", TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH), 1);
        CatalogApiTest.problem(as("cp-elsewhere").body(Map.of("holdId", holdId, "method", "CARD", "couponId", couponId))
                .post("/v1/orders").then(), 422).body("type", endsWith("coupon-not-applicable"))
                .body("errors[0].field", equalTo("couponId"));
        CatalogApiTest.problem(as("cp-elsewhere").body(Map.of("holdId", holdId, "method", "CARD", "couponId", "x"))
                .post("/v1/orders").then(), 400);
        assertThat(couponStatus("cp-elsewhere", couponId)).isEqualTo("AVAILABLE");
        // the hold was not taken by the refused orders: it can be ordered without the coupon
        as("cp-elsewhere").body(Map.of("holdId", holdId, "method", "CARD")).post("/v1/orders").then().statusCode(201)
                .body("amount", equalTo((int) PRICE));
    }

    @Test
    void the_coupon_returns_when_the_order_closes_unpaid_or_is_cancelled_in_full_if_its_batch_says_so() {
        Map<String, Object> body = batchBody(code());
        body.put("returnOnCancel", true);
        String code = (String) body.get("code");
        issue(body);
        String couponId = claim("cp-back", code, "k");

        // given up before paying: back in the wallet
        String holdId = hold("cp-back", TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH), 1);
        String unpaid = as("cp-back").body(Map.of("holdId", holdId, "method", "CARD", "couponId", couponId))
                .post("/v1/orders").then().statusCode(201).body("amount", equalTo(153000)).extract().path("orderId");
        as("cp-back").post("/v1/orders/" + unpaid + "/cancellation").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> couponStatus("cp-back", couponId).equals("AVAILABLE"));

        // paid with it (3 seats: 510,000 less 30,000), then cancelled ticket by ticket: each refund is the ticket's
        // share, and the coupon returns only once every ticket is cancelled
        String round = TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH);
        String orderId = as("cp-back").body(Map.of("holdId", hold("cp-back", round, 3), "method", "CARD",
                "couponId", couponId)).post("/v1/orders").then().statusCode(201).body("amount", equalTo(480000))
                .extract().path("orderId");
        String key = toss().authorize(orderId, 480000, TossSandbox.PayMethod.CARD);
        List<String> tickets = as("cp-back").body(Map.of("paymentKey", key, "amount", 480000))
                .post("/v1/orders/" + orderId + "/payment").then().statusCode(200).body("status", equalTo("PAID"))
                .extract().path("tickets.ticketId");
        as("cp-back").header("Idempotency-Key", "c1").body(Map.of("ticketIds", tickets.subList(0, 1)))
                .post(TicketCancellationApiTest.cancellations(orderId)).then().statusCode(201)
                .body("refund", equalTo(160000));
        assertThat(couponStatus("cp-back", couponId)).isEqualTo("USED");
        as("cp-back").header("Idempotency-Key", "c2").body(Map.of("ticketIds", tickets.subList(1, 3)))
                .post(TicketCancellationApiTest.cancellations(orderId)).then().statusCode(201)
                .body("refund", equalTo(320000));
        assertThat(TicketCancellationApiTest.balanceAtPg(key)).isZero();
        assertThat(couponStatus("cp-back", couponId)).isEqualTo("AVAILABLE");
    }

    @Test
    void a_round_called_off_by_its_organiser_gives_the_coupon_back_whatever_its_batch_says() throws Exception {
        String code = code();
        issue(batchBody(code)); // returnOnCancel false: a fan's own cancellation would keep it
        String couponId = claim("cp-calledoff", code, "k");
        String round = TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH);
        String orderId = as("cp-calledoff").body(Map.of("holdId", hold("cp-calledoff", round, 1), "method", "CARD",
                "couponId", couponId)).post("/v1/orders").then().statusCode(201).body("amount", equalTo(153000))
                .extract().path("orderId");
        String key = toss().authorize(orderId, 153000, TossSandbox.PayMethod.CARD);
        as("cp-calledoff").body(Map.of("paymentKey", key, "amount", 153000)).post("/v1/orders/" + orderId + "/payment")
                .then().statusCode(200).body("status", equalTo("PAID"));

        CatalogApiTest.admin().post(RoundCancellationApiTest.path(round)).then().statusCode(202);
        RoundCancellationApiTest.drain(RoundCancellationApiTest.consumer());
        as("cp-calledoff").get("/v1/orders/" + orderId).then().statusCode(200).body("status", equalTo("REFUNDED"));
        assertThat(TicketCancellationApiTest.balanceAtPg(key)).isZero();
        assertThat(couponStatus("cp-calledoff", couponId)).isEqualTo("AVAILABLE");
    }
}
