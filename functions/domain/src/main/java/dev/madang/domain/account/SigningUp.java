package dev.madang.domain.account;

import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;
import dev.madang.domain.identity.VerifiedPerson;
import dev.madang.domain.identity.VerifyingIdentity;

import java.time.Clock;
import java.time.Instant;

/**
 * A fan opens an account with an e-mail, a password and an identity verification (본인인증) done in the browser just
 * before. In order:
 * <ol>
 *   <li>every field is checked, and all mistakes are reported at once (400), before anything costly;</li>
 *   <li>the provider is asked about the verification: anything but VERIFIED is refused (422);</li>
 *   <li>the password is hashed, and the store writes the account with its claims (e-mail, DI, verification id) in one
 *       step: a taken e-mail, a person who already has an account, or a verification already used is a 409 and
 *       writes nothing.</li>
 * </ol>
 * The request has no role and no "verified" flag: every account made here is a USER, verified by the provider's word
 * alone, whatever a client sends.
 */
public final class SigningUp {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final VerifyingIdentity verifying;
    private final Ids ids;
    private final Clock clock;

    public SigningUp(Accounts accounts, PasswordHasher hasher, VerifyingIdentity verifying, Ids ids, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.verifying = verifying;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * The password is read, never kept; the caller may clear the array afterwards. {@code name} is the name shown on
     * bookings (the verified name when absent); {@code marketingConsent} is opt-in.
     */
    public record SignUp(String email, char[] password, String identityVerificationId, String name,
                         boolean marketingConsent) {

        @Override
        public String toString() {
            return "SignUp[password=<hidden>, marketingConsent=" + marketingConsent + "]";
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
        VerifyingIdentity.check(request.identityVerificationId(), v);
        Profile.check(request.name(), null, v);
        v.throwIfInvalid("the sign-up request is not valid");

        VerifiedPerson person = verifying.verify(request.identityVerificationId());
        Instant now = clock.instant();
        String name = request.name() == null ? person.name() : request.name().strip();
        Account account = Account.newUser(ids.next(), email, hasher.hash(request.password()), now,
                new Profile(name, person.phone(), request.marketingConsent()), VerifiedIdentity.of(person, now));
        accounts.create(account, request.identityVerificationId());
        return account;
    }
}
