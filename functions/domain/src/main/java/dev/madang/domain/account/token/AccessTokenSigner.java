package dev.madang.domain.account.token;

import dev.madang.domain.account.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Issues short-lived access tokens (docs/architecture.md §6): JWTs signed with an asymmetric key, header
 * {@code alg=RS256}, {@code typ=JWT} and the signing key's {@code kid}; claims {@code iss}, {@code aud}, {@code sub}
 * (the account id), {@code groups} (the role names), {@code iat}, {@code exp}, {@code jti} (unique per token) and
 * {@code token_use=access}, so that no other kind of token the platform might sign can pass for an access token, and
 * {@code identity_verified} (whether the account had verified its identity when the token was issued: the booking
 * path reads it from the signed token instead of reading the account on every hold); and, for a token issued in a
 * session, {@code sid}: the session's refresh-token family, so that a request can say which session it comes from
 * (a password change keeps that one and ends the account's others).
 * Verifiers pin the algorithm and check {@code iss}, {@code aud}, {@code typ} and {@code token_use}.
 */
public interface AccessTokenSigner {

    /** How long an access token lives unless a signer is configured otherwise. */
    Duration DEFAULT_TTL = Duration.ofMinutes(15);

    /** The value of the {@code token_use} claim in every access token. */
    String TOKEN_USE = "access";

    /** The name of the claim saying whether the account's identity was verified at issue time. */
    String IDENTITY_VERIFIED = "identity_verified";

    /** The name of the claim naming the session (the refresh-token family) a token was issued in (OpenID's sid). */
    String SESSION_ID = "sid";

    /**
     * The name of the claim listing the memberships running when the token was issued (a members' presale and member
     * discount read it, never the membership store; a membership that lapses shows in the next token, at most one
     * access-token lifetime later).
     */
    String MEMBERSHIPS = "memberships";

    /**
     * {@code sessionId} is the refresh-token family the token is issued in (null for one outside any session);
     * {@code memberships} the memberships the account holds now.
     */
    AccessToken issue(String accountId, Set<Role> roles, boolean identityVerified, String sessionId,
                      Set<String> memberships);

    /** A token naming no memberships. */
    default AccessToken issue(String accountId, Set<Role> roles, boolean identityVerified, String sessionId) {
        return issue(accountId, roles, identityVerified, sessionId, Set.of());
    }

    /** A token outside any session (tests, tools): it has no {@code sid}. */
    default AccessToken issue(String accountId, Set<Role> roles, boolean identityVerified) {
        return issue(accountId, roles, identityVerified, null);
    }

    /** A token for an account that has not verified its identity. */
    default AccessToken issue(String accountId, Set<Role> roles) {
        return issue(accountId, roles, false);
    }

    /** A signed compact JWT and the instant its {@code exp} claim names. */
    record AccessToken(String value, Instant expiresAt) {

        @Override
        public String toString() {
            return "AccessToken[value=<hidden>, expiresAt=" + expiresAt + "]";
        }
    }
}
