package dev.madang.domain.account;

import dev.madang.domain.account.token.RotatingRefreshTokens;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Violations;
import dev.madang.domain.identity.VerifiedPerson;
import dev.madang.domain.identity.VerifyingIdentity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * "My page": a fan sees and edits their own profile, changes their password, verifies their identity later (social
 * accounts), and closes their account. Every method takes the caller's account id from their token, never from a
 * request body, so nobody can reach another person's account through here; an account that is closed or missing is
 * NOT_FOUND, as anything not yours is.
 *
 * <p>Changing the password and closing the account ask for the current password again: a stolen access token alone
 * must not be enough to lock the owner out or erase their account. Wrong guesses count towards the same throttle as
 * failed logins.
 *
 * <p>Changing the password ends the account's other sessions: whoever logged in with the old password (a thief,
 * a forgotten shared computer) can no longer refresh. The session the change is made in is kept when the caller
 * names it (the API does, from the access token's {@code sid}); a change made outside any session ends them all.
 * Access tokens already issued are not revoked: they lapse within their 15 minutes.
 */
public final class ManagingMyAccount {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final LoginAttempts attempts;
    private final VerifyingIdentity verifying;
    private final RotatingRefreshTokens refreshTokens;
    private final Clock clock;

    public ManagingMyAccount(Accounts accounts, PasswordHasher hasher, LoginAttempts attempts,
                             VerifyingIdentity verifying, RotatingRefreshTokens refreshTokens, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.attempts = attempts;
        this.verifying = verifying;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /** A partial edit: a null field is left as it is. */
    public record ProfileEdit(String name, String phone, Boolean marketingConsent) {

        @Override
        public String toString() {
            return "ProfileEdit[marketingConsent=" + marketingConsent + "]";
        }
    }

    public Account view(String accountId) {
        return accounts.byId(accountId).filter(Account::isActive)
                .orElseThrow(() -> DomainException.notFound("account", accountId));
    }

    public Account edit(String accountId, ProfileEdit edit) {
        Violations v = new Violations();
        Profile.check(edit.name(), edit.phone(), v);
        v.check(edit.name() != null || edit.phone() != null || edit.marketingConsent() != null, "body",
                "name, phone or marketingConsent");
        v.throwIfInvalid("the profile edit is not valid");

        Account account = view(accountId);
        Profile now = account.profile();
        Profile edited = new Profile(edit.name() == null ? now.name() : edit.name().strip(),
                edit.phone() == null ? now.phone() : Profile.normalisePhone(edit.phone()),
                edit.marketingConsent() == null ? now.marketingConsent() : edit.marketingConsent());
        accounts.updateProfile(accountId, edited);
        return account.withProfile(edited);
    }

    /**
     * Changes the password and then ends every other session of the account: every refresh family but
     * {@code currentSessionId}'s (null: every one). Both arrays are read, never kept.
     */
    public void changePassword(String accountId, String currentSessionId, char[] currentPassword,
                               char[] newPassword) {
        Violations v = new Violations();
        v.check(currentPassword != null && currentPassword.length > 0, "currentPassword", "is required");
        PasswordPolicy.problemsWith(newPassword).forEach(reason -> v.add("newPassword", reason));
        v.throwIfInvalid("the password change is not valid");

        Account account = view(accountId);
        if (!account.hasPassword()) {
            throw DomainException.ruleViolated("no-password",
                    "this account logs in through a social provider and has no password", List.of());
        }
        confirmPassword(account, currentPassword, "currentPassword");
        accounts.changePasswordHash(accountId, hasher.hash(newPassword));
        // after the new hash is stored, so that a login with the old password can no longer start a family that
        // this would miss (short of one that checked the old hash a moment before and is still writing its family)
        refreshTokens.revokeFamiliesOf(accountId, currentSessionId);
    }

    /** A later verification, for accounts made by social login; the account then may book. */
    public Account verifyIdentity(String accountId, String identityVerificationId) {
        Account account = view(accountId);
        if (account.isIdentityVerified()) {
            throw DomainException.conflict("identity-already-verified", "this account's identity is verified already");
        }
        VerifiedPerson person = verifying.verify(identityVerificationId);
        VerifiedIdentity identity = VerifiedIdentity.of(person, clock.instant());
        accounts.attachIdentity(accountId, identity, identityVerificationId);
        Profile profile = account.profile();
        Profile filled = new Profile(profile.name() == null ? person.name() : profile.name(),
                profile.phone() == null ? person.phone() : profile.phone(), profile.marketingConsent());
        if (!filled.equals(profile)) {
            accounts.updateProfile(accountId, filled); // attachIdentity stores the identity only
        }
        return account.withIdentity(identity).withProfile(filled);
    }

    /** Closes the account; an account with a password must confirm it. */
    public void close(String accountId, char[] password) {
        Account account = view(accountId);
        if (account.hasPassword()) {
            new Violations().check(password != null && password.length > 0, "password",
                    "is required to close an account that has one").throwIfInvalid("the closure is not valid");
            confirmPassword(account, password, "password");
        }
        accounts.close(account, clock.instant());
    }

    private void confirmPassword(Account account, char[] password, String field) {
        Instant now = clock.instant();
        if (attempts.recentFailures(account.email(), now, LoggingIn.WINDOW) >= LoggingIn.MAX_FAILURES) {
            throw DomainException.throttled("too-many-attempts", "too many wrong passwords; try again later",
                    LoggingIn.WINDOW);
        }
        if (!hasher.matches(password, account.passwordHash())) {
            attempts.recordFailure(account.email(), now);
            throw DomainException.ruleViolated("wrong-password", "the password is not correct",
                    List.of(new FieldError(field, "is not correct")));
        }
    }
}
