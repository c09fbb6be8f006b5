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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Cancelling paid tickets over HTTP with the real payment flow and the Toss sandbox behind: quotes, partial and full
 * cancellations refunded at the PG, races, a PG failure resumed, and every refusal a problem that writes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class TicketCancellationApiTest {

    static final long PRICE = 170000;

    static TossSandbox toss() {
        return LocalAwsResource.toss;
    }

    static RequestSpecification as(String fan) {
        return given().auth().oauth2(TestTokens.fan(fan)).contentType(ContentType.JSON);
    }

    @BeforeEach
    void webhooksReachThisApi() {
        toss().webhookUrl(URI.create("http://localhost:" + RestAssured.port + "/v1/hooks/toss"));
    }

    /** A round of one VIP section (6 seats at 170,000) starting at {@code startsAt}, on sale since an hour ago. */
    static String round(OffsetDateTime startsAt) {
        String venue = CatalogApiTest.createVenue(Layouts.grid(1, 1, 6));
        String perf = CatalogApiTest.createPerformance("취소 테스트", "CONCERT");
        Map<String, Object> body = new LinkedHashMap<>(CatalogApiTest.roundBody(venue, startsAt, 1));
        body.put("saleOpensAt", OffsetDateTime.now().minusHours(1).toString());
        return CatalogApiTest.admin().body(body).post("/v1/admin/performances/" + perf + "/rounds").then()
                .statusCode(201).extract().path("id");
    }

    /** A paid card order of {@code seats} seats of the round; answers the order id and its ticket ids. */
    record Paid(String orderId, String paymentKey, List<String> ticketIds) {
    }

    static Paid buy(String fan, String round, int seats) {
        return buy(() -> as(fan), round, seats);
    }

    /** {@link #buy(String, String, int)} as whoever {@code who} authenticates (a real account's token, say). */
    static Paid buy(java.util.function.Supplier<RequestSpecification> who, String round, int seats) {
        List<String> seatIds = new ArrayList<>();
        for (int n = 1; n <= seats; n++) {
            seatIds.add("A-1-" + n);
        }
        String holdId = who.get().body(Map.of("roundId", round, "seatIds", seatIds)).post("/v1/holds").then()
                .statusCode(201).extract().path("holdId");
        String orderId = who.get().body(Map.of("holdId", holdId, "method", "CARD")).post("/v1/orders").then()
                .statusCode(201).extract().path("orderId");
        String paymentKey = toss().authorize(orderId, PRICE * seats, TossSandbox.PayMethod.CARD);
        List<String> tickets = who.get().body(Map.of("paymentKey", paymentKey, "amount", PRICE * seats))
                .post("/v1/orders/" + orderId + "/payment").then().statusCode(200).body("status", equalTo("PAID"))
                .extract().path("tickets.ticketId");
        return new Paid(orderId, paymentKey, tickets);
    }

    static long balanceAtPg(String paymentKey) {
        return toss().paymentJson(paymentKey).path("balanceAmount").asLong();
    }

    static Map<String, Object> tickets(List<String> ids) {
        return Map.of("ticketIds", ids);
    }

    static String cancellations(String orderId) {
        return "/v1/orders/" + orderId + "/ticket-cancellations";
    }

    @Test
    void a_fan_cancels_one_of_three_tickets_then_another_and_its_code_is_refused_at_the_door() {
        String round = round(CatalogApiTest.NEXT_MONTH);
        Paid paid = buy("cx-fan", round, 3);
        String door = TicketsApiTest.scannerFor(round);
        String screenshot = TicketsApiTest.liveCode("cx-fan", paid.ticketIds().get(0));
        // booked today: the booking-day grace makes it free
        as("cx-fan").body(tickets(paid.ticketIds().subList(0, 1)))
                .post("/v1/orders/" + paid.orderId() + "/cancellation-quote").then().statusCode(200)
                .body("allowed", equalTo(true)).body("rule", equalTo("BOOKING_DAY_GRACE"))
                .body("totalFee", equalTo(0)).body("totalRefund", equalTo(170000));

        as("cx-fan").header("Idempotency-Key", "cancel-1").body(tickets(paid.ticketIds().subList(0, 1)))
                .post(cancellations(paid.orderId())).then().statusCode(201).body("status", equalTo("REFUNDED"))
                .body("refund", equalTo(170000)).body("ticketIds", hasSize(1));
        assertThat(balanceAtPg(paid.paymentKey())).isEqualTo(2 * PRICE);
        // the same request again (a retry): the same cancellation, no second refund
        int cancelsAtPg = toss().effectCount(TossSandbox.Endpoint.CANCEL);
        String again = as("cx-fan").header("Idempotency-Key", "cancel-1").body(tickets(paid.ticketIds().subList(0, 1)))
                .post(cancellations(paid.orderId())).then().statusCode(201).extract().path("status");
        assertThat(again).isEqualTo("REFUNDED");
        assertThat(toss().effectCount(TossSandbox.Endpoint.CANCEL)).isEqualTo(cancelsAtPg);
        as("cx-fan").get("/v1/orders/" + paid.orderId()).then().statusCode(200).body("status", equalTo("PAID"))
                .body("tickets.findAll { it.status == 'CANCELLED' }", hasSize(1));
        // the cancelled ticket's code, shown a moment ago, is refused at the door and listed for offline scanners
        CatalogApiTest.problem(TicketsApiTest.scan(door, screenshot, "Gate 1"), 409).body("type",
                equalTo("https://madang.dev/problems/ticket-revoked"));
        TicketsApiTest.scanner(door).get("/v1/scanner/rounds/" + round + "/revocations").then().statusCode(200)
                .body("items.ticketId", org.hamcrest.Matchers.hasItem(paid.ticketIds().get(0)));
        // the others still get in
        TicketsApiTest.scan(door, TicketsApiTest.liveCode("cx-fan", paid.ticketIds().get(1)), "Gate 1")
                .statusCode(201);
        // a cancelled ticket cannot be cancelled again
        CatalogApiTest.problem(as("cx-fan").body(tickets(paid.ticketIds().subList(0, 1)))
                .post(cancellations(paid.orderId())).then(), 409).body("type", equalTo(
                "https://madang.dev/problems/ticket-not-cancellable"));

        // an admitted ticket cannot be cancelled: nothing written
        CatalogApiTest.problem(as("cx-fan").body(tickets(paid.ticketIds().subList(1, 3)))
                .post(cancellations(paid.orderId())).then(), 409);
        assertThat(balanceAtPg(paid.paymentKey())).isEqualTo(2 * PRICE);
        as("cx-fan").body(tickets(paid.ticketIds().subList(2, 3))).post(cancellations(paid.orderId())).then()
                .statusCode(201).body("refund", equalTo(170000));
        assertThat(balanceAtPg(paid.paymentKey())).isEqualTo(PRICE);
        as("cx-fan").get("/v1/orders/" + paid.orderId()).then().statusCode(200).body("status", equalTo("PAID"))
                .body("tickets.findAll { it.status == 'CANCELLED' }", hasSize(2));

        // my page: the booking with its tickets, refunds and fees, newest first, paged
        Paid second = buy("cx-fan", round(CatalogApiTest.NEXT_MONTH), 1);
        var newest = as("cx-fan").queryParam("limit", 1).get("/v1/me/bookings").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].orderId", equalTo(second.orderId()))
                .body("items[0].refunded", equalTo(0)).extract();
        String cursor = newest.path("nextCursor");
        as("cx-fan").queryParam("limit", 1).queryParam("cursor", cursor).get("/v1/me/bookings").then()
                .statusCode(200).body("items[0].orderId", equalTo(paid.orderId()))
                .body("items[0].status", equalTo("PAID")).body("items[0].amount", equalTo(510000))
                .body("items[0].refunded", equalTo(340000)).body("items[0].fees", equalTo(0))
                .body("items[0].cancellations", hasSize(2))
                .body("items[0].tickets.findAll { it.status == 'ADMITTED' }", hasSize(1));
        // another fan's cursor is not a cursor of my list; a bad limit is a problem
        CatalogApiTest.problem(as("cx-other").queryParam("cursor", cursor).get("/v1/me/bookings").then(), 400);
        CatalogApiTest.problem(as("cx-fan").queryParam("limit", 0).get("/v1/me/bookings").then(), 400);
        as("cx-other").get("/v1/me/bookings").then().statusCode(200).body("items", hasSize(0));
        // the seats wait in the release pool: still taken until the dawn release
        CatalogApiTest.problem(as("cx-other").body(Map.of("roundId", round, "seatIds", List.of("A-1-1")))
                .post("/v1/holds").then(), 409);
    }

    @Test
    void two_cancellations_of_one_order_at_once_refund_the_right_total_never_more() throws Exception {
        String round = round(CatalogApiTest.NEXT_MONTH);
        Paid paid = buy("cx-race", round, 2);
        // six requests at once: three for ticket 1, three for both tickets; each ticket is cancelled once
        List<List<String>> asks = List.of(paid.ticketIds().subList(0, 1), paid.ticketIds(), paid.ticketIds().subList(0, 1),
                paid.ticketIds(), paid.ticketIds().subList(1, 2), paid.ticketIds());
        ExecutorService pool = Executors.newFixedThreadPool(asks.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<Integer> refunds = Collections.synchronizedList(new ArrayList<>());
        for (List<String> ask : asks) {
            pool.execute(() -> {
                try {
                    go.await();
                    var response = as("cx-race").body(tickets(ask)).post(cancellations(paid.orderId()));
                    statuses.add(response.statusCode());
                    if (response.statusCode() == 201) {
                        refunds.add(response.path("refund"));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        long refunded = refunds.stream().mapToLong(Integer::longValue).sum();
        System.out.println("concurrent ticket cancellations: statuses=" + statuses + " refunded=" + refunded
                + " balance_at_pg=" + balanceAtPg(paid.paymentKey()));
        assertThat(statuses).hasSize(asks.size()).allMatch(s -> s == 201 || s == 409);
        assertThat(refunded).isEqualTo(2 * PRICE);
        assertThat(balanceAtPg(paid.paymentKey())).isZero();
        as("cx-race").get("/v1/orders/" + paid.orderId()).then().body("status", equalTo("REFUNDED"));
    }

    @Test
    void a_refund_the_pg_fails_is_recorded_and_finished_by_repeating_the_request() {
        String round = round(CatalogApiTest.NEXT_MONTH);
        Paid paid = buy("cx-fault", round, 2);
        // the adapter tries three times (two retries): all three fail
        toss().failNext(TossSandbox.Endpoint.CANCEL, 3, 500);
        CatalogApiTest.problem(as("cx-fault").header("Idempotency-Key", "k-fault")
                .body(tickets(paid.ticketIds().subList(0, 1))).post(cancellations(paid.orderId())).then(), 409)
                .body("type", equalTo("https://madang.dev/problems/refund-pending"));
        assertThat(balanceAtPg(paid.paymentKey())).isEqualTo(2 * PRICE);
        // the ticket is void meanwhile: its refund is owed, not lost
        as("cx-fault").get("/v1/orders/" + paid.orderId()).then()
                .body("tickets.findAll { it.status == 'CANCELLING' }", hasSize(1));
        as("cx-fault").header("Idempotency-Key", "k-fault").body(tickets(paid.ticketIds().subList(0, 1)))
                .post(cancellations(paid.orderId())).then().statusCode(201).body("status", equalTo("REFUNDED"));
        assertThat(balanceAtPg(paid.paymentKey())).isEqualTo(PRICE);

        // the fan who never comes back: the sweep finishes the refund once the fan's own retry has had its time
        toss().failNext(TossSandbox.Endpoint.CANCEL, 3, 500);
        CatalogApiTest.problem(as("cx-fault").header("Idempotency-Key", "k-gone")
                .body(tickets(paid.ticketIds().subList(1, 2))).post(cancellations(paid.orderId())).then(), 409);
        assertThat(balanceAtPg(paid.paymentKey())).isEqualTo(PRICE);
        var aws = LocalAwsResource.aws;
        var dynamo = aws.dynamo();
        var catalog = new dev.madang.aws.catalog.DynamoCatalog(dynamo, aws.tableName("CatalogTable"),
                aws.tableName("SeatsTable"));
        java.time.Clock later = java.time.Clock.offset(java.time.Clock.systemUTC(),
                dev.madang.domain.cancellation.CancellingTickets.RESUME_AFTER.plusSeconds(10));
        var sweep = dev.madang.aws.order.TicketCancellationWiring.cancelling(dynamo, aws.tableName("OrdersTable"),
                aws.tableName("SeatsTable"), new dev.madang.aws.order.DynamoOrders(dynamo, aws.tableName("OrdersTable")),
                new dev.madang.domain.catalog.CachedCatalog(catalog.rounds(), catalog.venues(), later,
                        java.time.Duration.ofSeconds(10), Runnable::run),
                dev.madang.aws.order.TicketCancellationWiring.standardPolicy(),
                new dev.madang.aws.toss.TossPayments(toss().baseUrl(), LocalAwsResource.TOSS_SECRET),
                dev.madang.domain.cancellation.TicketRefundNotifications.NONE, later);
        var resumed = sweep.resumePending();
        System.out.println("refund sweep: resumed=" + resumed.refunded() + " still_pending=" + resumed.stillPending());
        assertThat(resumed.refunded()).isGreaterThanOrEqualTo(1);
        assertThat(balanceAtPg(paid.paymentKey())).isZero();
        as("cx-fault").get("/v1/orders/" + paid.orderId()).then().body("status", equalTo("REFUNDED"))
                .body("tickets.findAll { it.status == 'CANCELLED' }", hasSize(2));
        assertThat(sweep.resumePending().refunded()).isZero(); // nothing pending any more
    }

    @Test
    void refusals_are_problems_and_change_nothing() {
        String round = round(CatalogApiTest.NEXT_MONTH);
        Paid paid = buy("cx-owner", round, 2);
        String path = cancellations(paid.orderId());
        // another fan's order: as if it did not exist
        CatalogApiTest.problem(as("cx-stranger").body(tickets(paid.ticketIds())).post(path).then(), 404);
        CatalogApiTest.problem(as("cx-stranger").body(tickets(paid.ticketIds()))
                .post("/v1/orders/" + paid.orderId() + "/cancellation-quote").then(), 404);
        CatalogApiTest.problem(as("cx-owner").body(tickets(List.of())).post(path).then(), 400);
        CatalogApiTest.problem(as("cx-owner").body(Map.of()).post(path).then(), 400);
        CatalogApiTest.problem(as("cx-owner").body(tickets(List.of(paid.ticketIds().get(0), paid.ticketIds().get(0))))
                .post(path).then(), 400);
        CatalogApiTest.problem(as("cx-owner").body(tickets(List.of("01HZZZZZZZZZZZZZZZZZZZZZZZ"))).post(path).then(),
                404);
        CatalogApiTest.problem(as("cx-owner").header("Idempotency-Key", "x".repeat(101))
                .body(tickets(paid.ticketIds())).post(path).then(), 400);
        given().contentType(ContentType.JSON).body(tickets(paid.ticketIds())).post(path).then().statusCode(401);
        assertThat(balanceAtPg(paid.paymentKey())).isEqualTo(2 * PRICE);
        as("cx-owner").get("/v1/orders/" + paid.orderId()).then().body("status", equalTo("PAID"))
                .body("tickets.findAll { it.status == 'ISSUED' }", hasSize(2));

        // a round starting within hours: past the day-before cut-off (or on the day itself), whatever the hour now
        String soon = round(OffsetDateTime.now(ZoneOffset.ofHours(9)).plusHours(3));
        Paid late = buy("cx-late", soon, 1);
        as("cx-late").body(tickets(late.ticketIds())).post("/v1/orders/" + late.orderId() + "/cancellation-quote")
                .then().statusCode(200).body("allowed", equalTo(false));
        CatalogApiTest.problem(as("cx-late").body(tickets(late.ticketIds())).post(cancellations(late.orderId()))
                .then(), 422).body("type", equalTo("https://madang.dev/problems/cancellation-closed"));
        assertThat(balanceAtPg(late.paymentKey())).isEqualTo(PRICE);
    }

    static Map<String, Object> policy(List<Map<String, Object>> tiers, String weekdayCutoff) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tiers", tiers);
        body.put("bookingDayGrace", true);
        body.put("weekdayCutoff", weekdayCutoff);
        body.put("saturdayCutoff", "11:00");
        return body;
    }

    static Map<String, Object> tier(int from, int to, int pct) {
        return Map.of("fromDaysBefore", from, "toDaysBefore", to, "feePercent", pct);
    }

    @Test
    void an_organiser_sets_a_more_generous_policy_never_a_harsher_one_and_once_on_sale_never_a_tighter_one() {
        String perf = CatalogApiTest.createPerformance("취소 정책", "CONCERT");
        String admin = "/v1/admin/performances/" + perf + "/cancellation-policy";
        String pub = "/v1/performances/" + perf + "/cancellation-policy";
        given().get(pub).then().statusCode(200).body("standard", equalTo(true)).body("tiers", hasSize(3))
                .body("weekdayCutoff", equalTo("17:00"));
        // free until D-3, then 10 %; the cut-off at 18:00 on weekdays: better for fans at every moment
        CatalogApiTest.admin().body(policy(List.of(tier(2, 1, 10)), "18:00")).put(admin).then().statusCode(200)
                .body("standard", equalTo(false));
        given().get(pub).then().statusCode(200).body("tiers", hasSize(1)).body("tiers[0].feePercent", equalTo(10))
                .body("weekdayCutoff", equalTo("18:00"));
        // harsher than the standard: refused, nothing written
        CatalogApiTest.problem(CatalogApiTest.admin().body(policy(List.of(tier(2, 1, 40)), "17:00")).put(admin).then(),
                422).body("type", equalTo("https://madang.dev/problems/cancellation-policy-too-harsh"));
        CatalogApiTest.problem(CatalogApiTest.admin().body(policy(List.of(tier(2, 1, 10)), "16:00")).put(admin).then(),
                422);
        given().get(pub).then().body("weekdayCutoff", equalTo("18:00"));
        // malformed: each field named
        CatalogApiTest.problem(CatalogApiTest.admin().body(policy(List.of(tier(2, 1, 10)), "six pm")).put(admin).then(),
                400);
        CatalogApiTest.problem(CatalogApiTest.admin().body(policy(List.of(tier(5, 3, 10)), "18:00")).put(admin).then(),
                400);
        CatalogApiTest.problem(CatalogApiTest.admin().body(Map.of()).put(admin).then(), 400);
        CatalogApiTest.problem(as("cx-not-admin").body(policy(List.of(), "18:00")).put(admin).then(), 403);
        CatalogApiTest.problem(CatalogApiTest.admin().body(policy(List.of(), "18:00"))
                .put("/v1/admin/performances/01HZZZZZZZZZZZZZZZZZZZZZZZ/cancellation-policy").then(), 404);

        // once a round is on sale, fans bought under this policy: it may only get better
        String venue = CatalogApiTest.createVenue(Layouts.grid(1, 1, 6));
        Map<String, Object> round = new LinkedHashMap<>(CatalogApiTest.roundBody(venue, CatalogApiTest.NEXT_MONTH, 1));
        round.put("saleOpensAt", OffsetDateTime.now().minusHours(1).toString());
        CatalogApiTest.admin().body(round).post("/v1/admin/performances/" + perf + "/rounds").then().statusCode(201);
        CatalogApiTest.problem(CatalogApiTest.admin().body(policy(List.of(tier(2, 1, 20)), "18:00")).put(admin).then(),
                422).body("type", equalTo("https://madang.dev/problems/cancellation-policy-tightened"));
        CatalogApiTest.admin().body(policy(List.of(), "18:00")).put(admin).then().statusCode(200);
        given().get(pub).then().body("tiers", hasSize(0));
    }
}
