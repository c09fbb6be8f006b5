package dev.madang.aws.account.token;

import dev.madang.domain.account.Role;
import dev.madang.domain.account.token.AccessTokenSigner;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdkRs256SignerTest {

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

    static JdkRs256Signer signer(KeyPair pair, String kid) {
        return new JdkRs256Signer(pair.getPrivate(), kid, "https://auth.madang.dev", "madang-api", CLOCK);
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

    @Test
    void the_token_is_an_rs256_jwt_with_the_pinned_header_and_every_claim() throws Exception {
        AccessTokenSigner.AccessToken token = signer(keys, "key-2026-11")
                .issue("01JDACCOUNT", Set.of(Role.ADMIN, Role.USER));

        String jwt = token.value();
        assertThat(jwt.split("\\.")).hasSize(3);
        assertThat(jwt).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(verifies(jwt, keys.getPublic())).isTrue();
        assertThat(part(jwt, 0)).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"key-2026-11\"}");
        String payload = part(jwt, 1);
        assertThat(payload).startsWith("{\"iss\":\"https://auth.madang.dev\",\"aud\":\"madang-api\","
                + "\"sub\":\"01JDACCOUNT\",\"groups\":[\"USER\",\"ADMIN\"],\"iat\":1795662000,\"exp\":1795662900,"
                + "\"jti\":\"").endsWith("\",\"token_use\":\"access\",\"identity_verified\":false}");
        assertThat(part(signer(keys, "key-2026-11").issue("01JDACCOUNT", Set.of(Role.USER), true).value(), 1))
                .as("a verified account's token says so").endsWith("\",\"token_use\":\"access\",\"identity_verified\":true}");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-11-26T03:15:00Z"));
        assertThat(Instant.ofEpochSecond(1795662000L)).isEqualTo(Instant.parse("2026-11-26T03:00:00Z"));
        String otherPayload = part(signer(keys, "key-2026-11").issue("01JDACCOUNT", Set.of(Role.USER)).value(), 1);
        assertThat(jti(otherPayload)).isNotEqualTo(jti(payload)).matches("[0-9a-f-]{36}");
        assertThat(token.toString()).doesNotContain(jwt);
    }

    static String jti(String payload) {
        Matcher m = Pattern.compile("\"jti\":\"([^\"]+)\"").matcher(payload);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void a_token_signed_by_another_key_or_tampered_with_does_not_verify() throws Exception {
        String mine = signer(keys, "k1").issue("01JDACCOUNT", Set.of(Role.USER)).value();
        String theirs = signer(otherKeys, "k1").issue("01JDACCOUNT", Set.of(Role.USER)).value();

        assertThat(verifies(theirs, keys.getPublic())).isFalse();
        assertThat(verifies(mine, otherKeys.getPublic())).isFalse();
        String[] parts = mine.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                part(mine, 1).replace("[\"USER\"]", "[\"ADMIN\"]").getBytes(StandardCharsets.UTF_8));
        assertThat(verifies(parts[0] + "." + forgedPayload + "." + parts[2], keys.getPublic())).isFalse();
    }

    @Test
    void strings_are_escaped_in_the_json() {
        String json = Json.object().string("a\"b", "x\\y\n\u0001\u2028é").strings("g", java.util.List.of()).toString();
        assertThat(json).isEqualTo("{\"a\\\"b\":\"x\\\\y\\n\\u0001\\u2028é\",\"g\":[]}");
    }

    @Test
    void weak_or_non_rsa_keys_and_missing_settings_are_refused() throws Exception {
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        assertThatThrownBy(() -> new JdkRs256Signer(small.generateKeyPair().getPrivate(), "k", "i", "a", CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        assertThatThrownBy(() -> new JdkRs256Signer(ec.generateKeyPair().getPrivate(), "k", "i", "a", CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JdkRs256Signer(keys.getPrivate(), " ", "i", "a", CLOCK))
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
