package dev.madang.api;

import dev.madang.localstack.PaymentInvariants;
import dev.madang.localstack.TossSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * Exhibitions over HTTP (issue 18): an organiser cuts days into time slots, a fan sees a day's slots with their
 * remaining entries, books two entries of a slot, pays by card through the real workflow, gets a ticket per entry and
 * cancels one, whose entry goes back to the slot.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class EntrySlotsApiTest {

    static final LocalDate DAY = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(20);
    static final int PRICE = 15000;

    static Map<String, Object> slotsBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("days", List.of(DAY.toString(), DAY.plusDays(1).toString()));
        body.put("opensAt", "10:00");
        body.put("closesAt", "12:00");
        body.put("slotMinutes", 60);
        body.put("quota", 30);
        body.put("price", PRICE);
        body.put("perPersonLimit", 4);
        return body;
    }

    /** An exhibition with two days of two slots (10:00, 11:00) of 30 entries, on sale now: its id. */
    static String exhibition() {
        String perf = CatalogApiTest.createPerformance("팝업 스토어", "EXHIBITION");
        CatalogApiTest.admin().body(slotsBody()).post("/v1/admin/performances/" + perf + "/slots").then()
                .statusCode(201).body("slots", hasSize(4)).body("slots[0].onSale", equalTo(true))
                .body("slots[0].grades[0].price", equalTo(PRICE));
        return perf;
    }

    static String slotAt(String perf, int index) {
        return given().queryParam("date", DAY.toString()).get("/v1/performances/" + perf + "/slots").then()
                .statusCode(200).extract().path("slots[" + index + "].roundId");
    }

    @Test
    void a_fan_books_two_entries_pays_gets_two_tickets_and_cancels_one_back_into_the_slot() {
        String perf = exhibition();
        io.restassured.response.ValidatableResponse day = given().queryParam("date", DAY.toString())
                .get("/v1/performances/" + perf + "/slots").then().statusCode(200);
        // cacheable for a second, as the seat status: an edge asks the origin about once a second
        assertThat(day.extract().headers().getValues("Cache-Control")).contains("max-age=1");
        day.body("days", equalTo(List.of(DAY.toString(), DAY.plusDays(1).toString())))
                .body("slots", hasSize(2)).body("slots[0].startsAt", startsWith(DAY + "T10:00"))
                .body("slots[0].endsAt", startsWith(DAY + "T11:00")).body("slots[1].endsAt", equalTo(null))
                .body("slots[0].quota", equalTo(30)).body("slots[0].remaining", equalTo(30))
                .body("slots[0].price", equalTo(PRICE)).body("slots[0].perPersonLimit", equalTo(4));
        String slot = slotAt(perf, 0);

        // within the per-person limit only
        CatalogApiTest.problem(PaymentsApiTest.as("entry-fan").body(BestAvailableApiTest.ask(slot, "ENTRY", null, 5))
                .post("/v1/holds/best-available").then(), 422);
        String holdId = PaymentsApiTest.as("entry-fan").body(BestAvailableApiTest.ask(slot, "ENTRY", null, 2))
                .post("/v1/holds/best-available").then().statusCode(201).body("seats", hasSize(2))
                .body("amount", equalTo(2 * PRICE)).extract().path("holdId");
        // another fan can neither see the hold nor order it
        CatalogApiTest.problem(PaymentsApiTest.as("entry-rival").get("/v1/holds/" + holdId).then(), 404);
        CatalogApiTest.problem(PaymentsApiTest.as("entry-rival").body(Map.of("holdId", holdId, "method", "CARD"))
                .post("/v1/orders").then(), 404);

        String orderId = PaymentsApiTest.as("entry-fan").body(Map.of("holdId", holdId, "method", "CARD"))
                .post("/v1/orders").then().statusCode(201).body("amount", equalTo(2 * PRICE))
                .extract().path("orderId");
        String paymentKey = PaymentsApiTest.toss().authorize(orderId, 2 * PRICE, TossSandbox.PayMethod.CARD);
        PaymentsApiTest.pay("entry-fan", orderId, paymentKey, 2 * PRICE).statusCode(200)
                .body("status", equalTo("PAID"));
        List<String> tickets = PaymentsApiTest.as("entry-fan").get("/v1/orders/" + orderId).then().statusCode(200)
                .body("tickets", hasSize(2)).extract().path("tickets.ticketId");
        PaymentsApiTest.as("entry-fan").get("/v1/tickets/" + tickets.get(0) + "/code").then().statusCode(200);
        CatalogApiTest.problem(PaymentsApiTest.as("entry-rival").get("/v1/orders/" + orderId).then(), 404);

        System.out.println("payment invariants of slot " + slot + ": " + PaymentInvariants.of(LocalAwsResource.aws,
                PaymentsApiTest.toss()).check(slot, Instant.now()).assertHolds());

        // booked today: free to cancel; the entry waits in the slot's release pool for the dawn release, as a seat
        // does (docs/cancellation.md)
        PaymentsApiTest.as("entry-fan").header("Idempotency-Key", "entry-cancel")
                .body(Map.of("ticketIds", tickets.subList(0, 1)))
                .post("/v1/orders/" + orderId + "/ticket-cancellations").then().statusCode(201)
                .body("refund", equalTo(PRICE));
    }

    @Test
    void only_an_admin_makes_slots_and_a_bad_plan_is_a_problem_naming_the_field_that_writes_nothing() {
        String perf = CatalogApiTest.createPerformance("전시", "EXHIBITION");
        String path = "/v1/admin/performances/" + perf + "/slots";
        CatalogApiTest.problem(given().contentType(ContentType.JSON).body(slotsBody()).post(path).then(), 401);
        CatalogApiTest.problem(PaymentsApiTest.as("slot-fan").body(slotsBody()).post(path).then(), 403);
        int before = CatalogApiTest.catalogItems();
        for (Object[] bad : new Object[][] {{"quota", 0}, {"quota", 5001}, {"price", -1}, {"perPersonLimit", 11},
                {"slotMinutes", 5}, {"days", List.of()}}) {
            Map<String, Object> body = new LinkedHashMap<>(slotsBody());
            body.put((String) bad[0], bad[1]);
            CatalogApiTest.problem(CatalogApiTest.admin().body(body).post(path).then(), 400)
                    .body("errors[0].field", equalTo(bad[0]));
        }
        Map<String, Object> past = new LinkedHashMap<>(slotsBody());
        past.put("days", List.of(LocalDate.now().minusDays(2).toString()));
        CatalogApiTest.problem(CatalogApiTest.admin().body(past).post(path).then(), 422);
        assertThat(CatalogApiTest.catalogItems()).isEqualTo(before);
        CatalogApiTest.problem(given().queryParam("date", "tomorrow").get("/v1/performances/" + perf + "/slots")
                .then(), 400).body("errors[0].field", equalTo("date"));
        CatalogApiTest.problem(given().get("/v1/performances/" + perf + "/slots").then(), 400);
    }
}
