package dev.madang.api;

import dev.madang.aws.account.token.SigningKeySet;
import dev.madang.domain.account.Role;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Tokens for the API tests, signed by the production signer with a key set made for this run: an older key that is
 * still published ({@link #OLD_KID}) and the active one ({@link #ACTIVE_KID}), as in the middle of a rotation. The
 * API's signing keys and its verification JWKS both come from {@link #KEYS}. The hand-made tokens below are the
 * attacks the API must refuse: each differs from a good token in one way only.
 */
public final class TestTokens {

    static final String ISSUER = "https://madang.dev/v1/auth";
    static final String AUDIENCE = "madang-api";
    static final String OLD_KID = "test-2026-10";
    static final String ACTIVE_KID = "test-2026-11";
    static final SigningKeySet KEYS = SigningKeySet.generate(OLD_KID).withNewKey(ACTIVE_KID).activate(ACTIVE_KID);
    static final SigningKeySet STRANGER = SigningKeySet.generate(ACTIVE_KID); // same kid, someone else's key

    private TestTokens() {
    }

    public static String admin() {
        return KEYS.activeSigner(ISSUER, AUDIENCE, Clock.systemUTC()).issue("test-admin",
                EnumSet.of(Role.USER, Role.ADMIN)).value();
    }

    public static String fan() {
        return fan("test-fan");
    }

    /** A fan whose identity is verified: may book. */
    public static String fan(String subject) {
        return KEYS.activeSigner(ISSUER, AUDIENCE, Clock.systemUTC()).issue(subject, Set.of(Role.USER), true).value();
    }

    static String unverifiedFan(String subject) {
        return KEYS.activeSigner(ISSUER, AUDIENCE, Clock.systemUTC()).issue(subject, Set.of(Role.USER), false).value();
    }

    static String expiredAdmin() {
        Clock anHourAgo = Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC);
        return KEYS.activeSigner(ISSUER, AUDIENCE, anHourAgo).issue("test-admin", EnumSet.of(Role.ADMIN)).value();
    }

    static String adminSignedByStranger() {
        return STRANGER.activeSigner(ISSUER, AUDIENCE, Clock.systemUTC()).issue("test-admin", EnumSet.of(Role.ADMIN))
                .value();
    }

    static String adminForOtherAudience() {
        return KEYS.activeSigner(ISSUER, "someone-else", Clock.systemUTC()).issue("test-admin", EnumSet.of(Role.ADMIN))
                .value();
    }

    /** Signed with the older key, still published: must pass until it is retired. */
    static String fanSignedWithOldKey(String subject) {
        return KEYS.activate(OLD_KID).activeSigner(ISSUER, AUDIENCE, Clock.systemUTC())
                .issue(subject, Set.of(Role.USER), true).value();
    }

    // ---- hand-made tokens: a good token's header and claims, with one thing changed ----------------------------

    static String header(String alg, String typ, String kid) {
        return "{\"alg\":\"" + alg + "\"" + (typ == null ? "" : ",\"typ\":\"" + typ + "\"")
                + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}";
    }

    static String claims(String subject, String groups, String tokenUse) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + subject + "\",\"groups\":["
                + groups + "],\"iat\":" + now + ",\"exp\":" + (now + 900) + ",\"jti\":\"" + UUID.randomUUID() + "\""
                + (tokenUse == null ? "" : ",\"token_use\":\"" + tokenUse + "\"") + ",\"identity_verified\":true}";
    }

    /** RS256 with the active key over any header and claims. */
    static String rs256(String headerJson, String claimsJson) {
        String input = b64(headerJson) + "." + b64(claimsJson);
        try {
            PrivateKey key = KEYS.activePrivateKey();
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: no signature at all. */
    static String unsigned(String claimsJson) {
        return b64(header("none", "JWT", ACTIVE_KID)) + "." + b64(claimsJson) + ".";
    }

    /** The classic confusion attack: HS256 keyed with the (public) JWKS text or the public key's bytes. */
    static String hs256WithPublicKey(String claimsJson) {
        String input = b64(header("HS256", "JWT", ACTIVE_KID)) + "." + b64(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEYS.publicKeys().get(ACTIVE_KID).getEncoded(), "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
