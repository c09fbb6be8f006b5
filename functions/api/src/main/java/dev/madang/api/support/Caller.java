package dev.madang.api.support;

import dev.madang.domain.account.token.AccessTokenSigner;
import io.quarkus.security.UnauthorizedException;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, from their verified access token: never from a request body. */
public final class Caller {

    private Caller() {
    }

    public static String subject(JsonWebToken token) {
        String sub = token.getSubject();
        if (sub == null || sub.isBlank()) {
            throw new UnauthorizedException("token without subject");
        }
        return sub;
    }

    /** The signed {@code identity_verified} claim; booking and paying need it. */
    public static boolean identityVerified(JsonWebToken token) {
        Object claim = token.getClaim(AccessTokenSigner.IDENTITY_VERIFIED);
        return Boolean.TRUE.equals(claim)
                || claim instanceof JsonValue json && json.getValueType() == JsonValue.ValueType.TRUE;
    }
}
