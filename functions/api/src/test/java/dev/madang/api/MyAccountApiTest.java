package dev.madang.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** My page over HTTP: my profile only, edits, password change, closing the account; and booking needs a verified identity. */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class MyAccountApiTest {

    static final String PASSWORD = "Correct-Horse-42";

    static RequestSpecification as(Fans.Tokens who) {
        return given().auth().oauth2(who.access()).contentType(ContentType.JSON);
    }

    @Test
    void a_fan_edits_their_own_profile_and_only_the_editable_fields() {
        Fans.Tokens fan = Fans.newFan(Fans.uniqueEmail(), PASSWORD);
        as(fan).body(Map.of("name", "  새 이름 ", "phone", "010-9876-5432", "marketingConsent", true))
                .patch("/v1/me").then().statusCode(200)
                .body("name", equalTo("새 이름")).body("phone", equalTo("01098765432"))
                .body("marketingConsent", equalTo(true));
        as(fan).body(Map.of("marketingConsent", false)).patch("/v1/me").then().statusCode(200)
                .body("name", equalTo("새 이름")).body("marketingConsent", equalTo(false));
        as(fan).get("/v1/accounts/" + fan.accountId()).then().statusCode(200).body("name", equalTo("새 이름"));

        // a body that sets a role, the verification or the e-mail is refused, naming each field, and changes nothing
        CatalogApiTest.problem(as(fan).body(Map.of("role", "ADMIN", "identityVerified", false, "email", "x@y.zz",
                "name", "해커")).patch("/v1/me").then(), 400)
                .body("errors.field", containsInAnyOrder("email", "identityVerified", "role"));
        CatalogApiTest.problem(as(fan).body(Map.of("phone", "12345")).patch("/v1/me").then(), 400)
                .body("errors.field", containsInAnyOrder("phone"));
        CatalogApiTest.problem(as(fan).body(Map.of("name", "x".repeat(51))).patch("/v1/me").then(), 400);
        CatalogApiTest.problem(as(fan).body(Map.of()).patch("/v1/me").then(), 400);
        as(fan).get("/v1/me").then().statusCode(200).body("name", equalTo("새 이름")).body("roles", equalTo(List.of("USER")))
                .body("identityVerified", equalTo(true));
    }

    @Test
    void nobody_reads_or_changes_another_persons_account() {
        Fans.Tokens alice = Fans.newFan(Fans.uniqueEmail(), PASSWORD);
        Fans.Tokens bob = Fans.newFan(Fans.uniqueEmail(), PASSWORD);
        as(alice).body(Map.of("name", "앨리스")).patch("/v1/me").then().statusCode(200);

        CatalogApiTest.problem(as(bob).get("/v1/accounts/" + alice.accountId()).then(), 404);
        CatalogApiTest.problem(as(bob).body(Map.of("name", "밥이 바꿈")).patch("/v1/accounts/" + alice.accountId())
                .then(), 404);
        // an id that exists and one that does not answer alike
        String missing = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
        String forAlice = CatalogApiTest.problem(as(bob).get("/v1/accounts/" + alice.accountId()).then(), 404)
                .extract().path("title");
        String forNobody = CatalogApiTest.problem(as(bob).get("/v1/accounts/" + missing).then(), 404)
                .extract().path("title");
        assertThat(forAlice).isEqualTo(forNobody);
        as(alice).get("/v1/me").then().body("name", equalTo("앨리스"));
        CatalogApiTest.problem(given().get("/v1/me").then(), 401);
    }

    @Test
    void changing_the_password_needs_the_current_one() {
        String email = Fans.uniqueEmail();
        Fans.Tokens fan = Fans.newFan(email, PASSWORD);
        CatalogApiTest.problem(as(fan).body(Map.of("currentPassword", "Wrong-Horse-42", "newPassword", "Brand-New-Pass-7"))
                .put("/v1/me/password").then(), 422).body("type", endsWith("wrong-password"));
        CatalogApiTest.problem(as(fan).body(Map.of("currentPassword", PASSWORD, "newPassword", "short"))
                .put("/v1/me/password").then(), 400)
                .body("errors.field", org.hamcrest.Matchers.everyItem(equalTo("newPassword")));
        as(fan).body(Map.of("currentPassword", PASSWORD, "newPassword", "Brand-New-Pass-7")).put("/v1/me/password")
                .then().statusCode(204);
        CatalogApiTest.problem(Fans.logIn(email, PASSWORD), 401);
        Fans.logIn(email, "Brand-New-Pass-7").statusCode(200);
    }

    @Test
    void changing_the_password_on_one_device_ends_the_other_devices_sessions_and_keeps_this_one() {
        String email = Fans.uniqueEmail();
        Fans.Tokens signUp = Fans.newFan(email, PASSWORD);
        Fans.Tokens phone = Fans.Tokens.of(Fans.logIn(email, PASSWORD).statusCode(200));
        Fans.Tokens laptop = Fans.Tokens.of(Fans.logIn(email, PASSWORD).statusCode(200));
        phone = Fans.Tokens.of(Fans.refresh(phone.refresh()).statusCode(200)); // a refreshed session is the same one

        as(phone).body(Map.of("currentPassword", PASSWORD, "newPassword", "Brand-New-Pass-7")).put("/v1/me/password")
                .then().statusCode(204);

        CatalogApiTest.problem(Fans.refresh(laptop.refresh()), 401).body("type", endsWith("invalid-refresh-token"));
        CatalogApiTest.problem(Fans.refresh(signUp.refresh()), 401);
        // the laptop's access token is not revoked: it lapses on its own within its 15 minutes
        as(laptop).get("/v1/me").then().statusCode(200);
        Fans.Tokens phoneAgain = Fans.Tokens.of(Fans.refresh(phone.refresh()).statusCode(200));
        Fans.refresh(phoneAgain.refresh()).statusCode(200);
        // logging in again with the new password starts a new session, which works
        Fans.Tokens laptopAgain = Fans.Tokens.of(Fans.logIn(email, "Brand-New-Pass-7").statusCode(200));
        Fans.refresh(laptopAgain.refresh()).statusCode(200);
    }

    @Test
    void a_password_change_made_with_a_token_from_outside_any_session_ends_every_session() {
        String email = Fans.uniqueEmail();
        Fans.Tokens phone = Fans.newFan(email, PASSWORD);
        Fans.Tokens laptop = Fans.Tokens.of(Fans.logIn(email, PASSWORD).statusCode(200));
        // a token without sid, as tokens issued before sessions were named in them
        String noSession = TestTokens.fan(phone.accountId());

        given().auth().oauth2(noSession).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "Brand-New-Pass-7")).put("/v1/me/password")
                .then().statusCode(204);

        CatalogApiTest.problem(Fans.refresh(phone.refresh()), 401);
        CatalogApiTest.problem(Fans.refresh(laptop.refresh()), 401);
    }

    @Test
    void closing_an_account_erases_the_person_and_ends_every_session() {
        String email = Fans.uniqueEmail();
        String di = "DI-" + java.util.UUID.randomUUID();
        Fans.Tokens fan = Fans.Tokens.of(Fans.signUp(Fans.signUpBody(email, PASSWORD, Fans.verification(di, "이순신")))
                .statusCode(201));
        CatalogApiTest.problem(as(fan).body(Map.of("password", "Wrong-Horse-42")).delete("/v1/me").then(), 422);
        CatalogApiTest.problem(as(fan).delete("/v1/me").then(), 400);
        as(fan).body(Map.of("password", PASSWORD)).delete("/v1/me").then().statusCode(204);

        CatalogApiTest.problem(as(fan).get("/v1/me").then(), 404);
        CatalogApiTest.problem(Fans.logIn(email, PASSWORD), 401);
        CatalogApiTest.problem(Fans.refresh(fan.refresh()), 401);
        // what is kept is only what tickets and payments need to point at
        Map<String, AttributeValue> kept = AccountsTable.account(fan.accountId());
        assertThat(kept).containsKeys("id", "roles", "createdAt", "status", "closedAt")
                .doesNotContainKeys("email", "passwordHash", "name", "phone", "idName", "idBirthDate", "idPhone",
                        "diHash");
        assertThat(kept.get("status").s()).isEqualTo("CLOSED");
        assertThat(kept.toString()).doesNotContain(email).doesNotContain("이순신");
        // the e-mail and the person are free again
        Fans.signUp(Fans.signUpBody(email, PASSWORD, Fans.verification(di, "이순신"))).statusCode(201);
    }

    @Test
    void booking_needs_a_verified_identity() {
        String round = HoldsApiTest.roundOnSale(true);
        CatalogApiTest.problem(given().auth().oauth2(TestTokens.unverifiedFan("someone-unverified"))
                .contentType(ContentType.JSON).body(Map.of("roundId", round, "seatIds", List.of("A-1-1")))
                .post("/v1/holds").then(), 403)
                .body("type", endsWith("identity-verification-required"))
                .body("detail", org.hamcrest.Matchers.containsString("verify"));
        // nothing was taken: a verified fan holds the seat at once
        Fans.Tokens verified = Fans.newFan(Fans.uniqueEmail(), PASSWORD);
        as(verified).body(Map.of("roundId", round, "seatIds", List.of("A-1-1"))).post("/v1/holds").then()
                .statusCode(201);
    }
}
