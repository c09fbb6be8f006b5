package dev.madang.api;

import dev.madang.localstack.TossSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Exchange and transfer over HTTP, on the local stack with the Toss sandbox behind the real payment workflow: the
 * board's visibility rule checked on the JSON sent, an exchange swapping two tickets (new codes, old ones refused at
 * the door), transfers paid by card and by virtual account and one whose payment fails, the races on a listed ticket,
 * and every refusal a problem that writes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class TicketTradeApiTest {

    static final long VIP = 170000;
    static final long R = 140000;

    static TossSandbox toss() {
        return LocalAwsResource.toss;
    }

    @BeforeEach
    void webhooksReachThisApi() {
        toss().webhookUrl(URI.create("http://localhost:" + RestAssured.port + "/v1/hooks/toss"));
    }

    /** A fan of this test run (fresh per call, so tests never see each other's tickets). */
    static String fan(String name) {
        return "trade-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String fan) {
        return given().auth().oauth2(TestTokens.fan(fan)).contentType(ContentType.JSON);
    }

    record Round(String roundId, String performanceId) {
    }

    /** Sections A and B at VIP (170,000), C at R (140,000); 2 rows of 6 each; on sale, next month. */
    static Round round() {
        String venue = CatalogApiTest.createVenue(Layouts.grid(3, 2, 6));
        String perf = CatalogApiTest.createPerformance("교환 양도 테스트", "MUSICAL");
        Map<String, Object> body = new LinkedHashMap<>(CatalogApiTest.roundBody(venue, CatalogApiTest.NEXT_MONTH, 3));
        body.put("saleOpensAt", OffsetDateTime.now().minusHours(1).toString());
        body.put("sections", Map.of("A", Map.of("mode", "SEAT_SELECTION", "grade", "VIP"),
                "B", Map.of("mode", "SEAT_SELECTION", "grade", "VIP"),
                "C", Map.of("mode", "SEAT_SELECTION", "grade", "R")));
        String round = CatalogApiTest.admin().body(body).post("/v1/admin/performances/" + perf + "/rounds").then()
                .statusCode(201).extract().path("id");
        return new Round(round, perf);
    }

    record Paid(String orderId, String paymentKey, String ticketId) {
    }

    /** One seat bought by card. */
    static Paid buy(String fan, String round, String seatId) {
        String holdId = as(fan).body(Map.of("roundId", round, "seatIds", List.of(seatId))).post("/v1/holds").then()
                .statusCode(201).extract().path("holdId");
        JsonPath order = as(fan).body(Map.of("holdId", holdId, "method", "CARD")).post("/v1/orders").then()
                .statusCode(201).extract().jsonPath();
        String orderId = order.getString("orderId");
        long amount = order.getLong("amount");
        String paymentKey = toss().authorize(orderId, amount, TossSandbox.PayMethod.CARD);
        String ticketId = as(fan).body(Map.of("paymentKey", paymentKey, "amount", amount))
                .post("/v1/orders/" + orderId + "/payment").then().statusCode(200).body("status", equalTo("PAID"))
                .extract().path("tickets[0].ticketId");
        return new Paid(orderId, paymentKey, ticketId);
    }

    static ValidatableResponse list(String fan, String ticketId, String kind, List<Map<String, Object>> wanted) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("ticketId", ticketId, "kind", kind));
        if (wanted != null) {
            body.put("wanted", wanted);
        }
        return as(fan).body(body).post("/v1/listings").then();
    }

    static String listed(String fan, String ticketId, String kind, List<Map<String, Object>> wanted) {
        return list(fan, ticketId, kind, wanted).statusCode(201).extract().path("listing.listingId");
    }

    static ValidatableResponse ask(String fan, String listingId, String offeredListingId) {
        return as(fan).body(offeredListingId == null ? Map.of() : Map.of("offeredListingId", offeredListingId))
                .post("/v1/listings/" + listingId + "/requests").then();
    }

    static ValidatableResponse accept(String fan, String listingId, String requestId) {
        return as(fan).post("/v1/listings/" + listingId + "/requests/" + requestId + "/acceptance").then();
    }

    static ValidatableResponse board(String fan, String round, Map<String, ?> query) {
        return as(fan).queryParams(query).get("/v1/rounds/" + round + "/listings").then();
    }

    /** The fan's tickets by id: seat and status. */
    static Map<String, Map<String, Object>> tickets(String fan) {
        List<Map<String, Object>> items = as(fan).get("/v1/tickets").then().statusCode(200).extract().path("items");
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        items.forEach(t -> byId.put((String) t.get("ticketId"), t));
        return byId;
    }

    static String problemType(ValidatableResponse r) {
        String type = r.extract().path("type");
        return type.substring(type.lastIndexOf('/') + 1);
    }

    static List<Map<String, Object>> wanting(String section) {
        return List.of(Map.of("sectionId", section));
    }

    // ---- the visibility rule, on the JSON sent

    @Test
    void what_each_searcher_sees_of_each_kind_of_listing_is_decided_by_the_server() {
        Round r = round();
        String exchanger = fan("vis-exch");
        String transferor = fan("vis-trans");
        String exchangeListing = listed(exchanger, buy(exchanger, r.roundId(), "A-1-3").ticketId(), "EXCHANGE",
                wanting("B"));
        String transferListing = listed(transferor, buy(transferor, r.roundId(), "A-2-4").ticketId(), "TRANSFER",
                null);
        String noTicket = fan("vis-none");
        String holder = fan("vis-holder");
        buy(holder, r.roundId(), "B-1-1");
        String holderWithExchange = fan("vis-holder-exch");
        listed(holderWithExchange, buy(holderWithExchange, r.roundId(), "B-1-2").ticketId(), "EXCHANGE",
                wanting("A"));

        record Case(String searcher, String listingId, boolean shown, boolean exact, String seat) {
        }
        List<Case> table = List.of(
                new Case(noTicket, exchangeListing, false, false, "A-1-3"),
                new Case(noTicket, transferListing, true, false, "A-2-4"),
                new Case(holderWithExchange, exchangeListing, true, true, "A-1-3"),
                new Case(holderWithExchange, transferListing, true, true, "A-2-4"),
                new Case(holder, exchangeListing, false, false, "A-1-3"),
                new Case(holder, transferListing, true, false, "A-2-4"));
        for (Case c : table) {
            String body = board(c.searcher(), r.roundId(), Map.of()).statusCode(200).extract().asString();
            JsonPath json = new JsonPath(body);
            List<Map<String, Object>> found = json.getList("items.findAll { it.listingId == '" + c.listingId()
                    + "' }");
            String what = c.searcher().substring(0, c.searcher().lastIndexOf('-')) + " / " + c.listingId();
            assertThat(found).as(what).hasSize(c.shown() ? 1 : 0);
            if (!c.shown()) {
                assertThat(body).as(what + ": nothing of it is sent").doesNotContain(c.listingId())
                        .doesNotContain(c.seat());
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> seat = (Map<String, Object>) found.get(0).get("seat");
            assertThat(seat).as(what).containsEntry("sectionId", "A").containsKey("row");
            assertThat(found.get(0).get("exact")).as(what).isEqualTo(c.exact());
            if (c.exact()) {
                assertThat(seat).as(what).containsEntry("seatId", c.seat())
                        .containsEntry("number", Integer.parseInt(c.seat().substring(4)));
            } else {
                // the hidden fields are not sent at all, under any name
                assertThat(seat).as(what).containsOnlyKeys("sectionId", "row");
                assertThat(body).as(what).doesNotContain(c.seat());
            }
            // nobody's ticket or account is ever on the board
            assertThat(found.get(0)).as(what).doesNotContainKeys("ticketId", "ownerId");
        }
        // the viewer's situation is stated, so a client can say why it sees what it sees
        board(noTicket, r.roundId(), Map.of()).body("viewer.holdsTicket", equalTo(false))
                .body("viewer.sight", equalTo("APPROXIMATE")).body("viewer.seesExchanges", equalTo(false));
        board(holderWithExchange, r.roundId(), Map.of()).body("viewer.hasExchangeListing", equalTo(true))
                .body("viewer.sight", equalTo("EXACT")).body("viewer.seesExchanges", equalTo(true));
        // an approximate searcher's seat-number filter cannot probe the hidden number: only section and row apply
        board(noTicket, r.roundId(), Map.of("sectionId", "A", "row", "2", "fromNumber", 1, "toNumber", 1))
                .statusCode(200).body("items.listingId", equalTo(List.of(transferListing)));
        board(holderWithExchange, r.roundId(), Map.of("sectionId", "A", "row", "2", "fromNumber", 1, "toNumber", 1))
                .statusCode(200).body("items", hasSize(0));
    }

    // ---- exchange

    @Test
    void an_exchange_swaps_both_tickets_with_new_codes_and_the_old_codes_are_refused_at_the_door() {
        Round r = round();
        String ana = fan("ana");
        String ben = fan("ben");
        Paid anas = buy(ana, r.roundId(), "A-1-1");
        Paid bens = buy(ben, r.roundId(), "B-1-1");
        String door = TicketsApiTest.scannerFor(r.roundId());
        String anasOldCode = TicketsApiTest.liveCode(ana, anas.ticketId());
        String bensOldCode = TicketsApiTest.liveCode(ben, bens.ticketId());

        String anasListing = list(ana, anas.ticketId(), "EXCHANGE", List.of(Map.of("sectionId", "B", "row", "1")))
                .statusCode(201).body("listing.status", equalTo("OPEN")).body("listing.seat.seatId", equalTo("A-1-1"))
                .body("recommendations", hasSize(0)).extract().path("listing.listingId");
        // Ben wants section A: Ana's seat is recommended at once, as a mutual match (each wants the other's seat)
        String bensListing = list(ben, bens.ticketId(), "EXCHANGE", wanting("A")).statusCode(201)
                .body("recommendations", hasSize(1)).body("recommendations[0].listingId", equalTo(anasListing))
                .body("recommendations[0].mutual", equalTo(true))
                .body("recommendations[0].seat.seatId", equalTo("A-1-1")).extract().path("listing.listingId");
        board(ben, r.roundId(), Map.of("sectionId", "A")).statusCode(200)
                .body("items[0].listingId", equalTo(anasListing)).body("items[0].exact", equalTo(true));

        String requestId = ask(ben, anasListing, bensListing).statusCode(201).body("status", equalTo("PENDING"))
                .extract().path("requestId");
        as(ana).get("/v1/me/listings").then().statusCode(200).body("items[0].listingId", equalTo(anasListing))
                .body("items[0].requests[0].requestId", equalTo(requestId))
                .body("items[0].requests[0].offered.seat.seatId", equalTo("B-1-1"));
        as(ben).get("/v1/me/trade-requests").then().statusCode(200)
                .body("items[0].requestId", equalTo(requestId)).body("items[0].listing.listingId", equalTo(anasListing));

        accept(ana, anasListing, requestId).statusCode(200).body("status", equalTo("DONE"));

        // each holds the other's seat now, on a new ticket; the old tickets are reissued
        Map<String, Map<String, Object>> anasTickets = tickets(ana);
        assertThat(anasTickets.get(anas.ticketId())).containsEntry("status", "REISSUED");
        Map.Entry<String, Map<String, Object>> anasNew = anasTickets.entrySet().stream()
                .filter(e -> "ISSUED".equals(e.getValue().get("status"))).findFirst().orElseThrow();
        assertThat(anasNew.getValue()).containsEntry("seatId", "B-1-1");
        assertThat(anasNew.getKey()).startsWith(anas.orderId() + "-"); // in Ana's own order: her money paid for it
        Map<String, Map<String, Object>> bensTickets = tickets(ben);
        assertThat(bensTickets.get(bens.ticketId())).containsEntry("status", "REISSUED");
        String bensNew = bensTickets.entrySet().stream().filter(e -> "ISSUED".equals(e.getValue().get("status")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(bensTickets.get(bensNew)).containsEntry("seatId", "A-1-1");

        // the old codes are refused at the door; the new ones admit
        assertThat(problemType(CatalogApiTest.problem(TicketsApiTest.scan(door, anasOldCode, "Gate 1"), 409)))
                .isEqualTo("ticket-revoked");
        assertThat(problemType(CatalogApiTest.problem(TicketsApiTest.scan(door, bensOldCode, "Gate 1"), 409)))
                .isEqualTo("ticket-revoked");
        TicketsApiTest.scan(door, TicketsApiTest.liveCode(ana, anasNew.getKey()), "Gate 1").statusCode(201);
        TicketsApiTest.scan(door, TicketsApiTest.liveCode(ben, bensNew), "Gate 2").statusCode(201);

        // both listings are closed; the audit trail names every holder of Ana's new seat
        as(ana).get("/v1/listings/" + anasListing).then().statusCode(200).body("status", equalTo("DONE"))
                .body("requests[0].status", equalTo("DONE"));
        as(ben).get("/v1/listings/" + bensListing).then().statusCode(200).body("status", equalTo("DONE"));
        CatalogApiTest.admin().get("/v1/admin/tickets/" + anasNew.getKey() + "/holders").then().statusCode(200)
                .body("holders", hasSize(2))
                .body("holders[0].userId", equalTo(ana)).body("holders[0].via", equalTo("EXCHANGE"))
                .body("holders[0].dealId", equalTo(requestId)).body("holders[0].until", equalTo(null))
                .body("holders[1].userId", equalTo(ben)).body("holders[1].via", equalTo("PURCHASE"))
                .body("holders[1].ticketId", equalTo(bens.ticketId())).body("holders[1].until", notNullValue());
        CatalogApiTest.problem(as(ana).get("/v1/admin/tickets/" + anasNew.getKey() + "/holders").then(), 403);
    }

    @Test
    void a_swapped_ticket_is_cancelled_and_refunded_from_its_holders_own_payment() {
        Round r = round();
        String cy = fan("cy");
        String di = fan("di");
        Paid cys = buy(cy, r.roundId(), "A-1-5");
        Paid dis = buy(di, r.roundId(), "B-2-5");
        String cysListing = listed(cy, cys.ticketId(), "EXCHANGE", wanting("B"));
        String disListing = listed(di, dis.ticketId(), "EXCHANGE", wanting("A"));
        String request = ask(di, cysListing, disListing).statusCode(201).extract().path("requestId");
        accept(cy, cysListing, request).statusCode(200);
        String cysNew = tickets(cy).entrySet().stream().filter(e -> "ISSUED".equals(e.getValue().get("status")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();

        as(cy).body(Map.of("ticketIds", List.of(cysNew))).post("/v1/orders/" + cys.orderId() + "/ticket-cancellations")
                .then().statusCode(201).body("refund", equalTo((int) VIP));
        assertThat(toss().paymentJson(cys.paymentKey()).path("balanceAmount").asLong()).isZero();
        assertThat(toss().paymentJson(dis.paymentKey()).path("balanceAmount").asLong()).isEqualTo(VIP);
        as(cy).get("/v1/orders/" + cys.orderId()).then().statusCode(200).body("status", equalTo("REFUNDED"));
    }

    // ---- transfer

    @Test
    void a_transfer_paid_by_card_hands_the_seat_to_the_buyer_and_refunds_the_seller_less_the_fee() {
        Round r = round();
        CatalogApiTest.admin().body(Map.of("feePercent", 10)).put("/v1/admin/performances/" + r.performanceId()
                + "/transfer-policy").then().statusCode(200).body("feePercent", equalTo(10))
                .body("standard", equalTo(false));
        String seller = fan("seller");
        String buyer = fan("buyer");
        Paid sold = buy(seller, r.roundId(), "A-1-6");
        String door = TicketsApiTest.scannerFor(r.roundId());
        String sellersCode = TicketsApiTest.liveCode(seller, sold.ticketId());

        String listing = listed(seller, sold.ticketId(), "TRANSFER", null);
        board(buyer, r.roundId(), Map.of()).statusCode(200).body("items[0].listingId", equalTo(listing))
                .body("items[0].exact", equalTo(false)).body("items[0].price", equalTo((int) VIP));
        String request = ask(buyer, listing, null).statusCode(201).extract().path("requestId");
        accept(seller, listing, request).statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("payBy", notNullValue());

        // set aside for the buyer: the seller can neither show it at the door nor cancel it meanwhile
        assertThat(problemType(CatalogApiTest.problem(TicketsApiTest.code(seller, sold.ticketId()), 409)))
                .isEqualTo("ticket-transferring");
        assertThat(problemType(CatalogApiTest.problem(TicketsApiTest.scan(door, sellersCode, "Gate 1"), 409)))
                .isEqualTo("ticket-transferring");
        CatalogApiTest.problem(as(seller).body(Map.of("ticketIds", List.of(sold.ticketId())))
                .post("/v1/orders/" + sold.orderId() + "/ticket-cancellations").then(), 409);

        JsonPath order = as(buyer).body(Map.of("method", "CARD"))
                .post("/v1/listings/" + listing + "/requests/" + request + "/order").then().statusCode(201)
                .body("amount", equalTo((int) VIP)).body("status", equalTo("AWAITING_PAYMENT"))
                .extract().jsonPath();
        assertThat(order.getString("orderId")).isEqualTo(request);
        assertThat(order.getString("orderName")).contains("양도");
        // again: the same order (a double click)
        as(buyer).body(Map.of("method", "CARD")).post("/v1/listings/" + listing + "/requests/" + request + "/order")
                .then().statusCode(201).body("orderId", equalTo(request));
        String paymentKey = toss().authorize(request, VIP, TossSandbox.PayMethod.CARD);
        String buyersTicket = as(buyer).body(Map.of("paymentKey", paymentKey, "amount", VIP))
                .post("/v1/orders/" + request + "/payment").then().statusCode(200).body("status", equalTo("PAID"))
                .body("tickets", hasSize(1)).body("tickets[0].seatId", equalTo("A-1-6"))
                .extract().path("tickets[0].ticketId");

        // the seller: ticket handed on, refunded the face value less 10%
        await().atMost(Duration.ofSeconds(10)).until(() -> "TRANSFERRED".equals(tickets(seller)
                .get(sold.ticketId()).get("status")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "REFUNDED".equals(PaymentsApiTest.status(seller,
                sold.orderId())));
        assertThat(toss().paymentJson(sold.paymentKey()).path("balanceAmount").asLong()).isEqualTo(VIP / 10);
        assertThat(problemType(CatalogApiTest.problem(TicketsApiTest.scan(door, sellersCode, "Gate 1"), 409)))
                .isEqualTo("ticket-revoked");
        TicketsApiTest.scan(door, TicketsApiTest.liveCode(buyer, buyersTicket), "Gate 1").statusCode(201);
        as(seller).get("/v1/listings/" + listing).then().body("status", equalTo("DONE"))
                .body("requests[0].status", equalTo("DONE"));
        CatalogApiTest.admin().get("/v1/admin/tickets/" + buyersTicket + "/holders").then().statusCode(200)
                .body("holders.userId", equalTo(List.of(buyer, seller)))
                .body("holders.via", equalTo(List.of("TRANSFER", "PURCHASE")));
    }

    @Test
    void a_transfer_paid_by_virtual_account_passes_the_seat_when_the_deposit_arrives() {
        Round r = round();
        String seller = fan("va-seller");
        String buyer = fan("va-buyer");
        Paid sold = buy(seller, r.roundId(), "C-1-1");
        String listing = listed(seller, sold.ticketId(), "TRANSFER", null);
        String request = ask(buyer, listing, null).statusCode(201).extract().path("requestId");
        accept(seller, listing, request).statusCode(200);
        as(buyer).body(Map.of("method", "VIRTUAL_ACCOUNT", "refundAccount", Map.of("bankCode", "088",
                        "accountNumber", "110123456789", "holderName", "김구매")))
                .post("/v1/listings/" + listing + "/requests/" + request + "/order").then().statusCode(201)
                .body("amount", equalTo((int) R));
        String paymentKey = toss().authorize(request, R, TossSandbox.PayMethod.VIRTUAL_ACCOUNT);
        as(buyer).body(Map.of("paymentKey", paymentKey, "amount", R)).post("/v1/orders/" + request + "/payment")
                .then().statusCode(200).body("status", equalTo("AWAITING_DEPOSIT"));
        assertThat(tickets(seller).get(sold.ticketId())).containsEntry("status", "TRANSFERRING");

        toss().deposit(paymentKey);
        await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(PaymentsApiTest.status(buyer, request)));
        assertThat(tickets(buyer).values()).singleElement().satisfies(t -> assertThat(t)
                .containsEntry("seatId", "C-1-1").containsEntry("status", "ISSUED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "REFUNDED".equals(PaymentsApiTest.status(seller,
                sold.orderId())));
        assertThat(tickets(seller).get(sold.ticketId())).containsEntry("status", "TRANSFERRED");
        // the organiser set no fee: the default 5% is kept
        assertThat(toss().paymentJson(sold.paymentKey()).path("balanceAmount").asLong()).isEqualTo(R * 5 / 100);
    }

    @Test
    void a_transfer_whose_payment_fails_leaves_the_seller_holding_the_ticket() {
        Round r = round();
        String seller = fan("fail-seller");
        String buyer = fan("fail-buyer");
        Paid sold = buy(seller, r.roundId(), "B-2-6");
        String listing = listed(seller, sold.ticketId(), "TRANSFER", null);
        String request = ask(buyer, listing, null).statusCode(201).extract().path("requestId");
        accept(seller, listing, request).statusCode(200);
        as(buyer).body(Map.of("method", "CARD")).post("/v1/listings/" + listing + "/requests/" + request + "/order")
                .then().statusCode(201);
        String paymentKey = toss().authorize(request, VIP, TossSandbox.PayMethod.CARD);
        toss().fail(paymentKey); // the buyer's card is declined at confirmation
        as(buyer).body(Map.of("paymentKey", paymentKey, "amount", VIP)).post("/v1/orders/" + request + "/payment");

        await().atMost(Duration.ofSeconds(20)).until(() -> "ISSUED".equals(tickets(seller).get(sold.ticketId())
                .get("status")));
        assertThat(PaymentsApiTest.status(buyer, request)).isIn("FAILED", "CANCELLED");
        assertThat(tickets(buyer)).isEmpty();
        assertThat(toss().paymentJson(sold.paymentKey()).path("balanceAmount").asLong()).isEqualTo(VIP);
        TicketsApiTest.liveCode(seller, sold.ticketId()); // valid at the door again
        as(seller).get("/v1/listings/" + listing).then().statusCode(200).body("status", equalTo("OPEN"))
                .body("requests[0].status", equalTo("FAILED"));
        as(buyer).get("/v1/me/trade-requests").then().body("items[0].status", equalTo("FAILED"));
    }

    // ---- races: exactly one winner, and never a seat with two holders

    /** Runs the calls at once (released together); answers their HTTP statuses. */
    static List<Integer> atOnce(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many valid (ISSUED or admitted) tickets the fans hold for the seat: never more than one. */
    static long validTicketsFor(String seatId, String... fans) {
        long n = 0;
        for (String f : fans) {
            n += tickets(f).values().stream().filter(t -> seatId.equals(t.get("seatId"))
                    && List.of("ISSUED", "ADMITTED", "TRANSFERRING").contains(t.get("status"))).count();
        }
        return n;
    }

    @Test
    void buyers_racing_for_one_transfer_have_one_winner() throws Exception {
        Round r = round();
        String seller = fan("race-seller");
        Paid sold = buy(seller, r.roundId(), "A-2-1");
        String listing = listed(seller, sold.ticketId(), "TRANSFER", null);
        List<String> buyers = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String buyer = fan("race-buyer" + i);
            buyers.add(buyer);
            requests.add(ask(buyer, listing, null).statusCode(201).extract().path("requestId"));
        }
        List<Callable<Integer>> accepts = requests.stream().<Callable<Integer>>map(q -> () ->
                accept(seller, listing, q).extract().statusCode()).toList();
        List<Integer> statuses = atOnce(accepts);
        assertThat(statuses.stream().filter(s -> s == 200).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(statuses.stream().filter(s -> s == 409).count()).as(statuses.toString()).isEqualTo(3);
        List<String> states = as(seller).get("/v1/listings/" + listing).then().statusCode(200)
                .body("status", equalTo("PENDING")).extract().path("requests.status");
        assertThat(states).containsExactlyInAnyOrder("ACCEPTED", "DECLINED", "DECLINED", "DECLINED");
        assertThat(tickets(seller).get(sold.ticketId())).containsEntry("status", "TRANSFERRING");
    }

    /** Two fans with exchange listings for each other's seats and a pending request: the race's ground. */
    record Swap(String ana, String ben, Paid anas, Paid bens, String anasListing, String request) {
    }

    static Swap swapReady(Round r, String anaSeat, String benSeat) {
        String ana = fan("race-ana");
        String ben = fan("race-ben");
        Paid anas = buy(ana, r.roundId(), anaSeat);
        Paid bens = buy(ben, r.roundId(), benSeat);
        String anasListing = listed(ana, anas.ticketId(), "EXCHANGE", wanting(benSeat.substring(0, 1)));
        String bensListing = listed(ben, bens.ticketId(), "EXCHANGE", wanting(anaSeat.substring(0, 1)));
        String request = ask(ben, anasListing, bensListing).statusCode(201).extract().path("requestId");
        return new Swap(ana, ben, anas, bens, anasListing, request);
    }

    @Test
    void an_exchange_racing_the_tickets_cancellation_or_its_check_in_has_one_winner() throws Exception {
        Round r = round();
        String door = TicketsApiTest.scannerFor(r.roundId());
        int exchanges = 0;
        int others = 0;
        for (int i = 1; i <= 3; i++) {
            Swap cancel = swapReady(r, "A-1-" + i, "B-1-" + i);
            List<Integer> cancelRace = atOnce(List.of(
                    () -> accept(cancel.ana(), cancel.anasListing(), cancel.request()).extract().statusCode(),
                    () -> as(cancel.ana()).body(Map.of("ticketIds", List.of(cancel.anas().ticketId())))
                            .post("/v1/orders/" + cancel.anas().orderId() + "/ticket-cancellations").then()
                            .extract().statusCode()));
            assertThat(cancelRace).as("accept, cancel: " + cancelRace).containsExactlyInAnyOrder(
                    cancelRace.get(0) == 200 ? 200 : 409, cancelRace.get(0) == 200 ? 409 : 201);
            exchanges += cancelRace.get(0) == 200 ? 1 : 0;
            others += cancelRace.get(1) == 201 ? 1 : 0;
            for (String seat : List.of("A-1-" + i, "B-1-" + i)) {
                assertThat(validTicketsFor(seat, cancel.ana(), cancel.ben())).as(seat)
                        .isEqualTo(cancelRace.get(0) == 200 || seat.startsWith("B") ? 1 : 0);
            }

            Swap checkIn = swapReady(r, "A-2-" + i, "B-2-" + i);
            String code = TicketsApiTest.liveCode(checkIn.ana(), checkIn.anas().ticketId());
            List<Integer> doorRace = atOnce(List.of(
                    () -> accept(checkIn.ana(), checkIn.anasListing(), checkIn.request()).extract().statusCode(),
                    () -> TicketsApiTest.scan(door, code, "Gate 1").extract().statusCode()));
            assertThat(doorRace).as("accept, scan: " + doorRace).containsExactlyInAnyOrder(
                    doorRace.get(0) == 200 ? 200 : 409, doorRace.get(0) == 200 ? 409 : 201);
            exchanges += doorRace.get(0) == 200 ? 1 : 0;
            others += doorRace.get(1) == 201 ? 1 : 0;
            for (String seat : List.of("A-2-" + i, "B-2-" + i)) {
                assertThat(validTicketsFor(seat, checkIn.ana(), checkIn.ben())).as(seat).isEqualTo(1);
            }
        }
        System.out.println("trade races: exchanges=" + exchanges + " cancellations_or_check_ins=" + others);
        assertThat(exchanges + others).isEqualTo(6);
    }

    // ---- bad input and access: a problem each, nothing written

    @Test
    void refusals_are_problems_that_write_nothing() {
        Round r = round();
        Round other = round();
        String eve = fan("eve");
        String mo = fan("mo");
        Paid eves = buy(eve, r.roundId(), "A-1-4");
        Paid mos = buy(mo, r.roundId(), "C-2-1");
        Paid mosOther = buy(mo, other.roundId(), "A-1-4");

        // someone else's ticket: 404, as if it did not exist
        CatalogApiTest.problem(list(mo, eves.ticketId(), "EXCHANGE", wanting("B")), 404);
        // any price, under any name: refused (tickets trade at face value)
        for (String field : List.of("price", "askingPrice", "amount")) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("ticketId", eves.ticketId(), "kind", "TRANSFER"));
            body.put(field, 250000);
            CatalogApiTest.problem(as(eve).body(body).post("/v1/listings").then(), 400)
                    .body("errors[0].field", equalTo(field));
        }
        CatalogApiTest.problem(list(eve, eves.ticketId(), "SWAP", null), 400).body("errors[0].field", equalTo("kind"));
        CatalogApiTest.problem(list(eve, eves.ticketId(), "EXCHANGE", null), 400)
                .body("errors[0].field", equalTo("wanted"));
        CatalogApiTest.problem(list(eve, eves.ticketId(), "EXCHANGE", List.of(Map.of("sectionId", "B",
                "fromNumber", 3))), 400).body("errors[0].field", equalTo("wanted[0].row"));
        as(eve).get("/v1/me/listings").then().statusCode(200).body("items", hasSize(0));
        as(mo).get("/v1/me/listings").then().statusCode(200).body("items", hasSize(0));

        String evesListing = listed(eve, eves.ticketId(), "EXCHANGE", wanting("C"));
        assertThat(problemType(CatalogApiTest.problem(list(eve, eves.ticketId(), "TRANSFER", null), 409)))
                .isEqualTo("ticket-already-listed");
        // another fan's listing and requests: 404
        CatalogApiTest.problem(as(mo).get("/v1/listings/" + evesListing).then(), 404);
        CatalogApiTest.problem(as(mo).delete("/v1/listings/" + evesListing).then(), 404);
        CatalogApiTest.problem(as(mo).get("/v1/listings/not-an-id").then(), 400);

        // an exchange offers a listing of the same round and the same price only
        String mosListing = listed(mo, mos.ticketId(), "EXCHANGE", wanting("A"));
        String mosOtherListing = listed(mo, mosOther.ticketId(), "EXCHANGE", wanting("A"));
        assertThat(problemType(CatalogApiTest.problem(ask(mo, evesListing, mosListing), 422)))
                .isEqualTo("exchange-price-mismatch");
        assertThat(problemType(CatalogApiTest.problem(ask(mo, evesListing, mosOtherListing), 422)))
                .isEqualTo("exchange-other-round");
        CatalogApiTest.problem(ask(mo, evesListing, evesListing), 404); // offering someone else's listing
        CatalogApiTest.problem(ask(mo, evesListing, null), 400);
        CatalogApiTest.problem(as(mo).body(Map.of("offeredListingId", mosListing, "price", 1000))
                .post("/v1/listings/" + evesListing + "/requests").then(), 400);
        as(eve).get("/v1/listings/" + evesListing).then().statusCode(200).body("requests", hasSize(0));

        // a fan may not accept requests on another's listing, nor pay for another's transfer
        String pat = fan("pat");
        Paid pats = buy(pat, r.roundId(), "A-1-5");
        String patsListing = listed(pat, pats.ticketId(), "EXCHANGE", wanting("A"));
        String request = ask(pat, evesListing, patsListing).statusCode(201).extract().path("requestId");
        CatalogApiTest.problem(accept(pat, evesListing, request), 404);
        CatalogApiTest.problem(accept(mo, evesListing, request), 404);
        CatalogApiTest.problem(as(mo).post("/v1/listings/" + evesListing + "/requests/" + request + "/declination")
                .then(), 404);
        assertThat(problemType(CatalogApiTest.problem(ask(pat, evesListing, patsListing), 409)))
                .isEqualTo("already-requested");
        String transfer = listed(mo, buy(mo, r.roundId(), "C-2-2").ticketId(), "TRANSFER", null);
        String buyRequest = ask(eve, transfer, null).statusCode(201).extract().path("requestId");
        CatalogApiTest.problem(as(pat).body(Map.of("method", "CARD")).post("/v1/listings/" + transfer + "/requests/"
                + buyRequest + "/order").then(), 404);
        assertThat(problemType(CatalogApiTest.problem(as(eve).body(Map.of("method", "CARD"))
                .post("/v1/listings/" + transfer + "/requests/" + buyRequest + "/order").then(), 409)))
                .isEqualTo("transfer-not-payable"); // not accepted yet
        CatalogApiTest.problem(as(eve).body(Map.of("method", "CARD", "amount", 1))
                .post("/v1/listings/" + transfer + "/requests/" + buyRequest + "/order").then(), 400);
        // a transfer is bought by a verified person only
        CatalogApiTest.problem(given().auth().oauth2(TestTokens.unverifiedFan(fan("anon")))
                .contentType(ContentType.JSON).body(Map.of()).post("/v1/listings/" + transfer + "/requests")
                .then(), 403);

        // nothing of the refusals was written: eve's listing has pat's one request; mo's transfer has eve's
        as(eve).get("/v1/listings/" + evesListing).then().statusCode(200).body("status", equalTo("OPEN"))
                .body("requests", hasSize(1)).body("requests[0].status", equalTo("PENDING"));
        as(mo).get("/v1/listings/" + transfer).then().statusCode(200).body("requests", hasSize(1));
        assertThat(tickets(eve).get(eves.ticketId())).containsEntry("status", "ISSUED");
        // the owner withdraws; a withdrawn listing cannot be withdrawn again nor asked for
        as(eve).delete("/v1/listings/" + evesListing).then().statusCode(204);
        assertThat(problemType(CatalogApiTest.problem(as(eve).delete("/v1/listings/" + evesListing).then(), 409)))
                .isEqualTo("listing-not-open");
        CatalogApiTest.problem(ask(mo, evesListing, mosListing), 409);
    }
}
