package dev.madang.api.captcha;

import dev.madang.api.support.TypedJws;
import dev.madang.aws.account.token.SigningKeySet;
import dev.madang.domain.captcha.CaptchaPass;
import dev.madang.domain.captcha.CaptchaPasses;
import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Captcha passes as compact JWS, made exactly as ticket codes are ({@code dev.madang.api.ticket.JwsTicketCodes}):
 * signed with SmallRye JWT build by the API's active signing key (its {@code kid} in the header, {@code alg} RS256,
 * {@code typ} {@value #TYPE}), read back with jose4j against the published keys. Claims: {@code sub} the account,
 * {@code rid} the round, {@code iat}, {@code exp} and {@code jti} the pass's own id (by which it is spent).
 *
 * <p>The type keeps passes apart from everything else one key set signs: a pass is refused as a login by
 * {@code AccessTokensOnly} (its {@code typ} is not {@code JWT}, it has no {@code token_use}) and as a ticket code
 * (its {@code typ} is not theirs), and an access token or a ticket code is refused here.
 */
public final class JwsCaptchaPasses implements CaptchaPasses {

    public static final String TYPE = "madang-captcha-pass+jwt";

    private final TypedJws jws;

    /**
     * @param signing the signing key set now (asked once per pass; only the function that issues passes needs one)
     * @param keys    the published public keys by kid
     */
    public JwsCaptchaPasses(Supplier<SigningKeySet> signing, VerificationKeyResolver keys) {
        // expiry, account and round are ConsumingPasses' rules on our clock
        this.jws = new TypedJws(TYPE, signing, keys);
    }

    @Override
    public String sign(CaptchaPass pass) {
        return jws.sign(Jwt.claims()
                .subject(pass.accountId())
                .claim("rid", pass.roundId())
                .issuedAt(pass.issuedAt().getEpochSecond())
                .expiresAt(pass.expiresAt().getEpochSecond())
                .claim(Claims.jti.name(), pass.passId()));
    }

    @Override
    public Optional<CaptchaPass> verify(String compact) {
        Optional<JwtClaims> read = jws.read(compact);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = read.get();
            String accountId = claims.getSubject();
            String roundId = claims.getStringClaimValue("rid");
            String passId = claims.getJwtId();
            if (accountId == null || roundId == null || passId == null || claims.getIssuedAt() == null
                    || claims.getExpirationTime() == null) {
                return Optional.empty();
            }
            return Optional.of(new CaptchaPass(passId, accountId, roundId,
                    Instant.ofEpochSecond(claims.getIssuedAt().getValue()),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue())));
        } catch (MalformedClaimException e) {
            return Optional.empty(); // never echoes the input: a pass is a bearer credential for two minutes
        }
    }
}
