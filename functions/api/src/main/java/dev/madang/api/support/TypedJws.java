package dev.madang.api.support;

import dev.madang.aws.account.token.SigningKeySet;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Compact JWS of one type, besides access tokens, signed with the API's signing keys: built with SmallRye JWT by the
 * active key (its {@code kid} in the header, RS256, {@code typ} this type), read back with jose4j (the JOSE library
 * under SmallRye JWT) against the published keys. The type keeps every kind apart although one key set signs them
 * all: ticket codes, captcha passes, waiting-room places and admissions are each refused as any other kind, and as
 * a login ({@code AccessTokensOnly} wants {@code typ: JWT}).
 *
 * <p>Times and what the claims must say are each caller's rules (on its own clock, or at a scan's moment), so jose4j's
 * default validators are off; the signature is always verified, RS256 only, and the type compared exactly.
 */
public final class TypedJws {

    private final String type;
    private final Supplier<SigningKeySet> signing;
    private final JwtConsumer consumer;

    /**
     * @param signing the signing key set now (asked once per token signed: only a function that issues tokens of this
     *                type needs the signing secret)
     * @param keys    the published public keys by kid
     */
    public TypedJws(String type, Supplier<SigningKeySet> signing, VerificationKeyResolver keys) {
        this.type = type;
        this.signing = signing;
        this.consumer = keys == null ? null : new JwtConsumerBuilder()
                .setSkipAllDefaultValidators()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(keys)
                .build();
    }

    public String sign(JwtClaimsBuilder claims) {
        SigningKeySet keys = signing.get();
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.activeKid()).type(type)
                .sign(keys.activePrivateKey());
    }

    /** The claims when the text is one token of this type signed by a published key; empty for anything else. */
    public Optional<JwtClaims> read(String compact) {
        if (compact == null || consumer == null) {
            return Optional.empty();
        }
        try {
            JwtContext context = consumer.process(compact);
            if (context.getJoseObjects().size() != 1
                    || !type.equals(context.getJoseObjects().get(0).getHeader("typ"))) {
                return Optional.empty();
            }
            return Optional.of(context.getJwtClaims());
        } catch (InvalidJwtException e) {
            return Optional.empty(); // never echoes the input: every one of these is a bearer credential
        }
    }
}
