package dev.madang.aws.account.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.madang.domain.account.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class SigningKeySetTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);
    static final String ISSUER = "https://auth.madang.dev";
    static final String AUDIENCE = "madang-api";

    /** k1 active; k1 + k2 with k1 active; the same with k2 active; k2 alone. */
    static SigningKeySet k1;
    static SigningKeySet published;
    static SigningKeySet activated;
    static SigningKeySet retired;

    @BeforeAll
    static void rotate() {
        k1 = SigningKeySet.generate("2026-11-k1");
        published = k1.withNewKey("2026-12-k1");
        activated = published.activate("2026-12-k1");
        retired = activated.retire("2026-11-k1");
    }

    // ------------------------------------------------------------------------------------------------------

    @Test
    void a_generated_set_has_one_active_2048_bit_key_whose_derived_public_half_verifies_it() throws Exception {
        assertThat(k1.activeKid()).isEqualTo("2026-11-k1");
        assertThat(k1.kids()).containsExactly("2026-11-k1");
        RSAPublicKey pub = k1.publicKeys().get("2026-11-k1");
        assertThat(pub.getModulus().bitLength()).isGreaterThanOrEqualTo(2048);
        assertThat(pub.getModulus()).isEqualTo(((RSAPrivateCrtKey) k1.activePrivateKey()).getModulus());
        assertThat(verifies(sign("probe", k1.activePrivateKey()), "probe", pub)).isTrue();
        assertThatThrownBy(() -> k1.publicKeys().put("x", pub)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void the_stored_form_round_trips_and_looks_as_documented() throws Exception {
        String json = activated.toJson();
        SigningKeySet back = SigningKeySet.parse(json);

        assertThat(back).isEqualTo(activated);
        assertThat(back.toJson()).isEqualTo(json);
        assertThat(back.activeKid()).isEqualTo("2026-12-k1");
        assertThat(back.publicKeys()).isEqualTo(activated.publicKeys());

        JsonNode tree = JSON.readTree(json);
        assertThat(tree.get("activeKid").asText()).isEqualTo("2026-12-k1");
        assertThat(tree.get("keys")).hasSize(2);
        assertThat(tree.get("keys").get(0).get("kid").asText()).isEqualTo("2026-11-k1");
        String pem = tree.get("keys").get(1).get("privateKey").asText();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(pem.lines().skip(1).limit(3)).allSatisfy(line -> assertThat(line).hasSize(64));
    }

    @Test
    void a_key_made_elsewhere_is_read_from_its_pkcs8_pem_with_any_line_endings_and_extra_members()
            throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        String pem = "-----BEGIN PRIVATE KEY-----\r\n"
                + Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\r\n-----END PRIVATE KEY-----\r\n";
        ObjectNode root = JSON.createObjectNode().put("activeKid", "hsm.export_1").put("note", "made by openssl");
        root.putArray("keys").addObject().put("kid", "hsm.export_1").put("privateKey", pem).put("createdAt", "x");

        SigningKeySet set = SigningKeySet.parse(JSON.writeValueAsString(root));

        assertThat(set.activeKid()).isEqualTo("hsm.export_1");
        assertThat(set.activePrivateKey().getEncoded()).isEqualTo(key.getEncoded());
        assertThat(set.publicKeys().get("hsm.export_1").getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    void rotation_publishes_then_activates_then_retires() {
        assertThat(published.activeKid()).as("a new key does not sign yet").isEqualTo("2026-11-k1");
        assertThat(published.publicKeys()).containsOnlyKeys("2026-11-k1", "2026-12-k1");
        assertThat(published.jwks()).contains("\"kid\":\"2026-11-k1\"", "\"kid\":\"2026-12-k1\"");

        assertThat(activated.activeKid()).isEqualTo("2026-12-k1");
        assertThat(activated.publicKeys()).as("the old key stays published")
                .containsOnlyKeys("2026-11-k1", "2026-12-k1");
        assertThat(activated.publicKeys()).as("activation changes which key signs, not the keys")
                .isEqualTo(published.publicKeys());
        assertThat(activated.activePrivateKey()).isNotEqualTo(published.activePrivateKey());

        assertThat(retired.activeKid()).isEqualTo("2026-12-k1");
        assertThat(retired.kids()).containsExactly("2026-12-k1");
        assertThat(retired.jwks()).doesNotContain("2026-11-k1");

        // every step returned a new set; the earlier ones are untouched
        assertThat(k1.kids()).containsExactly("2026-11-k1");
        assertThat(published.activeKid()).isEqualTo("2026-11-k1");
        assertThat(activated.activate("2026-12-k1")).as("activating the active key again is harmless")
                .isSameAs(activated);
    }

    @Test
    void rotation_refuses_what_would_break_verification_or_reuse_a_kid() {
        assertThatThrownBy(() -> activated.retire("2026-12-k1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("active key and cannot be retired");
        assertThatThrownBy(() -> k1.retire("2026-11-k1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> activated.activate("2027-01-k1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the set has no key '2027-01-k1' (kids: [2026-11-k1, 2026-12-k1])");
        assertThatThrownBy(() -> retired.retire("2026-11-k1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> published.withNewKey("2026-11-k1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never reused");
        assertThatThrownBy(() -> SigningKeySet.generate("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKeySet.generate("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> k1.withNewKey("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_token_signed_by_an_older_still_published_key_verifies_against_the_rotated_sets_public_keys()
            throws Exception {
        String oldToken = k1.activeSigner(ISSUER, AUDIENCE, CLOCK).issue("01JDFAN", Set.of(Role.USER)).value();
        String newToken = activated.activeSigner(ISSUER, AUDIENCE, CLOCK).issue("01JDFAN", Set.of(Role.USER)).value();

        assertThat(kidOf(oldToken)).isEqualTo("2026-11-k1");
        assertThat(kidOf(newToken)).isEqualTo("2026-12-k1");
        // a verifier picks the key by the token's kid from what the rotated set publishes
        assertThat(verifiesJwt(oldToken, activated.publicKeys().get(kidOf(oldToken)))).isTrue();
        assertThat(verifiesJwt(newToken, activated.publicKeys().get(kidOf(newToken)))).isTrue();
        assertThat(verifiesJwt(newToken, published.publicKeys().get(kidOf(newToken))))
                .as("published before activation: verifiers already hold the new key").isTrue();
        assertThat(verifiesJwt(oldToken, activated.publicKeys().get("2026-12-k1")))
                .as("the kid matters: the other key does not verify it").isFalse();
        assertThat(retired.publicKeys()).as("after retirement the old key's tokens have nothing to verify with")
                .doesNotContainKey(kidOf(oldToken));
    }

    @Test
    void the_jwks_publishes_each_keys_modulus_and_exponent_under_its_kid() throws Exception {
        JsonNode keys = JSON.readTree(published.jwks()).get("keys");
        assertThat(keys).hasSize(2);
        for (JsonNode jwk : keys) {
            RSAPublicKey expected = published.publicKeys().get(jwk.get("kid").asText());
            assertThat(jwk.get("kty").asText()).isEqualTo("RSA");
            assertThat(jwk.get("alg").asText()).isEqualTo("RS256");
            assertThat(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n").asText())))
                    .isEqualTo(expected.getModulus());
            assertThat(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e").asText())))
                    .isEqualTo(expected.getPublicExponent());
            assertThat(jwk.has("d")).as("no private parameter is published").isFalse();
        }
    }

    @Test
    void to_string_names_the_kids_and_nothing_else() {
        assertThat(published.toString()).isEqualTo("SigningKeySet[active=2026-11-k1, kids=[2026-11-k1, 2026-12-k1]]");
    }

    // ------------------------------------------------------------------------------------------------------
    // bad input
    // ------------------------------------------------------------------------------------------------------

    @Test
    void bad_input_is_refused_with_a_clear_message_that_holds_no_key_material() throws Exception {
        String good = published.toJson();
        String pem = JSON.readTree(good).get("keys").get(0).get("privateKey").asText();
        String body = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        String shortPem = pem(shortKey());
        String inconsistentPem = pem(inconsistentKey());

        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(null, "the signing key set is empty");
        cases.put("  ", "the signing key set is empty");
        // the parser's own message would quote the token: here that token is key material
        cases.put("{\"activeKid\":\"k\",\"keys\":[{\"kid\":\"k\",\"privateKey\":" + body.substring(0, 80) + "}]}",
                "not valid JSON");
        cases.put(good.substring(0, good.length() / 2), "not valid JSON");
        cases.put(good + " " + body.substring(0, 40), "not valid JSON");
        cases.put("{\"activeKid\":\"2026-11-k1\",\"activeKid\":\"2026-12-k1\",\"keys\":[]}", "repeats a member");
        cases.put("[\"" + body.substring(0, 100) + "\"]", "must be a JSON object");
        cases.put(edit(good, root -> root.remove("activeKid")), "needs \"activeKid\"");
        cases.put(edit(good, root -> root.put("activeKid", body.substring(0, 100))), "needs \"activeKid\"");
        cases.put(edit(good, root -> root.put("activeKid", "2027-01-k1")),
                "activeKid '2027-01-k1' is none of the keys' kids [2026-11-k1, 2026-12-k1]");
        cases.put(edit(good, root -> root.putArray("keys")), "needs \"keys\"");
        cases.put(edit(good, root -> root.put("keys", "x")), "needs \"keys\"");
        cases.put(edit(good, root -> keys(root).insert(0, "x")), "keys[0] must be an object");
        cases.put(edit(good, root -> key(root, 1).remove("kid")), "keys[1] needs \"kid\"");
        // kid and privateKey swapped by hand: the kid must not be echoed
        cases.put(edit(good, root -> key(root, 0).put("kid", pem)), "keys[0] needs \"kid\"");
        cases.put(edit(good, root -> key(root, 1).put("kid", "2026-11-k1")), "keys[1] (kid '2026-11-k1') repeats a kid");
        cases.put(edit(good, root -> key(root, 0).remove("privateKey")),
                "keys[0] (kid '2026-11-k1') needs \"privateKey\"");
        cases.put(edit(good, root -> key(root, 0).put("privateKey",
                        pem.replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY").replace("END PRIVATE", "END RSA PRIVATE"))),
                "PKCS#1");
        cases.put(edit(good, root -> key(root, 0).put("privateKey", body)), "unencrypted PKCS#8 PEM");
        cases.put(edit(good, root -> key(root, 0).put("privateKey",
                        corrupt(pem, body.substring(70, 110), "!!!!" + body.substring(74, 110)))),
                "not a readable PKCS#8 RSA private key");
        cases.put(edit(good, root -> key(root, 0).put("privateKey",
                        corrupt(pem, body.substring(0, 40), body.substring(40, 80)))),
                "not a readable PKCS#8 RSA private key");
        cases.put(edit(good, root -> key(root, 0).put("privateKey", shortPem)),
                "keys[0] (kid '2026-11-k1'): the RSA key has 1024 bits; at least 2048 are required");
        cases.put(edit(good, root -> key(root, 0).put("privateKey", inconsistentPem)), "inconsistent");

        List<String> secrets = new ArrayList<>();
        for (JsonNode k : JSON.readTree(good).get("keys")) {
            k.get("privateKey").asText().lines().filter(l -> !l.startsWith("-----")).forEach(secrets::add);
        }
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Throwable thrown = catchThrowable(() -> SigningKeySet.parse(c.getKey()));
            assertThat(thrown).as("input %s", describe(c.getKey())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c.getValue());
            assertThat(thrown.getCause()).as("no parser exception (which may quote input) rides along").isNull();
            assertThat(thrown.getMessage()).hasSizeLessThan(240).doesNotContain("MII");
            for (String line : secrets) {
                for (int i = 0; i + 12 <= line.length(); i += 6) {
                    assertThat(thrown.getMessage()).doesNotContain(line.substring(i, i + 12));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------

    static String edit(String json, Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(json);
            change.accept(root);
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces text within one PEM line, and makes sure it did. */
    static String corrupt(String pem, String part, String by) {
        assertThat(pem).contains(part);
        return pem.replace(part, by);
    }

    static ArrayNode keys(ObjectNode root) {
        return (ArrayNode) root.get("keys");
    }

    static ObjectNode key(ObjectNode root, int i) {
        return (ObjectNode) root.get("keys").get(i);
    }

    static String describe(String input) {
        return input == null ? "null" : "of " + input.length() + " chars";
    }

    static PrivateKey shortKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        return generator.generateKeyPair().getPrivate();
    }

    /** A well-formed key whose public exponent does not match its private exponent. */
    static PrivateKey inconsistentKey() throws Exception {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) SigningKeySet.generate("x").activePrivateKey();
        return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(),
                BigInteger.valueOf(3), k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(),
                k.getPrimeExponentQ(), k.getCrtCoefficient()));
    }

    static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static byte[] sign(String text, PrivateKey key) throws Exception {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(text.getBytes(StandardCharsets.UTF_8));
        return rs256.sign();
    }

    static boolean verifies(byte[] signature, String text, PublicKey key) throws Exception {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update(text.getBytes(StandardCharsets.UTF_8));
        return rs256.verify(signature);
    }

    static boolean verifiesJwt(String jwt, PublicKey key) throws Exception {
        int lastDot = jwt.lastIndexOf('.');
        return verifies(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)), jwt.substring(0, lastDot), key);
    }

    static String kidOf(String jwt) throws Exception {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                StandardCharsets.UTF_8);
        return JSON.readTree(header).get("kid").asText();
    }
}
