package dev.madang.domain.account;

import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;

import java.time.Clock;

/**
 * A fan opens an account with an e-mail and a password. The e-mail is checked and normalised, the password checked
 * against {@link PasswordPolicy} and hashed; the store claims the e-mail and writes the account in one step, so two
 * sign-ups racing for one e-mail give one account and one {@code email-taken} (409). The request has no role: every
 * account made here is a USER, whatever a client sends.
 */
public final class SigningUp {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final Ids ids;
    private final Clock clock;

    public SigningUp(Accounts accounts, PasswordHasher hasher, Ids ids, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.ids = ids;
        this.clock = clock;
    }

    /** The password is read, never kept; the caller may clear the array afterwards. */
    public record SignUp(String email, char[] password) {

        @Override
        public String toString() {
            return "SignUp[email=" + email + ", password=<hidden>]";
        }
    }

    public Account signUp(SignUp request) {
        String email = EmailAddress.normalise(request.email());
        Violations v = new Violations();
        if (email == null || email.isEmpty()) {
            v.add("email", "is required");
        } else {
            v.check(EmailAddress.isWellFormed(email), "email", "is not a valid e-mail address");
        }
        PasswordPolicy.problemsWith(request.password()).forEach(reason -> v.add("password", reason));
        v.throwIfInvalid("the sign-up request is not valid");

        Account account = Account.newUser(ids.next(), email, hasher.hash(request.password()), clock.instant());
        accounts.create(account); // email-taken (409) when the e-mail is someone's already
        return account;
    }
}
