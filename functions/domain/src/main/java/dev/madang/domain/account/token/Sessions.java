package dev.madang.domain.account.token;

import dev.madang.domain.account.Account;
import dev.madang.domain.account.Accounts;
import dev.madang.domain.common.DomainException;

import java.util.Set;
import java.util.function.Function;

/**
 * A logged-in session: a short-lived access token and a rotating refresh token (one family per login). The family
 * id is the session's id: every access token of the session carries it as {@code sid}.
 *
 * <p>A refresh reads the account again, so an access token never outlives a change by more than its 15 minutes: a
 * closed or disabled account gets no new token (and its family is revoked), a role granted or removed and a
 * verification done since the last token show up in the next one. That read is one GetItem per refresh, every 15
 * minutes per session, and keeps the hot booking path free of account reads.
 */
public final class Sessions {

    private final Accounts accounts;
    private final AccessTokenSigner signer;
    private final RotatingRefreshTokens refreshTokens;
    private final Function<String, Set<String>> runningMemberships;

    /** Sessions whose tokens name no memberships. */
    public Sessions(Accounts accounts, AccessTokenSigner signer, RotatingRefreshTokens refreshTokens) {
        this(accounts, signer, refreshTokens, accountId -> Set.of());
    }

    /**
     * @param runningMemberships the memberships an account holds now (one read at login and at each refresh, so the
     *                           booking path never reads them)
     */
    public Sessions(Accounts accounts, AccessTokenSigner signer, RotatingRefreshTokens refreshTokens,
                    Function<String, Set<String>> runningMemberships) {
        this.accounts = accounts;
        this.signer = signer;
        this.refreshTokens = refreshTokens;
        this.runningMemberships = runningMemberships;
    }

    /** What a client holds after login; never logged. */
    public record Tokens(AccessTokenSigner.AccessToken access, RotatingRefreshTokens.Issued refresh) {
    }

    /** A new session (login, sign-up, social login) for an account the caller has authenticated. */
    public Tokens start(Account account) {
        if (!account.isActive()) {
            throw DomainException.unauthenticated("invalid-credentials", "the account cannot log in");
        }
        RotatingRefreshTokens.Issued refresh = refreshTokens.issue(account.id());
        return new Tokens(accessFor(account, refresh.familyId()), refresh);
    }

    /** Rotates the refresh token and issues an access token reflecting the account as it is now. */
    public Tokens refresh(String refreshToken) {
        RotatingRefreshTokens.Issued next = refreshTokens.rotate(refreshToken);
        Account account = accounts.byId(next.accountId()).filter(Account::isActive).orElse(null);
        if (account == null) {
            refreshTokens.revokeFamily(next.familyId());
            throw DomainException.unauthenticated("invalid-refresh-token", "the refresh token is not valid; log in again");
        }
        return new Tokens(accessFor(account, next.familyId()), next);
    }

    /** Logout: the refresh token's family is revoked; the access token lapses within its short lifetime. */
    public void end(String refreshToken) {
        refreshTokens.logOut(refreshToken);
    }

    /** The access token names its session (the refresh family), so a request can say which session it is from. */
    private AccessTokenSigner.AccessToken accessFor(Account account, String familyId) {
        return signer.issue(account.id(), account.roles(), account.isIdentityVerified(), familyId,
                runningMemberships.apply(account.id()));
    }
}
