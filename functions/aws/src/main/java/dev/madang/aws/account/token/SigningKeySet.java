package dev.madang.aws.account.token;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The access-token signing keys: RSA private keys of at least {@value #MIN_BITS} bits, each under a {@code kid},
 * exactly one of them active (the one new tokens are signed with). Every key in the set is published in the JWKS,
 * so a token signed with any of them verifies. Immutable; the rotation steps return a new set.
 *
 * <h2>Stored form</h2>
 * What the Secrets Manager secret (and locally {@code .madang/dev-keys/signing-keys.json}) holds:
 * <pre>{@code
 * {"activeKid":"2026-11-k1","keys":[{"kid":"2026-11-k1","privateKey":"-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n"}]}
 * }</pre>
 * {@code privateKey} is an unencrypted PKCS#8 PEM ({@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048}
 * writes one; a PKCS#1 {@code BEGIN RSA PRIVATE KEY} converts with {@code openssl pkcs8 -topk8 -nocrypt}). Only
 * private keys are stored: the public half is derived from the CRT parameters, so a set can never publish a public
 * key that does not belong to its private key. Unknown members are ignored, so notes can ride along. A kid is 1 to
 * 64 of {@code A-Z a-z 0-9 . _ -}; naming keys after the month they were made ({@code 2026-11-k1}) keeps the
 * rotation history readable.
 *
 * <h2>Rotating without refusing a valid token</h2>
 * A verifier accepts a token only if the token's kid is in the JWKS it holds, and verifiers cache the JWKS (the API's
 * SmallRye JWT, per {@code smallrye.jwt.jwks.refresh-interval}; API Gateway's JWT authorizer too). Signers reload the
 * set only every few minutes ({@link SecretsManagerSigningKeys#DEFAULT_MAX_AGE}). Hence three steps, each one a new
 * version of the secret ({@code KeyTool add|activate|retire}, then {@code aws secretsmanager put-secret-value}):
 * <ol>
 *   <li><b>Publish</b> ({@link #withNewKey}): the new key joins the set but does not sign. Wait until every verifier
 *       has refreshed its JWKS, i.e. at least the longest JWKS cache interval plus the signers' reload interval
 *       (the JWKS endpoint serves what its instance loaded). Activating earlier would hand out tokens that verifiers
 *       still holding the old JWKS refuse.</li>
 *   <li><b>Activate</b> ({@link #activate}): new tokens are signed with the new key as each signer reloads. The old
 *       key stays published, because tokens it signed are still live.</li>
 *   <li><b>Retire</b> ({@link #retire}): once the old key's last token has expired, that is no sooner than the
 *       signers' reload interval (the last instance still signing with it) plus the access-token lifetime (15
 *       minutes) after step 2. Leaving it longer is harmless; retiring it early refuses live tokens. The active key
 *       can never be retired.</li>
 * </ol>
 * For an emergency (a key leaked) the same steps apply with the waits shortened deliberately: retiring the leaked key
 * at once logs its holders out, which is then the point.
 *
 * <h2>Key material stays in</h2>
 * No method puts key material into an exception message or {@link #toString()} (which shows the kids only): parse
 * errors name the member and the key's position or kid, never the value, and do not chain the parser's exception,
 * whose message may quote the input.
 */
public final class SigningKeySet {

    /** The smallest RSA modulus accepted, as RFC 7518 section 3.3 requires for RS256. */
    public static final int MIN_BITS = 2048;
    /** Size of generated keys: the minimum is the common choice for RS256 and keeps signing fast on Lambda. */
    public static final int GENERATED_BITS = 2048;

    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";
    // two "activeKid" members, or a second document after the first, would leave it to the parser which one counts
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String activeKid;
    private final Map<String, RSAPrivateCrtKey> keys;
    private final Map<String, RSAPublicKey> publicKeys;

    private SigningKeySet(String activeKid, Map<String, RSAPrivateCrtKey> keys) {
        if (!keys.containsKey(activeKid)) {
            throw new IllegalArgumentException("the active kid '" + activeKid + "' is not in the set " + keys.keySet());
        }
        this.activeKid = activeKid;
        this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
        Map<String, RSAPublicKey> publics = new TreeMap<>();
        this.keys.forEach((kid, key) -> publics.put(kid, publicKeyOf(key)));
        this.publicKeys = Collections.unmodifiableMap(publics);
    }

    // ------------------------------------------------------------------------------------------------------
    // Creating
    // ------------------------------------------------------------------------------------------------------

    /** A set of one freshly generated key, active: the start of a new secret. */
    public static SigningKeySet generate(String kid) {
        requireKid(kid);
        return new SigningKeySet(kid, Map.of(kid, newKey()));
    }

    /** A set of one existing key, active: for a key made elsewhere ({@code openssl genpkey}, an older key file). */
    public static SigningKeySet of(String kid, PrivateKey key) {
        requireKid(kid);
        return new SigningKeySet(kid, Map.of(kid, checkKey(key, "key '" + kid + "'")));
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException naming what is wrong (and where), without any of the input's key material
     */
    public static SigningKeySet parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("the signing key set is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // the parser's message quotes the offending token, which may be part of a key: keep only its position
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("the signing key set is not valid JSON, or repeats a member"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the signing key set must be a JSON object with activeKid and keys");
        }
        JsonNode active = root.get("activeKid");
        if (active == null || !active.isTextual() || !KID.matcher(active.asText()).matches()) {
            throw new IllegalArgumentException("the signing key set needs \"activeKid\": a kid of 1 to 64 of "
                    + "A-Z a-z 0-9 . _ -");
        }
        JsonNode list = root.get("keys");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("the signing key set needs \"keys\": a non-empty array of "
                    + "{\"kid\",\"privateKey\"}");
        }
        Map<String, RSAPrivateCrtKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String where = "keys[" + i + "]";
            if (!entry.isObject()) {
                throw new IllegalArgumentException(where + " must be an object with kid and privateKey");
            }
            JsonNode kid = entry.get("kid");
            if (kid == null || !kid.isTextual() || !KID.matcher(kid.asText()).matches()) {
                // the value is not echoed: a kid that fails the pattern might be a pasted key
                throw new IllegalArgumentException(where + " needs \"kid\": 1 to 64 of A-Z a-z 0-9 . _ -");
            }
            where = where + " (kid '" + kid.asText() + "')";
            if (keys.containsKey(kid.asText())) {
                throw new IllegalArgumentException(where + " repeats a kid");
            }
            JsonNode pem = entry.get("privateKey");
            if (pem == null || !pem.isTextual()) {
                throw new IllegalArgumentException(where + " needs \"privateKey\": a PKCS#8 PEM string");
            }
            keys.put(kid.asText(), readPrivateKey(pem.asText(), where));
        }
        if (!keys.containsKey(active.asText())) {
            throw new IllegalArgumentException("activeKid '" + active.asText() + "' is none of the keys' kids "
                    + keys.keySet());
        }
        return new SigningKeySet(active.asText(), keys);
    }

    /** The stored form ({@link #parse} reads it back), keys in kid order. It holds the private keys: store it only. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("activeKid", activeKid);
        ArrayNode entries = root.putArray("keys");
        keys.forEach((kid, key) -> entries.addObject().put("kid", kid).put("privateKey", pem(key)));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // a tree of strings always writes; no message of this kind may carry the keys it was writing
            throw new IllegalStateException("could not write the signing key set");
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Rotation
    // ------------------------------------------------------------------------------------------------------

    /** Rotation step 1: a set with a freshly generated key under {@code kid}, published but not signing. */
    public SigningKeySet withNewKey(String kid) {
        return withKey(kid, newKey());
    }

    /** Step 1 with a key made elsewhere (an HSM export, {@code openssl genpkey}): published but not signing. */
    public SigningKeySet withKey(String kid, PrivateKey key) {
        requireKid(kid);
        if (keys.containsKey(kid)) {
            throw new IllegalArgumentException("the set already has a key '" + kid + "'; kids are never reused");
        }
        RSAPrivateCrtKey checked = checkKey(key, "key '" + kid + "'");
        Map<String, RSAPrivateCrtKey> next = new LinkedHashMap<>(keys);
        next.put(kid, checked);
        return new SigningKeySet(activeKid, next);
    }

    /**
     * Rotation step 2: {@code kid}, already in the set, signs from now on. Activating the active key changes nothing,
     * so a step repeated by an operator is harmless.
     */
    public SigningKeySet activate(String kid) {
        requirePresent(kid);
        return kid.equals(activeKid) ? this : new SigningKeySet(kid, keys);
    }

    /** Rotation step 3: the set without {@code kid}, which is no longer published. The active key is refused. */
    public SigningKeySet retire(String kid) {
        requirePresent(kid);
        if (kid.equals(activeKid)) {
            throw new IllegalArgumentException("'" + kid + "' is the active key and cannot be retired; activate "
                    + "another key first");
        }
        Map<String, RSAPrivateCrtKey> next = new LinkedHashMap<>(keys);
        next.remove(kid);
        return new SigningKeySet(activeKid, next);
    }

    // ------------------------------------------------------------------------------------------------------
    // Use
    // ------------------------------------------------------------------------------------------------------

    public String activeKid() {
        return activeKid;
    }

    /** The kids in the set, in order. */
    public List<String> kids() {
        return List.copyOf(keys.keySet());
    }

    public PrivateKey activePrivateKey() {
        return keys.get(activeKid);
    }

    /** Every key's public half by kid (kid order): all of them verify, whichever is active. */
    public Map<String, RSAPublicKey> publicKeys() {
        return publicKeys;
    }

    /** The public keys as a JSON Web Key Set, for the JWKS endpoint and for verifiers. */
    public String jwks() {
        return Jwks.of(publicKeys);
    }

    /** A signer with the active key, its kid in every token header; access tokens live the default 15 minutes. */
    public SmallRyeJwtSigner activeSigner(String issuer, String audience, Clock clock) {
        return new SmallRyeJwtSigner(activePrivateKey(), activeKid, issuer, audience, clock);
    }

    /** A signer with the active key whose access tokens live {@code accessTokenTtl}. */
    public SmallRyeJwtSigner activeSigner(String issuer, String audience, Clock clock, Duration accessTokenTtl) {
        return new SmallRyeJwtSigner(activePrivateKey(), activeKid, issuer, audience, clock, accessTokenTtl);
    }

    /** Equal when the kids, the keys and the active kid are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKeySet other && activeKid.equals(other.activeKid) && keys.equals(other.keys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(activeKid, keys.keySet());
    }

    /** Kids only: this string may end up in a log. */
    @Override
    public String toString() {
        return "SigningKeySet[active=" + activeKid + ", kids=" + keys.keySet() + "]";
    }

    // ------------------------------------------------------------------------------------------------------

    private void requirePresent(String kid) {
        if (kid == null || !keys.containsKey(kid)) {
            throw new IllegalArgumentException("the set has no key '" + kid + "' (kids: " + keys.keySet() + ")");
        }
    }

    private static void requireKid(String kid) {
        if (kid == null || !KID.matcher(kid).matches()) {
            throw new IllegalArgumentException("a kid is 1 to 64 of A-Z a-z 0-9 . _ -");
        }
    }

    private static RSAPrivateCrtKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(GENERATED_BITS);
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
    }

    private static RSAPrivateCrtKey readPrivateKey(String pem, String where) {
        String text = pem.strip();
        if (text.startsWith("-----BEGIN RSA PRIVATE KEY-----")) {
            throw new IllegalArgumentException(where + ": privateKey is PKCS#1 (BEGIN RSA PRIVATE KEY); convert it "
                    + "to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt");
        }
        if (!text.startsWith(PEM_BEGIN) || !text.endsWith(PEM_END)) {
            throw new IllegalArgumentException(where + ": privateKey must be an unencrypted PKCS#8 PEM, from "
                    + PEM_BEGIN + " to " + PEM_END);
        }
        String body = text.substring(PEM_BEGIN.length(), text.length() - PEM_END.length());
        PrivateKey key;
        try {
            byte[] der = Base64.getMimeDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // neither the cause nor its message: the decoder quotes the offending characters
            throw new IllegalArgumentException(where + ": privateKey is not a readable PKCS#8 RSA private key");
        }
        return checkKey(key, where);
    }

    /**
     * Refuses what would only fail later, far from the cause: short keys, keys without the CRT parameters the public
     * half is derived from, and inconsistent ones (a signature the derived public key does not verify).
     */
    private static RSAPrivateCrtKey checkKey(PrivateKey key, String where) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException(where + ": needs an RSA private key with its CRT parameters");
        }
        if (crt.getModulus().bitLength() < MIN_BITS) {
            throw new IllegalArgumentException(where + ": the RSA key has " + crt.getModulus().bitLength()
                    + " bits; at least " + MIN_BITS + " are required");
        }
        BigInteger p = crt.getPrimeP();
        BigInteger q = crt.getPrimeQ();
        if (p == null || q == null || !p.multiply(q).equals(crt.getModulus()) || !signsAndVerifies(crt)) {
            throw new IllegalArgumentException(where + ": the RSA key is inconsistent (its parameters do not belong "
                    + "together)");
        }
        return crt;
    }

    private static boolean signsAndVerifies(RSAPrivateCrtKey key) {
        try {
            byte[] probe = "madang signing key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKeyOf(key));
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) {
        try {
            PublicKey pub = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            return (RSAPublicKey) pub;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not derive an RSA public key", e);
        }
    }

    private static String pem(PrivateKey key) {
        return PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n" + PEM_END + "\n";
    }
}
