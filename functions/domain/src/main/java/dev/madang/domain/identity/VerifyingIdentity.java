package dev.madang.domain.identity;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Violations;

import java.util.List;

/**
 * Turns an identity verification id sent by the client into the person the provider vouched for. Anything but
 * VERIFIED is refused (422). That a verification vouches only once is the account store's rule, not this class's:
 * the store claims the verification id in the same transaction that links the person to an account, so a
 * verification is spent exactly when it vouched for someone (a typo, a READY verification or a sign-up refused for
 * its e-mail burns nothing), and two requests replaying one id cannot both win.
 */
public final class VerifyingIdentity {

    static final String FIELD = "identityVerificationId";

    private final IdentityVerifications verifications;

    public VerifyingIdentity(IdentityVerifications verifications) {
        this.verifications = verifications;
    }

    /** Adds the reason the id is malformed, if it is, so a caller can report it with its other fields. */
    public static void check(String identityVerificationId, Violations v) {
        v.check(IdentityVerifications.isWellFormedId(identityVerificationId), FIELD,
                "1 to 100 letters, digits, '-' or '_'");
    }

    /** @throws IdentityProviderUnavailable when the provider cannot answer (503, try again) */
    public VerifiedPerson verify(String identityVerificationId) {
        Violations v = new Violations();
        check(identityVerificationId, v);
        v.throwIfInvalid("the identity verification id is not valid");

        VerificationResult result = verifications.check(identityVerificationId);
        switch (result.outcome()) {
            case NOT_FOUND:
                throw refused("identity-verification-unknown", "no identity verification has this id",
                        "unknown verification");
            case NOT_VERIFIED:
                throw refused("identity-not-verified", "the identity verification is " + result.status()
                        + ", not VERIFIED", "not verified (" + result.status() + ")");
            default:
                return result.person();
        }
    }

    private static DomainException refused(String type, String detail, String reason) {
        return DomainException.ruleViolated(type, detail, List.of(new FieldError(FIELD, reason)));
    }
}
