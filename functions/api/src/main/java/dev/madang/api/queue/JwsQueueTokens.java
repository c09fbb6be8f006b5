package dev.madang.api.queue;

import dev.madang.api.support.TypedJws;
import dev.madang.aws.account.token.SigningKeySet;
import dev.madang.domain.queue.QueuePlace;
import dev.madang.domain.queue.QueueTokens;
import io.smallrye.jwt.build.Jwt;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The waiting room's tokens as {@link TypedJws}, each with its own {@code typ}, so neither passes for the other, for a
 * ticket code, a captcha pass or an access token:
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

    private final TypedJws places;
    private final TypedJws admissions;

    /** @param keys the published keys; null for a signer that never reads (a test minting tokens) */
    public JwsQueueTokens(Supplier<SigningKeySet> signing, VerificationKeyResolver keys) {
        this.places = new TypedJws(PLACE, signing, keys);
        this.admissions = new TypedJws(ADMISSION, signing, keys);
    }

    @Override
    public String signPlace(QueuePlace p) {
        return places.sign(Jwt.claims().subject(p.userId()).claim("rid", p.roundId()).claim("sec", p.second())
                .claim("off", p.offset()).issuedAt(p.enteredAt().getEpochSecond())
                .expiresAt(p.enteredAt().plus(PLACE_LIFETIME).getEpochSecond()));
    }

    @Override
    public Optional<QueuePlace> readPlace(String token) {
        return read(places, token, true).flatMap(c -> {
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
        return admissions.sign(Jwt.claims().subject(a.userId()).claim("rid", a.roundId())
                .expiresAt(a.expiresAt().getEpochSecond()).claim("jti", UUID.randomUUID().toString()));
    }

    @Override
    public Optional<RoomAdmission> readAdmission(String token) {
        return read(admissions, token, false).flatMap(c -> {
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
    private static Optional<JwtClaims> read(TypedJws jws, String token, boolean unexpired) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        return jws.read(token.strip()).filter(claims -> {
            try {
                NumericDate exp = claims.getExpirationTime();
                return claims.getSubject() != null && exp != null
                        && (!unexpired || exp.getValue() > Instant.now().getEpochSecond());
            } catch (MalformedClaimException e) {
                return false;
            }
        });
    }
}
