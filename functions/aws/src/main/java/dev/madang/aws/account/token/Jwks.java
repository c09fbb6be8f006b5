package dev.madang.aws.account.token;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public signing keys as a JSON Web Key Set (RFC 7517/7518): one {@code {"kty":"RSA","kid":...,"use":"sig",
 * "alg":"RS256","n":...,"e":...}} per key, in kid order, {@code n} and {@code e} the unsigned big-endian bytes of
 * the modulus and exponent in base64url without padding. Publishing the next key before signing with it, and the
 * previous one until its last token expired, is what lets keys rotate without refusing a valid token.
 */
public final class Jwks {

    private Jwks() {
    }

    public static String of(Map<String, RSAPublicKey> keysByKid) {
        List<Json> keys = new ArrayList<>();
        for (Map.Entry<String, RSAPublicKey> e : new TreeMap<>(keysByKid).entrySet()) {
            keys.add(Json.object()
                    .string("kty", "RSA")
                    .string("kid", e.getKey())
                    .string("use", "sig")
                    .string("alg", "RS256")
                    .string("n", unsigned(e.getValue().getModulus()))
                    .string("e", unsigned(e.getValue().getPublicExponent())));
        }
        return Json.object().objects("keys", keys).toString();
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
