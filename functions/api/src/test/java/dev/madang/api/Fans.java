package dev.madang.api;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Test people: identity verifications registered at the PortOne sandbox, and sign-ups through the API. */
final class Fans {

    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private Fans() {
    }

    /** A person the sandbox has verified (a fresh DI each time): returns the verification id. */
    static String verifiedPerson() {
        int n = PEOPLE.incrementAndGet();
        return verification("DI-" + UUID.randomUUID(), "김팬" + n);
    }

    /** Another verification of a person with this DI (the same human verifying again). */
    static String verification(String di, String name) {
        String id = "iv-" + UUID.randomUUID();
        LocalAwsResource.portOne.verified(id, name, LocalDate.of(1994, 5, 17), "01012345678", "CI-" + di, di);
        return id;
    }

    static String uniqueEmail() {
        return "fan-" + UUID.randomUUID() + "@example.com";
    }

    static Map<String, Object> signUpBody(String email, String password, String verificationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("identityVerificationId", verificationId);
        return body;
    }

    static ValidatableResponse signUp(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/auth/signup").then();
    }

    /** A new verified fan; answers the token response. */
    static Tokens newFan(String email, String password) {
        ValidatableResponse r = signUp(signUpBody(email, password, verifiedPerson())).statusCode(201);
        return new Tokens(r.extract().path("accessToken"), r.extract().path("refreshToken"),
                r.extract().path("accountId"));
    }

    static ValidatableResponse logIn(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/v1/auth/login").then();
    }

    static ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/v1/auth/refresh").then();
    }

    record Tokens(String access, String refresh, String accountId) {
        static Tokens of(ValidatableResponse r) {
            return new Tokens(r.extract().path("accessToken"), r.extract().path("refreshToken"),
                    r.extract().path("accountId"));
        }
    }
}
