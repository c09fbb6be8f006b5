package dev.madang.aws.account.token;

import dev.madang.domain.account.Role;
import dev.madang.domain.account.token.AccessTokenSigner;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens as compact JWS, RS256 ({@code SHA256withRSA}, PKCS#1 v1.5) with the JDK only: the signing input is
 * {@code base64url(header) + "." + base64url(payload)}, both JSON written by {@link Json}, and the token is that
 * input plus {@code "." + base64url(signature)}, all base64url without padding (RFC 7515). The header is
 * {@code {"alg":"RS256","typ":"JWT","kid":...}}; the claims are those {@link AccessTokenSigner} lists, with
 * {@code iat}/{@code exp} in whole epoch seconds and {@code groups} the role names in a stable order. The public
 * half of the key is published with {@link Jwks#of} under the same {@code kid}.
 */
public final class JdkRs256Signer implements AccessTokenSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String kid;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Duration ttl;
    private final String encodedHeader;

    public JdkRs256Signer(PrivateKey key, String kid, String issuer, String audience, Clock clock) {
        this(key, kid, issuer, audience, clock, DEFAULT_TTL);
    }

    public JdkRs256Signer(PrivateKey key, String kid, String issuer, String audience, Clock clock, Duration ttl) {
        if (!(key instanceof RSAPrivateKey rsa) || rsa.getModulus().bitLength() < 2048) {
            throw new IllegalArgumentException("RS256 needs an RSA private key of at least 2048 bits");
        }
        if (kid == null || kid.isBlank() || issuer == null || issuer.isBlank() || audience == null
                || audience.isBlank()) {
            throw new IllegalArgumentException("kid, issuer and audience are required");
        }
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("an access token lives at least a second");
        }
        this.key = key;
        this.kid = kid;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        this.ttl = ttl;
        this.encodedHeader = base64url(Json.object().string("alg", "RS256").string("typ", "JWT").string("kid", kid)
                .toString());
    }

    public String kid() {
        return kid;
    }

    @Override
    public AccessToken issue(String accountId, Set<Role> roles, boolean identityVerified) {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("an account id is required");
        }
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(ttl);
        String payload = Json.object()
                .string("iss", issuer)
                .string("aud", audience)
                .string("sub", accountId)
                .strings("groups", roles.stream().sorted(Comparator.naturalOrder()).map(Role::name).toList())
                .number("iat", issuedAt.getEpochSecond())
                .number("exp", expiresAt.getEpochSecond())
                .string("jti", UUID.randomUUID().toString())
                .string("token_use", TOKEN_USE)
                .bool(IDENTITY_VERIFIED, identityVerified)
                .toString();
        String signingInput = encodedHeader + "." + base64url(payload);
        return new AccessToken(signingInput + "." + BASE64URL.encodeToString(sign(signingInput)), expiresAt);
    }

    private byte[] sign(String signingInput) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return rs256.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
