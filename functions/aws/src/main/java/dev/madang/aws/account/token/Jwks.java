package dev.madang.aws.account.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public signing keys as a JSON Web Key Set (RFC 7517/7518): one {@code {"kty":"RSA","kid":...,"use":"sig",
 * "alg":"RS256","n":...,"e":...}} per key, in kid order, {@code n} and {@code e} the unsigned big-endian bytes of
 * the modulus and exponent in base64url without padding. Publishing the next key before signing with it, and the
 * previous one until its last token expired, is what lets keys rotate without refusing a valid token.
 */
public final class Jwks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwks() {
    }

    public static String of(Map<String, RSAPublicKey> keysByKid) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode keys = root.putArray("keys");
        for (Map.Entry<String, RSAPublicKey> e : new TreeMap<>(keysByKid).entrySet()) {
            keys.addObject()
                    .put("kty", "RSA")
                    .put("kid", e.getKey())
                    .put("use", "sig")
                    .put("alg", "RS256")
                    .put("n", unsigned(e.getValue().getModulus()))
                    .put("e", unsigned(e.getValue().getPublicExponent()));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the JWKS", e);
        }
    }

    /** base64url of the minimal unsigned big-endian bytes (no sign byte), as RFC 7518 section 6.3.1 requires. */
    static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
