package dev.madang.api.queue;

import dev.madang.aws.account.token.SigningKeySet;
import dev.madang.domain.queue.QueuePlace;
import dev.madang.domain.queue.QueueTokens;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The waiting room's tokens as compact JWS, signed with SmallRye JWT build by the API's active signing key and read
 * back with jose4j against the published keys, as ticket codes are. Each has its own {@code typ}, so neither passes
 * for the other, for a ticket code or for an access token ({@code AccessTokensOnly} refuses anything not typed
 * {@code JWT}):
 * <ul>
 *   <li>{@value #PLACE}: {@code sub} the account, {@code rid} the round, {@code sec} and {@code off} the place,
 *       {@code iat}, {@code exp} a day later (a line does not last longer);</li>
 *   <li>{@value #ADMISSION}: {@code sub}, {@code rid}, {@code exp} (when the admission window ends), {@code jti}.</li>
 * </ul>
 */
public final class JwsQueueTokens implements QueueTokens {

    public static final String PLACE = "madang-queue+jwt";
    public static final String ADMISSION = "madang-admission+jwt";
    static final Duration PLACE_LIFETIME = Duration.ofDays(1);

    private final Supplier<SigningKeySet> signing;
    private final JwtConsumer consumer;

    public JwsQueueTokens(Supplier<SigningKeySet> signing, VerificationKeyResolver keys) {
        this.signing = signing;
        // the signature always, RS256 only; expiry is checked below against each token's own claim, exactly
        this.consumer = new JwtConsumerBuilder()
                .setSkipAllDefaultValidators()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(keys)
                .build();
    }

    @Override
    public String signPlace(QueuePlace p) {
        SigningKeySet keys = signing.get();
        return Jwt.claims().subject(p.userId()).claim("rid", p.roundId()).claim("sec", p.second())
                .claim("off", p.offset()).issuedAt(p.enteredAt().getEpochSecond())
                .expiresAt(p.enteredAt().plus(PLACE_LIFETIME).getEpochSecond())
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.activeKid()).type(PLACE)
                .sign(keys.activePrivateKey());
    }

    @Override
    public Optional<QueuePlace> readPlace(String token) {
        return read(token, PLACE, true).flatMap(c -> {
            try {
                Number second = c.getClaimValue("sec", Number.class);
                Number offset = c.getClaimValue("off", Number.class);
                String roundId = c.getStringClaimValue("rid");
                if (second == null || offset == null || roundId == null || c.getIssuedAt() == null
                        || offset.doubleValue() < 0 || offset.doubleValue() >= 1) {
                    return Optional.empty();
                }
                return Optional.of(new QueuePlace(roundId, c.getSubject(), second.longValue(), offset.doubleValue(),
                        Instant.ofEpochSecond(c.getIssuedAt().getValue())));
            } catch (MalformedClaimException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public String signAdmission(RoomAdmission a) {
        SigningKeySet keys = signing.get();
        return Jwt.claims().subject(a.userId()).claim("rid", a.roundId())
                .expiresAt(a.expiresAt().getEpochSecond()).claim("jti", UUID.randomUUID().toString())
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.activeKid()).type(ADMISSION)
                .sign(keys.activePrivateKey());
    }

    @Override
    public Optional<RoomAdmission> readAdmission(String token) {
        return read(token, ADMISSION, false).flatMap(c -> {
            try {
                String roundId = c.getStringClaimValue("rid");
                return roundId == null ? Optional.empty() : Optional.of(new RoomAdmission(c.getSubject(), roundId,
                        Instant.ofEpochSecond(c.getExpirationTime().getValue())));
            } catch (MalformedClaimException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The claims of a token of this type, signed by a published key, with a subject and an expiry (a place must not
     * have expired; an admission's expiry is the gate's to judge, so it can say so).
     */
    private Optional<JwtClaims> read(String token, String type, boolean unexpired) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            JwtContext context = consumer.process(token.strip());
            if (context.getJoseObjects().size() != 1 || !type.equals(context.getJoseObjects().get(0).getHeader("typ"))) {
                return Optional.empty();
            }
            JwtClaims claims = context.getJwtClaims();
            NumericDate exp = claims.getExpirationTime();
            if (claims.getSubject() == null || exp == null
                    || unexpired && exp.getValue() <= Instant.now().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty(); // never echoes the input: both are bearer credentials
        }
    }
}
