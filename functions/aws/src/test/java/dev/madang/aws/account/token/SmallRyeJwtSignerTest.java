package dev.madang.aws.account.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.madang.domain.account.Role;
import dev.madang.domain.account.token.AccessTokenSigner;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmallRyeJwtSignerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static KeyPair keys;
    static KeyPair otherKeys;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00.700Z"), ZoneOffset.UTC);

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    static SmallRyeJwtSigner signer(KeyPair pair, String kid) {
        return new SmallRyeJwtSigner(pair.getPrivate(), kid, "https://auth.madang.dev", "madang-api", CLOCK);
    }

    static boolean verifies(String jwt, PublicKey key) throws Exception {
        int lastDot = jwt.lastIndexOf('.');
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)));
    }

    static String part(String jwt, int i) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[i]), StandardCharsets.UTF_8);
    }

    /**
     * The header and claims as parsed JSON: what they say is the contract, not the order in which the library
     * writes the members.
     */
    @Test
    void the_token_is_an_rs256_jwt_with_the_pinned_header_and_every_claim() throws Exception {
        AccessTokenSigner.AccessToken token = signer(keys, "key-2026-11")
                .issue("01JDACCOUNT", Set.of(Role.ADMIN, Role.USER));

        String jwt = token.value();
        assertThat(jwt.split("\\.")).hasSize(3);
        assertThat(jwt).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(verifies(jwt, keys.getPublic())).isTrue();
        assertThat(JSON.readTree(part(jwt, 0)))
                .isEqualTo(JSON.readTree("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"key-2026-11\"}"));
        ObjectNode payload = (ObjectNode) JSON.readTree(part(jwt, 1));
        String jti = payload.remove("jti").asText();
        assertThat(payload).isEqualTo(JSON.readTree("{\"iss\":\"https://auth.madang.dev\",\"aud\":\"madang-api\","
                + "\"sub\":\"01JDACCOUNT\",\"groups\":[\"USER\",\"ADMIN\"],\"iat\":1795662000,\"exp\":1795662900,"
                + "\"token_use\":\"access\",\"identity_verified\":false}"));
        JsonNode verified = JSON.readTree(part(signer(keys, "key-2026-11").issue("01JDACCOUNT", Set.of(Role.USER),
                true).value(), 1)).get("identity_verified");
        assertThat(verified.isBoolean() && verified.booleanValue()).as("a verified account's token says so").isTrue();
        JsonNode inSession = JSON.readTree(part(signer(keys, "key-2026-11").issue("01JDACCOUNT", Set.of(Role.USER),
                true, "01JDFAMILY").value(), 1));
        assertThat(inSession.get("sid").asText()).as("a token issued in a session names it").isEqualTo("01JDFAMILY");
        assertThat(payload.has("sid")).as("one issued outside any session does not").isFalse();
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-11-26T03:15:00Z"));
        assertThat(Instant.ofEpochSecond(1795662000L)).isEqualTo(Instant.parse("2026-11-26T03:00:00Z"));
        String otherPayload = part(signer(keys, "key-2026-11").issue("01JDACCOUNT", Set.of(Role.USER)).value(), 1);
        assertThat(JSON.readTree(otherPayload).get("jti").asText()).isNotEqualTo(jti).matches("[0-9a-f-]{36}");
        assertThat(token.toString()).doesNotContain(jwt);
    }

    @Test
    void a_token_signed_by_another_key_or_tampered_with_does_not_verify() throws Exception {
        String mine = signer(keys, "k1").issue("01JDACCOUNT", Set.of(Role.USER)).value();
        String theirs = signer(otherKeys, "k1").issue("01JDACCOUNT", Set.of(Role.USER)).value();

        assertThat(verifies(theirs, keys.getPublic())).isFalse();
        assertThat(verifies(mine, otherKeys.getPublic())).isFalse();
        String[] parts = mine.split("\\.");
        String forged = part(mine, 1).replace("[\"USER\"]", "[\"ADMIN\"]");
        assertThat(forged).as("the forgery changed the claims").isNotEqualTo(part(mine, 1));
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                forged.getBytes(StandardCharsets.UTF_8));
        assertThat(verifies(parts[0] + "." + forgedPayload + "." + parts[2], keys.getPublic())).isFalse();
    }

    @Test
    void a_verifier_holding_the_jwks_accepts_the_token_by_its_kid_and_refuses_it_under_another_kid()
            throws Exception {
        String jwks = Jwks.of(Map.of("k1", (RSAPublicKey) keys.getPublic(),
                "k2", (RSAPublicKey) otherKeys.getPublic()));
        // jose4j, the library SmallRye JWT verifies with, given only the published JSON
        JwtConsumer verifier = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
                .setExpectedIssuer("https://auth.madang.dev").setExpectedAudience("madang-api")
                .setRequireExpirationTime().setRequireJwtId()
                .setEvaluationTime(NumericDate.fromSeconds(CLOCK.instant().getEpochSecond()))
                .build();

        JwtClaims claims = verifier.processToClaims(signer(otherKeys, "k2")
                .issue("01JDACCOUNT", Set.of(Role.USER), true).value());

        assertThat(claims.getSubject()).isEqualTo("01JDACCOUNT");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("USER");
        assertThat(claims.getClaimValue("identity_verified")).isEqualTo(true);
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(900);
        String underTheWrongKid = signer(otherKeys, "k1").issue("01JDACCOUNT", Set.of(Role.USER)).value();
        assertThatThrownBy(() -> verifier.processToClaims(underTheWrongKid)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void another_kind_of_token_is_signed_with_the_same_key_its_own_typ_and_lifetime() throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "01JDTICKET");
        claims.put("aud", "madang-gate");
        claims.put("token_use", "ticket-code");
        claims.put("step", 42);
        claims.put("seats", List.of("A-1-1", "A-1-2"));

        SmallRyeJwtSigner.SignedToken code = signer(keys, "key-2026-11")
                .sign(claims, Duration.ofSeconds(30), "ticket-code+jwt");

        assertThat(verifies(code.value(), keys.getPublic())).isTrue();
        assertThat(JSON.readTree(part(code.value(), 0))).isEqualTo(
                JSON.readTree("{\"alg\":\"RS256\",\"typ\":\"ticket-code+jwt\",\"kid\":\"key-2026-11\"}"));
        ObjectNode payload = (ObjectNode) JSON.readTree(part(code.value(), 1));
        assertThat(payload.remove("jti").asText()).matches("[0-9a-f-]{36}");
        assertThat(payload).isEqualTo(JSON.readTree("{\"iss\":\"https://auth.madang.dev\",\"sub\":\"01JDTICKET\","
                + "\"aud\":\"madang-gate\",\"token_use\":\"ticket-code\",\"step\":42,\"seats\":[\"A-1-1\",\"A-1-2\"],"
                + "\"iat\":1795662000,\"exp\":1795662030}"));
        assertThat(code.expiresAt()).isEqualTo(Instant.parse("2026-11-26T03:00:30Z"));
        assertThat(code.toString()).doesNotContain(code.value());
    }

    @Test
    void another_kind_of_token_can_neither_pass_for_an_access_token_nor_set_what_the_signer_owns() {
        SmallRyeJwtSigner signer = signer(keys, "k1");
        Duration ttl = Duration.ofSeconds(30);

        for (String own : List.of("iss", "iat", "exp", "jti")) {
            assertThatThrownBy(() -> signer.sign(Map.of(own, "x"), ttl, "ticket-code+jwt"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(own);
        }
        assertThatThrownBy(() -> signer.sign(Map.of("token_use", "access"), ttl, "JWT"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("access tokens");
        assertThatThrownBy(() -> signer.sign(Map.of(), ttl, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign(Map.of(), ttl, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign(Map.of(), Duration.ofMillis(999), "ticket-code+jwt"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign(Map.of(), null, "ticket-code+jwt"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weak_or_non_rsa_keys_and_missing_settings_are_refused() throws Exception {
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        assertThatThrownBy(() -> new SmallRyeJwtSigner(small.generateKeyPair().getPrivate(), "k", "i", "a", CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        assertThatThrownBy(() -> new SmallRyeJwtSigner(ec.generateKeyPair().getPrivate(), "k", "i", "a", CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmallRyeJwtSigner(keys.getPrivate(), " ", "i", "a", CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_jwks_publishes_each_public_key_with_its_modulus_and_exponent() {
        RSAPublicKey first = (RSAPublicKey) keys.getPublic();
        RSAPublicKey second = (RSAPublicKey) otherKeys.getPublic();
        Map<String, RSAPublicKey> byKid = new LinkedHashMap<>();
        byKid.put("k2", second);
        byKid.put("k1", first);

        String jwks = Jwks.of(byKid);

        Matcher m = Pattern.compile("\\{\"kty\":\"RSA\",\"kid\":\"([^\"]+)\",\"use\":\"sig\",\"alg\":\"RS256\","
                + "\"n\":\"([A-Za-z0-9_-]+)\",\"e\":\"([A-Za-z0-9_-]+)\"}").matcher(jwks);
        assertThat(jwks).startsWith("{\"keys\":[").endsWith("]}");
        Map<String, RSAPublicKey> found = new LinkedHashMap<>();
        while (m.find()) {
            byte[] n = Base64.getUrlDecoder().decode(m.group(2));
            byte[] e = Base64.getUrlDecoder().decode(m.group(3));
            assertThat(n).hasSize(256); // 2048 bits, no sign byte
            assertThat(n[0]).isNotZero();
            RSAPublicKey key = byKid.get(m.group(1));
            assertThat(new BigInteger(1, n)).isEqualTo(key.getModulus());
            assertThat(new BigInteger(1, e)).isEqualTo(key.getPublicExponent());
            assertThat(m.group(3)).isEqualTo("AQAB");
            found.put(m.group(1), key);
        }
        assertThat(found.keySet()).containsExactly("k1", "k2");
        assertThat(Jwks.unsigned(BigInteger.valueOf(65537))).isEqualTo("AQAB");
        assertThat(Jwks.unsigned(BigInteger.valueOf(255))).isEqualTo("_w");
    }
}
