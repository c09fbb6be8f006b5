package dev.madang.aws.account.token;

import dev.madang.domain.account.Role;
import dev.madang.domain.account.token.AccessTokenSigner;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.build.JwtException;

import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Signs tokens as compact JWS, RS256, with SmallRye JWT's builder ({@link Jwt}), which works as a plain library:
 * the header is {@code alg=RS256}, the {@code typ} asked for and the {@code kid} of the key, the public half of which
 * {@link Jwks#of} publishes under the same kid. Every token gets {@code iss}, {@code iat} and {@code exp} in whole
 * epoch seconds, and a random {@code jti}.
 *
 * <p>Access tokens ({@link #issue}) carry what {@link AccessTokenSigner} lists, with {@code groups} the role names in
 * a stable order. Other kinds of token (a ticket's rotating code, say) go through {@link #sign}, which refuses
 * {@code token_use=access}: only {@link #issue} makes a token the API accepts as a login.
 *
 * <p>Everything that decides what a token says is set here explicitly (algorithm, kid, issuer, times, jti), so none
 * of SmallRye's {@code smallrye.jwt.new-token.*} defaults, which an application's configuration may set, changes a
 * token.
 */
public final class SmallRyeJwtSigner implements AccessTokenSigner {

    /** The header {@code typ} of access tokens; the API refuses any other. */
    public static final String ACCESS_TOKEN_TYP = "JWT";

    /** Claims this signer writes itself; {@link #sign} refuses them from a caller. */
    private static final Set<String> OWN_CLAIMS = Set.of("iss", "iat", "exp", "jti");

    private final PrivateKey key;
    private final String kid;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Duration ttl;

    public SmallRyeJwtSigner(PrivateKey key, String kid, String issuer, String audience, Clock clock) {
        this(key, kid, issuer, audience, clock, DEFAULT_TTL);
    }

    /** {@code ttl} is the access tokens' lifetime; {@link #sign} takes its own. */
    public SmallRyeJwtSigner(PrivateKey key, String kid, String issuer, String audience, Clock clock, Duration ttl) {
        if (!(key instanceof RSAPrivateKey rsa) || rsa.getModulus().bitLength() < SigningKeySet.MIN_BITS) {
            throw new IllegalArgumentException("RS256 needs an RSA private key of at least 2048 bits");
        }
        if (kid == null || kid.isBlank() || issuer == null || issuer.isBlank() || audience == null
                || audience.isBlank()) {
            throw new IllegalArgumentException("kid, issuer and audience are required");
        }
        requireLifetime(ttl);
        this.key = key;
        this.kid = kid;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        this.ttl = ttl;
    }

    public String kid() {
        return kid;
    }

    /** A compact JWS and the instant its {@code exp} claim names; the value is never shown by {@code toString}. */
    public record SignedToken(String value, Instant expiresAt) {

        @Override
        public String toString() {
            return "SignedToken[value=<hidden>, expiresAt=" + expiresAt + "]";
        }
    }

    @Override
    public AccessToken issue(String accountId, Set<Role> roles, boolean identityVerified, String sessionId,
                             Set<String> memberships) {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("an account id is required");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("sub", accountId);
        claims.put("groups", roles.stream().sorted(Comparator.naturalOrder()).map(Role::name).toList());
        claims.put("token_use", TOKEN_USE);
        claims.put(IDENTITY_VERIFIED, identityVerified);
        if (sessionId != null) {
            claims.put(SESSION_ID, sessionId);
        }
        if (!memberships.isEmpty()) {
            claims.put(MEMBERSHIPS, memberships.stream().sorted().toList());
        }
        SignedToken token = signed(claims, ttl, ACCESS_TOKEN_TYP);
        return new AccessToken(token.value(), token.expiresAt());
    }

    /**
     * Any other kind of token, signed with the same key: {@code claims} as given (strings, numbers, booleans, lists
     * and maps of them) plus {@code iss}, {@code iat}, {@code exp} = {@code iat + ttl} and {@code jti}, which the
     * signer writes and a caller may not. {@code typ} names the kind in the header (e.g. {@code ticket-code+jwt}).
     *
     * @throws IllegalArgumentException for a claim the signer owns, {@code token_use=access}, a blank typ or a ttl
     *                                  under a second
     */
    public SignedToken sign(Map<String, Object> claims, Duration ttl, String typ) {
        for (String own : OWN_CLAIMS) {
            if (claims.containsKey(own)) {
                throw new IllegalArgumentException("the signer writes '" + own + "' itself");
            }
        }
        if (TOKEN_USE.equals(claims.get("token_use"))) {
            throw new IllegalArgumentException("only issue() makes access tokens");
        }
        if (typ == null || typ.isBlank()) {
            throw new IllegalArgumentException("a token says what it is in its typ header");
        }
        requireLifetime(ttl);
        return signed(claims, ttl, typ);
    }

    private SignedToken signed(Map<String, Object> claims, Duration lifetime, String typ) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(lifetime);
        JwtClaimsBuilder builder = Jwt.issuer(issuer);
        claims.forEach(builder::claim);
        builder.issuedAt(issuedAt).expiresAt(expiresAt).claim("jti", UUID.randomUUID().toString());
        try {
            String value = builder.jws().algorithm(SignatureAlgorithm.RS256).keyId(kid).type(typ).sign(key);
            return new SignedToken(value, expiresAt);
        } catch (JwtException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private static void requireLifetime(Duration lifetime) {
        if (lifetime == null || lifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a token lives at least a second");
        }
    }
}
