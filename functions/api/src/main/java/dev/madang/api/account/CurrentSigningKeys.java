package dev.madang.api.account;

import dev.madang.aws.account.token.SigningKeySet;
import dev.madang.domain.account.Role;
import dev.madang.domain.account.token.AccessTokenSigner;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The signing key set as it is now. From Secrets Manager it is re-read every few minutes, so a rotation (a key
 * added, then made active, then retired) reaches running functions without a deployment; locally it is fixed.
 * Every access token is signed with whatever key is active at that moment, and its kid names it; so is every ticket
 * code ({@code dev.madang.api.ticket.JwsTicketCodes}).
 */
public final class CurrentSigningKeys {

    private final Supplier<SigningKeySet> source;

    CurrentSigningKeys(Supplier<SigningKeySet> source) {
        this.source = source;
    }

    public SigningKeySet current() {
        return source.get();
    }

    AccessTokenSigner signer(String issuer, String audience, Clock clock, Duration lifetime) {
        return new AccessTokenSigner() {
            @Override
            public AccessToken issue(String accountId, Set<Role> roles, boolean identityVerified, String sessionId,
                                     Set<String> memberships) {
                return current().activeSigner(issuer, audience, clock, lifetime)
                        .issue(accountId, roles, identityVerified, sessionId, memberships);
            }
        };
    }
}
