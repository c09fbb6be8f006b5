package dev.madang.api.support;

import dev.madang.aws.support.LogFields;
import dev.madang.domain.account.token.AccessTokenSigner;
import io.quarkus.security.UnauthorizedException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

import java.util.Optional;

/** Who is calling, from their verified access token: never from a request body. */
public final class Caller {

    private Caller() {
    }

    public static String subject(JsonWebToken token) {
        String sub = token.getSubject();
        if (sub == null || sub.isBlank()) {
            throw new UnauthorizedException("token without subject");
        }
        // the account id: an opaque ULID, never the e-mail or phone, so it may stand on every log line
        MDC.put(LogFields.FAN_ID, sub);
        return sub;
    }

    /**
     * The session (refresh-token family) the access token was issued in, from its signed {@code sid} claim; empty for
     * a token issued outside any session.
     */
    public static Optional<String> session(JsonWebToken token) {
        Object claim = token.getClaim(AccessTokenSigner.SESSION_ID);
        String sid = claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null;
        return Optional.ofNullable(sid).filter(id -> !id.isBlank());
    }

    /** The signed {@code identity_verified} claim; booking and paying need it. */
    public static boolean identityVerified(JsonWebToken token) {
        Object claim = token.getClaim(AccessTokenSigner.IDENTITY_VERIFIED);
        return Boolean.TRUE.equals(claim)
                || claim instanceof JsonValue json && json.getValueType() == JsonValue.ValueType.TRUE;
    }

    /** The signed {@code memberships} claim: the memberships running when the token was issued (none if absent). */
    public static java.util.Set<String> memberships(JsonWebToken token) {
        Object claim = token.getClaim(AccessTokenSigner.MEMBERSHIPS);
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        if (claim instanceof java.util.Collection<?> values) {
            return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        return java.util.Set.of();
    }
}
