package dev.madang.api;

import io.smallrye.jwt.build.Jwt;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Tokens signed with a key pair made for this test run: real signatures, verified by the API as in production. */
public final class TestTokens {

    static final String ISSUER = "https://madang.dev/auth";
    static final KeyPair KEYS = generate();
    static final KeyPair STRANGER = generate();

    private TestTokens() {
    }

    static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
    }

    public static String admin() {
        return token(Set.of("ADMIN"), Instant.now().plusSeconds(900), KEYS, "madang-api");
    }

    public static String fan() {
        return fan("test-fan");
    }

    public static String fan(String subject) {
        return Jwt.issuer(ISSUER).audience("madang-api").subject(subject).groups(Set.of("USER"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(900))
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(KEYS.getPrivate());
    }

    static String expiredAdmin() {
        return token(Set.of("ADMIN"), Instant.now().minusSeconds(60), KEYS, "madang-api");
    }

    static String adminSignedByStranger() {
        return token(Set.of("ADMIN"), Instant.now().plusSeconds(900), STRANGER, "madang-api");
    }

    static String adminForOtherAudience() {
        return token(Set.of("ADMIN"), Instant.now().plusSeconds(900), KEYS, "someone-else");
    }

    private static String token(Set<String> groups, Instant expiresAt, KeyPair keys, String audience) {
        return Jwt.issuer(ISSUER).audience(audience).subject("test-" + String.join("-", groups))
                .groups(groups).issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt)
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(keys.getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
