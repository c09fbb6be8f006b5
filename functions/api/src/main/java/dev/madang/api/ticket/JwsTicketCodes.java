package dev.madang.api.ticket;

import dev.madang.api.support.TypedJws;
import dev.madang.aws.account.token.SigningKeySet;
import dev.madang.domain.ticket.TicketCode;
import dev.madang.domain.ticket.TicketCodes;
import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ticket codes as compact JWS: signed with SmallRye JWT build by the API's active signing key (its {@code kid} in the
 * header, {@code alg} RS256, {@code typ} {@value #TYPE}), read back with jose4j (the JOSE library under SmallRye JWT)
 * against the published keys (the issuer's JWKS, the same one scanners download). Claims, kept short for the QR:
 * {@code sub} the ticket id, {@code rid} the round id, {@code seat} the seat id, {@code stp} the time step,
 * {@code iat}, {@code exp} (end of the step after {@code stp}) and {@code jti} the code's own id.
 *
 * <p>The type keeps codes and access tokens apart although one key set signs both: a code is refused as a login by
 * {@code AccessTokensOnly} (its {@code typ} is not {@code JWT}, it has no {@code token_use}), and an access token is
 * refused here as a code (its {@code typ} is not this one).
 */
public final class JwsTicketCodes implements TicketCodes {

    public static final String TYPE = "madang-ticket+jwt";

    private final TypedJws jws;

    /**
     * @param signing the signing key set now (asked once per code; only a function that shows codes needs one)
     * @param keys    the published public keys by kid
     */
    public JwsTicketCodes(Supplier<SigningKeySet> signing, VerificationKeyResolver keys) {
        // times are CheckingIn's rule (at the moment of the scan, which may be long before an offline upload)
        this.jws = new TypedJws(TYPE, signing, keys);
    }

    @Override
    public String sign(TicketCode code) {
        return jws.sign(Jwt.claims()
                .subject(code.ticketId())
                .claim("rid", code.roundId())
                .claim("seat", code.seatId())
                .claim("stp", code.step())
                .issuedAt(code.issuedAt().getEpochSecond())
                .expiresAt(code.expiresAt().getEpochSecond())
                .claim(Claims.jti.name(), code.codeId()));
    }

    @Override
    public Optional<TicketCode> verify(String compact) {
        Optional<JwtClaims> read = jws.read(compact);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = read.get();
            String ticketId = claims.getSubject();
            String roundId = claims.getStringClaimValue("rid");
            String seatId = claims.getStringClaimValue("seat");
            Long step = claims.getClaimValue("stp", Long.class);
            String codeId = claims.getJwtId();
            if (ticketId == null || roundId == null || seatId == null || step == null || codeId == null
                    || claims.getIssuedAt() == null || claims.getExpirationTime() == null) {
                return Optional.empty();
            }
            return Optional.of(new TicketCode(ticketId, roundId, seatId, step,
                    Instant.ofEpochSecond(claims.getIssuedAt().getValue()),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()), codeId));
        } catch (MalformedClaimException e) {
            return Optional.empty(); // never echoes the input: a code is a bearer credential for a minute
        }
    }
}
