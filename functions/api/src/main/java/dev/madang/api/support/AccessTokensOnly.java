package dev.madang.api.support;

import dev.madang.domain.account.token.AccessTokenSigner;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * SmallRye JWT has already checked the signature (RS256 only), issuer, audience, expiry and the required claims when
 * this runs; what it does not check is what KIND of token this is. A token only passes as an access token when its
 * header says {@code typ: JWT} and its claims say {@code token_use: access}, so that any other token the platform may
 * one day sign with the same keys (an e-mail link, a ticket QR payload) can never be replayed as a login. A refresh
 * token is opaque and never even parses as a JWT.
 */
@ApplicationScoped
public class AccessTokensOnly implements SecurityIdentityAugmentor {

    private static final Pattern TYP_JWT = Pattern.compile("\"typ\"\\s*:\\s*\"JWT\"");

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Object tokenUse = jwt.getClaim("token_use");
        String use = tokenUse instanceof JsonString json ? json.getString() : tokenUse instanceof String s ? s : null;
        if (!AccessTokenSigner.TOKEN_USE.equals(use) || !headerSaysJwt(jwt)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not an access token"));
        }
        return Uni.createFrom().item(identity);
    }

    private static boolean headerSaysJwt(JsonWebToken jwt) {
        String raw = jwt.getRawToken();
        int dot = raw == null ? -1 : raw.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(raw.substring(0, dot)), StandardCharsets.UTF_8);
            return TYP_JWT.matcher(header).find();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
