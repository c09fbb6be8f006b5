package dev.madang.api;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.madang.api.ticket.JwsTicketCodes;
import dev.madang.aws.ticket.DynamoTickets;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.ticket.CodeSteps;
import dev.madang.domain.ticket.RevokingTickets;
import dev.madang.domain.ticket.TicketCode;
import dev.madang.localstack.PaymentInvariants;
import dev.madang.localstack.TossSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.jose4j.lang.UnresolvableKeyException;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Mobile tickets and check-in over HTTP (issue 12): fans with tickets paid through the real payment workflow and the
 * Toss sandbox, codes signed by the API's signing keys, scanner accounts made by an admin and logged in through
 * {@code POST /v1/auth/login}, admissions written to dynalite. Nothing here fakes the signing or the verification: an
 * old code is minted with the same signer and the test key set, a forged one is a real code with a bit flipped.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class TicketsApiTest {

    /** A paid 2-seat order on a fresh round: its round and ticket ids. */
    record Paid(String roundId, List<String> ticketIds) {
    }

    static Paid paidTickets(String fan) {
        Map<String, Object> order = PaymentsApiTest.orderFor(fan, "CARD");
        String orderId = (String) order.get("orderId");
        String paymentKey = PaymentsApiTest.toss().authorize(orderId, 340000, TossSandbox.PayMethod.CARD);
        PaymentsApiTest.pay(fan, orderId, paymentKey, 340000).statusCode(200).body("status", equalTo("PAID"));
        List<String> ids = PaymentsApiTest.as(fan).get("/v1/orders/" + orderId).then().statusCode(200)
                .extract().path("tickets.ticketId");
        assertThat(ids).hasSize(2);
        return new Paid((String) order.get("roundId"), ids);
    }

    /** A scanner account for these rounds, made by an admin, logged in for real: its access token. */
    static String scannerFor(String... roundIds) {
        String email = "door-" + UUID.randomUUID() + "@venue.example";
        String password = "door-pass-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "name", "입구 스캐너", "roundIds", List.of(roundIds)))
                .post("/v1/admin/scanners").then().statusCode(201).header("Cache-Control", containsString("no-store"))
                .body("roles", equalTo(List.of("SCANNER"))).body("roundIds", equalTo(List.of(roundIds)))
                .body("password", nullValue());
        return Fans.logIn(email, password).statusCode(200).extract().path("accessToken");
    }

    static ValidatableResponse code(String fan, String ticketId) {
        return PaymentsApiTest.as(fan).get("/v1/tickets/" + ticketId + "/code").then();
    }

    static String liveCode(String fan, String ticketId) {
        return code(fan, ticketId).statusCode(200).extract().path("code");
    }

    static RequestSpecification scanner(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static ValidatableResponse scan(String scannerToken, String code, String gate) {
        return scanner(scannerToken).body(Map.of("code", code, "gate", gate)).post("/v1/scanner/scans").then();
    }

    static String claimsJson(String compact) {
        return new String(Base64.getUrlDecoder().decode(compact.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void the_holder_gets_a_signed_rotating_code_and_its_qr_and_another_fan_gets_404() throws Exception {
        Paid paid = paidTickets("code-holder");
        String ticketId = paid.ticketIds().get(0);
        ValidatableResponse r = code("code-holder", ticketId).statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("ticketId", equalTo(ticketId)).body("roundId", equalTo(paid.roundId()))
                .body("seatId", notNullValue()).body("expiresAt", notNullValue()).body("refreshAt", notNullValue());
        String code = r.extract().path("code");
        long step = ((Number) r.extract().path("step")).longValue();
        assertThat(Math.abs(step - CodeSteps.stepAt(Instant.now()))).isLessThanOrEqualTo(1);
        String header = new String(Base64.getUrlDecoder().decode(code.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"typ\":\"madang-ticket+jwt\"").contains("\"kid\":\"" + TestTokens.ACTIVE_KID + "\"")
                .contains("\"alg\":\"RS256\"");
        assertThat(claimsJson(code)).contains("\"sub\":\"" + ticketId + "\"").contains("\"rid\":\"" + paid.roundId())
                .contains("\"stp\":" + step).doesNotContain("code-holder");

        // the PNG is the code, and small
        byte[] png = Base64.getDecoder().decode((String) r.extract().path("png"));
        assertThat(png.length).isLessThan(3000);
        assertThat(decodeQr(png)).isEqualTo(code);
        byte[] pngAlone = PaymentsApiTest.as("code-holder").queryParam("format", "png")
                .get("/v1/tickets/" + ticketId + "/code").then().statusCode(200).contentType("image/png")
                .header("Cache-Control", containsString("no-store")).extract().asByteArray();
        assertThat(decodeQr(pngAlone)).startsWith(code.substring(0, code.indexOf('.'))); // a fresh code, same header
        PaymentsApiTest.as("code-holder").queryParam("format", "svg").get("/v1/tickets/" + ticketId + "/code").then()
                .statusCode(200).contentType("image/svg+xml").body(containsString("<svg"));

        // not yours: 404, as if it did not exist; malformed: 400; a code is no login
        CatalogApiTest.problem(code("code-intruder", ticketId), 404);
        CatalogApiTest.problem(code("code-holder", "not-a-ticket"), 400);
        CatalogApiTest.problem(PaymentsApiTest.as("code-holder").queryParam("format", "gif")
                .get("/v1/tickets/" + ticketId + "/code").then(), 400);
        CatalogApiTest.problem(given().auth().oauth2(code).get("/v1/tickets").then(), 401);
    }

    @Test
    void a_code_admits_its_ticket_once_and_a_repeat_is_refused_with_when_and_where_it_was_admitted() {
        Paid paid = paidTickets("door-fan");
        String ticketId = paid.ticketIds().get(0);
        String door = scannerFor(paid.roundId());
        String code = liveCode("door-fan", ticketId);

        scan(door, code, "Gate 3").statusCode(201).body("result", equalTo("ADMITTED"))
                .body("ticketId", equalTo(ticketId)).body("admission.gate", equalTo("Gate 3"))
                .body("admission.admittedAt", notNullValue());
        String admittedAt = PaymentsApiTest.as("door-fan").get("/v1/tickets").then().extract().path(
                "items.find { it.ticketId == '" + ticketId + "' }.status");
        assertThat(admittedAt).isEqualTo("ADMITTED");

        CatalogApiTest.problem(scan(door, code, "Gate 5"), 409).body("type", endsWith("already-admitted"))
                .body("firstAdmission.gate", equalTo("Gate 3")).body("firstAdmission.admittedAt", notNullValue())
                .body("firstAdmission.ticketId", equalTo(ticketId));
        // the holder's phone has nothing more to show for it
        CatalogApiTest.problem(code("door-fan", ticketId), 409).body("type", endsWith("ticket-admitted"));

        given().auth().oauth2(TestTokens.admin()).get("/v1/admin/rounds/" + paid.roundId() + "/admissions").then()
                .statusCode(200).body("admitted", equalTo(1)).body("byGate.'Gate 3'", equalTo(1))
                .body("items", hasSize(1)).body("items[0].ticketId", equalTo(ticketId));
        // an admitted ticket still holds its seat for its PAID order, as every payment invariant expects
        System.out.println("payment invariants of round " + paid.roundId() + ": " + PaymentInvariants.of(
                LocalAwsResource.aws, PaymentsApiTest.toss()).check(paid.roundId(), Instant.now()).assertHolds());
    }

    @Test
    void a_screenshot_older_than_the_rotation_and_a_bit_flipped_code_are_refused_and_admit_nothing() {
        Paid paid = paidTickets("screenshot-fan");
        String ticketId = paid.ticketIds().get(0);
        String door = scannerFor(paid.roundId());
        String live = liveCode("screenshot-fan", ticketId);

        // the code the phone showed 70 s ago, minted by the production signer with the API's keys
        Instant then = Instant.now().minusSeconds(70);
        long oldStep = CodeSteps.stepAt(then);
        String seat = PaymentsApiTest.as("screenshot-fan").get("/v1/tickets").then().extract()
                .path("items.find { it.ticketId == '" + ticketId + "' }.seatId");
        String screenshot = new JwsTicketCodes(() -> TestTokens.KEYS, (jws, nesting) -> {
            throw new UnresolvableKeyException("this instance only signs");
        }).sign(new TicketCode(ticketId, paid.roundId(), seat, oldStep, then, CodeSteps.expiryOf(oldStep), "old-1"));
        CatalogApiTest.problem(scan(door, screenshot, "Gate 1"), 422).body("type", endsWith("ticket-code-expired"));

        // one bit of the signature flipped, then one of the claims (another seat): both forged
        String[] parts = live.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[17] ^= 0x01;
        String flipped = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signature);
        CatalogApiTest.problem(scan(door, flipped, "Gate 1"), 422).body("type", endsWith("ticket-code-invalid"));
        byte[] claims = Base64.getUrlDecoder().decode(parts[1]);
        claims[claims.length - 3] ^= 0x01;
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims) + "."
                + parts[2];
        CatalogApiTest.problem(scan(door, altered, "Gate 1"), 422).body("type", endsWith("ticket-code-invalid"));
        // an access token signed by the same keys is no ticket code
        CatalogApiTest.problem(scan(door, TestTokens.fan("screenshot-fan"), "Gate 1"), 422)
                .body("type", endsWith("ticket-code-invalid"));

        // none of them admitted anything: the live code still does
        scan(door, live, "Gate 1").statusCode(201).body("result", equalTo("ADMITTED"));
    }

    @Test
    void a_revoked_tickets_code_is_refused_online_and_listed_for_offline_scanners() {
        Paid paid = paidTickets("revoked-fan");
        String ticketId = paid.ticketIds().get(1);
        String door = scannerFor(paid.roundId());
        String code = liveCode("revoked-fan", ticketId);
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);

        // what cancelling or refunding the booking will call (its route is not built yet)
        RevokingTickets revoking = new RevokingTickets(new DynamoTickets(LocalAwsResource.aws.dynamo(),
                LocalAwsResource.aws.tableName("OrdersTable")), Clock.systemUTC());
        assertThat(revoking.revoke(ticketId, Ticket.TicketStatus.REFUNDED)).isEqualTo(Ticket.TicketStatus.REFUNDED);

        CatalogApiTest.problem(scan(door, code, "Gate 2"), 409).body("type", endsWith("ticket-revoked"));
        CatalogApiTest.problem(code("revoked-fan", ticketId), 409).body("type", endsWith("ticket-revoked"));
        String syncAgainFrom = scanner(door).queryParam("since", before.toString())
                .get("/v1/scanner/rounds/" + paid.roundId() + "/revocations").then().statusCode(200)
                .body("items.ticketId", hasItem(ticketId))
                .body("items.find { it.ticketId == '" + ticketId + "' }.reason", equalTo("REFUNDED"))
                .body("syncAgainFrom", notNullValue()).extract().path("syncAgainFrom");
        // the other ticket of the order is untouched, and is not listed
        scanner(door).get("/v1/scanner/rounds/" + paid.roundId() + "/revocations").then().statusCode(200)
                .body("items.ticketId", not(hasItem(paid.ticketIds().get(0))));
        assertThat(OffsetDateTime.parse(syncAgainFrom)).isBefore(OffsetDateTime.now());
        CatalogApiTest.problem(scanner(door).queryParam("since", "yesterday")
                .get("/v1/scanner/rounds/" + paid.roundId() + "/revocations").then(), 400);
    }

    @Test
    void a_scanner_of_another_round_is_forbidden_and_roles_stay_apart() {
        Paid paid = paidTickets("scope-fan");
        String otherRound = HoldsApiTest.roundOnSale(true);
        String otherDoor = scannerFor(otherRound);
        String code = liveCode("scope-fan", paid.ticketIds().get(0));

        CatalogApiTest.problem(scan(otherDoor, code, "Gate 1"), 403).body("type", endsWith("round-not-assigned"));
        CatalogApiTest.problem(scanner(otherDoor).get("/v1/scanner/rounds/" + paid.roundId() + "/revocations")
                .then(), 403);
        // a fan cannot scan, a scanner cannot book or read fan routes, nor make scanners
        CatalogApiTest.problem(PaymentsApiTest.as("scope-fan").body(Map.of("code", code, "gate", "G"))
                .post("/v1/scanner/scans").then(), 403);
        CatalogApiTest.problem(scanner(otherDoor).get("/v1/tickets").then(), 403);
        CatalogApiTest.problem(scanner(otherDoor).body(Map.of("email", "x@example.com", "password", "p-123456789x",
                "name", "x", "roundIds", List.of(otherRound))).post("/v1/admin/scanners").then(), 403);
        // an admin's scanner for a round that does not exist is refused, and nothing is made
        CatalogApiTest.problem(given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("email", "ghost-door@venue.example", "password", "door-pass-12345", "name", "유령",
                        "roundIds", List.of("01JZZZZZZZZZZZZZZZZZZZZZZZ"))).post("/v1/admin/scanners").then(), 422)
                .body("type", endsWith("unknown-round"));
        Fans.logIn("ghost-door@venue.example", "door-pass-12345").statusCode(401);
        // the right scanner admits it
        scan(scannerFor(paid.roundId()), code, "Gate 1").statusCode(201);
    }

    @Test
    void offline_scans_are_merged_the_earliest_admission_wins_and_duplicates_are_reported_per_item()
            throws InterruptedException {
        Paid paid = paidTickets("offline-fan");
        String first = paid.ticketIds().get(0);
        String second = paid.ticketIds().get(1);
        String door = scannerFor(paid.roundId());
        ValidatableResponse shown = code("offline-fan", first).statusCode(200);
        String c1 = shown.extract().path("code");
        ValidatableResponse shown2 = code("offline-fan", second).statusCode(200);
        String c2 = shown2.extract().path("code");
        // moments inside both codes' steps (a scan cannot predate the code it read; a step may turn between the two)
        Instant made = java.util.Collections.max(List.of(
                OffsetDateTime.parse(shown.extract().<String>path("issuedAt")).toInstant(),
                OffsetDateTime.parse(shown2.extract().<String>path("issuedAt")).toInstant()));
        Map<String, Object> laterAtB = scanItem(c1, "B", made.plusMillis(600));
        Map<String, Object> earlierAtA = scanItem(c1, "A", made.plusMillis(200));
        Map<String, Object> secondAtA = scanItem(c2, "A", made.plusMillis(400));
        Map<String, Object> batch = Map.of("scans", List.of(laterAtB, earlierAtA, secondAtA));

        scanner(door).body(batch).post("/v1/scanner/scan-batches").then().statusCode(200)
                .body("items.result", equalTo(List.of("ALREADY_ADMITTED", "ADMITTED", "ADMITTED")))
                .body("items[0].index", equalTo(0)).body("items[0].ticketId", equalTo(first))
                .body("items[0].admission.gate", equalTo("A"))
                .body("counts.ADMITTED", equalTo(2)).body("counts.ALREADY_ADMITTED", equalTo(1));
        // the same upload again (its answer was lost): the admissions it made are still its own
        scanner(door).body(batch).post("/v1/scanner/scan-batches").then().statusCode(200)
                .body("items.result", equalTo(List.of("ALREADY_ADMITTED", "ADMITTED", "ADMITTED")));

        // an online scan afterwards is a duplicate naming gate A; "afterwards" on the server's clock: the offline scans
        // are dated up to 600 ms after the codes were issued, and an online scan before that moment would be the
        // earlier admission (the earliest wins) instead of a duplicate, as CI once saw on a fast run
        long untilPastOfflineScans = java.time.Duration.between(Instant.now(), made.plusMillis(700)).toMillis();
        if (untilPastOfflineScans > 0) {
            Thread.sleep(untilPastOfflineScans);
        }
        CatalogApiTest.problem(scan(door, c1, "C"), 409).body("firstAdmission.gate", equalTo("A"));
        // a second device uploads a scan made even earlier: it becomes the first admission, A the duplicate
        scanner(door).body(Map.of("scans", List.of(scanItem(c1, "D", made.plusMillis(50)))))
                .post("/v1/scanner/scan-batches").then().statusCode(200)
                .body("items[0].result", equalTo("ADMITTED")).body("items[0].superseded.gate", equalTo("A"));
        CatalogApiTest.problem(scan(door, c1, "C"), 409).body("firstAdmission.gate", equalTo("D"));

        // a malformed upload writes nothing
        CatalogApiTest.problem(scanner(door).body(Map.of("scans", List.of(Map.of("code", c2, "gate", "A"))))
                .post("/v1/scanner/scan-batches").then(), 400).body("errors[0].field", equalTo("scans[0].scannedAt"));

        // the organiser sees both admissions, counted per gate, a page at a time
        String admin = TestTokens.admin();
        String cursor = given().auth().oauth2(admin).queryParam("limit", 1)
                .get("/v1/admin/rounds/" + paid.roundId() + "/admissions").then().statusCode(200)
                .body("admitted", equalTo(2)).body("byGate.D", equalTo(1)).body("byGate.A", equalTo(1))
                .body("items", hasSize(1)).body("items[0].ticketId", equalTo(first))
                .body("items[0].gate", equalTo("D")).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().auth().oauth2(admin).queryParam("limit", 1).queryParam("cursor", cursor)
                .get("/v1/admin/rounds/" + paid.roundId() + "/admissions").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].ticketId", equalTo(second))
                .body("admitted", nullValue());
        CatalogApiTest.problem(PaymentsApiTest.as("offline-fan")
                .get("/v1/admin/rounds/" + paid.roundId() + "/admissions").then(), 403);
    }

    static Map<String, Object> scanItem(String code, String gate, Instant at) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", code);
        item.put("gate", gate);
        item.put("scannedAt", at.atOffset(java.time.ZoneOffset.ofHours(9)).toString());
        return item;
    }

    /** What a scanner's camera would read: ZXing's own decoder over the image's pixels. */
    static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(),
                image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
