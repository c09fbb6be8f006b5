package dev.madang.api;

import dev.madang.localstack.TossSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Memberships over HTTP with the real payment flow: organisers offer them; fans buy and renew them as orders the payment
 * workflow confirms, see them in their next token, and cancel a purchase within its refund days; a round's presale
 * admits members only, and a member's hold reads nothing more than anyone's (counted); members get the round's
 * discount.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
public class MembershipsApiTest {

    @BeforeEach
    void webhooksReachThisApi() {
        LocalAwsResource.toss.webhookUrl(URI.create("http://localhost:" + RestAssured.port + "/v1/hooks/toss"));
    }

    static RequestSpecification with(String accessToken) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON);
    }

    static String offer(String name, long price) {
        return CatalogApiTest.admin().body(Map.of("name", name, "price", price, "periodDays", 365,
                        "benefits", "선예매, 10% 할인", "refundDays", 7))
                .post("/v1/admin/memberships").then().statusCode(201).extract().path("membershipId");
    }

    /** Buys one period as the fan and pays it by card through the Toss sandbox: the order id. */
    static String buyAndPay(String access, String membershipId, long price) {
        String orderId = with(access).body(Map.of("membershipId", membershipId, "method", "CARD"))
                .post("/v1/me/memberships").then().statusCode(201).body("amount", equalTo((int) price))
                .body("orderName", containsString("멤버십 365일")).extract().path("orderId");
        String key = LocalAwsResource.toss.authorize(orderId, price, TossSandbox.PayMethod.CARD);
        with(access).body(Map.of("paymentKey", key, "amount", price)).post("/v1/orders/" + orderId + "/payment")
                .then().statusCode(200).body("status", equalTo("PAID")).body("tickets", hasSize(0));
        return orderId;
    }

    /** A verified fan who bought the membership, with an access token refreshed since: it names the membership. */
    static String memberToken(String membershipId) {
        Fans.Tokens fan = Fans.newFan(Fans.uniqueEmail(), "Madang-" + java.util.UUID.randomUUID());
        buyAndPay(fan.access(), membershipId, 30000);
        return Fans.Tokens.of(Fans.refresh(fan.refresh()).statusCode(200)).access();
    }

    static List<String> membershipsIn(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(payload).getList("memberships", String.class);
    }

    static OffsetDateTime validUntil(String access, String membershipId) {
        List<Map<String, Object>> cards = with(access).get("/v1/me/memberships").then().statusCode(200)
                .extract().path("items");
        return cards.stream().filter(c -> membershipId.equals(c.get("membershipId")))
                .map(c -> OffsetDateTime.parse((String) c.get("validUntil"))).findFirst().orElseThrow();
    }

    @Test
    void a_fan_buys_renews_and_cancels_a_membership_through_the_payment_workflow() {
        String membershipId = offer("마당 팬클럽", 30000);
        List<String> offered = given().get("/v1/memberships").then().statusCode(200).extract().path("items.membershipId");
        assertThat(offered).contains(membershipId);
        Fans.Tokens fan = Fans.newFan(Fans.uniqueEmail(), "Madang-" + java.util.UUID.randomUUID());
        assertThat(membershipsIn(fan.access())).isNullOrEmpty();

        // a tampered amount never reaches the PG, as for seats
        String unpaid = with(fan.access()).body(Map.of("membershipId", membershipId, "method", "CARD"))
                .post("/v1/me/memberships").then().statusCode(201).extract().path("orderId");
        String key = LocalAwsResource.toss.authorize(unpaid, 1000, TossSandbox.PayMethod.CARD);
        CatalogApiTest.problem(with(fan.access()).body(Map.of("paymentKey", key, "amount", 1000))
                .post("/v1/orders/" + unpaid + "/payment").then(), 422).body("type", endsWith("amount-mismatch"));

        buyAndPay(fan.access(), membershipId, 30000);
        OffsetDateTime first = validUntil(fan.access(), membershipId);
        assertThat(first).isBetween(OffsetDateTime.now().plusDays(364), OffsetDateTime.now().plusDays(366));
        // the next token names it: the booking path reads it there
        String refreshed = Fans.Tokens.of(Fans.refresh(fan.refresh()).statusCode(200)).access();
        assertThat(membershipsIn(refreshed)).containsExactly(membershipId);

        // renewing adds a period to the end of the one running
        String renewal = buyAndPay(fan.access(), membershipId, 30000);
        assertThat(Duration.between(first, validUntil(fan.access(), membershipId)).toDays()).isEqualTo(365);

        // cancelled within the refund days: the renewal is refunded in full and the card is back where it was
        with(fan.access()).post("/v1/me/memberships/" + membershipId + "/cancellation").then().statusCode(200)
                .body("active", equalTo(true));
        assertThat(validUntil(fan.access(), membershipId)).isEqualTo(first);
        with(fan.access()).get("/v1/orders/" + renewal).then().statusCode(200).body("status", equalTo("REFUNDED"));
        // another fan has no such membership to cancel
        CatalogApiTest.problem(PaymentsApiTest.as("ms-stranger").post("/v1/me/memberships/" + membershipId
                + "/cancellation").then(), 404);
        CatalogApiTest.problem(PaymentsApiTest.as("ms-stranger").body(Map.of("name", "x", "price", 1000,
                "periodDays", 30)).post("/v1/admin/memberships").then(), 403);
        CatalogApiTest.problem(CatalogApiTest.admin().body(Map.of("name", "x", "price", 1000, "periodDays", 0))
                .post("/v1/admin/memberships").then(), 400).body("errors[0].field", equalTo("periodDays"));
    }

    @Test
    void a_membership_paid_by_virtual_account_is_granted_once_the_deposit_arrives() {
        String membershipId = offer("가상계좌 팬클럽", 50000);
        Fans.Tokens fan = Fans.newFan(Fans.uniqueEmail(), "Madang-" + java.util.UUID.randomUUID());
        String orderId = with(fan.access()).body(Map.of("membershipId", membershipId, "method", "VIRTUAL_ACCOUNT",
                        "refundAccount", Map.of("bankCode", "088", "accountNumber",
                                PaymentsApiTest.REFUND_ACCOUNT_NUMBER, "holderName", "김팬")))
                .post("/v1/me/memberships").then().statusCode(201).extract().path("orderId");
        String key = LocalAwsResource.toss.authorize(orderId, 50000, TossSandbox.PayMethod.VIRTUAL_ACCOUNT);
        with(fan.access()).body(Map.of("paymentKey", key, "amount", 50000)).post("/v1/orders/" + orderId + "/payment")
                .then().statusCode(200).body("status", equalTo("AWAITING_DEPOSIT"));
        List<Map<String, Object>> none = with(fan.access()).get("/v1/me/memberships").then().extract().path("items");
        assertThat(none).isEmpty();

        LocalAwsResource.toss.deposit(key, 2);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(
                with(fan.access()).get("/v1/orders/" + orderId).then().extract().path("status")));
        assertThat(validUntil(fan.access(), membershipId))
                .isBetween(OffsetDateTime.now().plusDays(364), OffsetDateTime.now().plusDays(366));
    }

    /** A presale round for members of {@code membershipId}: presale open since an hour, general sale tomorrow. */
    public static String presaleRound(String membershipId, int discountPercent) {
        String venue = CatalogApiTest.createVenue(Layouts.grid(1, 1, 6));
        String perf = CatalogApiTest.createPerformance("멤버십 선예매", "CONCERT");
        Map<String, Object> body = new LinkedHashMap<>(CatalogApiTest.roundBody(venue, CatalogApiTest.NEXT_MONTH, 1));
        body.put("saleOpensAt", OffsetDateTime.now().plusDays(1).toString());
        body.put("memberSale", Map.of("membershipIds", List.of(membershipId),
                "presaleOpensAt", OffsetDateTime.now().minusHours(1).toString(), "discountPercent", discountPercent));
        return CatalogApiTest.admin().body(body).post("/v1/admin/performances/" + perf + "/rounds").then()
                .statusCode(201).body("memberSale.discountPercent", equalTo(discountPercent))
                .extract().path("id");
    }

    /** The DynamoDB requests of the fewest-costing of three holds of one seat each (warm caches). */
    static long fewestRequests(Supplier<ValidatableResponse> hold) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = DynamoRequests.sent();
            hold.get().statusCode(201);
            fewest = Math.min(fewest, DynamoRequests.sent() - before);
        }
        return fewest;
    }

    @Test
    void a_presale_admits_members_only_and_a_members_hold_reads_nothing_more_than_anyones() {
        String membershipId = offer("선예매 팬클럽", 30000);
        String round = presaleRound(membershipId, 10);
        given().get("/v1/rounds/" + round).then().statusCode(200).body("presale", equalTo(true))
                .body("onSale", equalTo(false));
        CatalogApiTest.problem(PaymentsApiTest.as("ms-outsider").body(Map.of("roundId", round, "seatIds",
                List.of("A-1-1"))).post("/v1/holds").then(), 403).body("type", endsWith("members-only-presale"));
        CatalogApiTest.problem(PaymentsApiTest.as("ms-outsider").body(Map.of("roundId", round, "sectionId", "A",
                "partySize", 1)).post("/v1/holds/best-available").then(), 403);

        String member = memberToken(membershipId);
        int[] seat = {0};
        long memberHold = fewestRequests(() -> with(member).body(Map.of("roundId", round, "seatIds",
                List.of("A-1-" + (++seat[0])))).post("/v1/holds").then());
        // the same hold by someone in an ordinary sale, side by side
        String open = TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH);
        int[] other = {0};
        long anyoneHold = fewestRequests(() -> PaymentsApiTest.as("ms-anyone").body(Map.of("roundId", open,
                "seatIds", List.of("A-1-" + (++other[0])))).post("/v1/holds").then());
        System.out.println("hold DynamoDB requests: member_in_presale=" + memberHold + " anyone_in_sale=" + anyoneHold);
        assertThat(memberHold).isEqualTo(anyoneHold);

        // the member's order gets the round's member discount: 170,000 less 10 %
        String holdId = with(member).body(Map.of("roundId", round, "seatIds", List.of("A-1-5"))).post("/v1/holds")
                .then().statusCode(201).extract().path("holdId");
        with(member).body(Map.of("holdId", holdId, "method", "CARD")).post("/v1/orders").then().statusCode(201)
                .body("seatsTotal", equalTo(170000)).body("discounts[0].source", equalTo("MEMBER"))
                .body("discounts[0].id", equalTo(membershipId)).body("amount", equalTo(153000));
    }
}
