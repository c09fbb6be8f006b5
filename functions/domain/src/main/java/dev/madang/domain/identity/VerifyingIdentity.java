package dev.madang.domain.identity;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Violations;

import java.util.List;

/**
 * Turns an identity verification id sent by the client into the person the provider vouched for, once. Anything but
 * VERIFIED is refused (422); a verification that already vouched for someone is refused (409). The id is marked used
 * only after the provider confirmed it, so a typo or a READY verification does not burn a real one.
 */
public final class VerifyingIdentity {

    static final String FIELD = "identityVerificationId";

    private final IdentityVerifications verifications;
    private final UsedVerifications used;

    public VerifyingIdentity(IdentityVerifications verifications, UsedVerifications used) {
        this.verifications = verifications;
        this.used = used;
    }

    /** @throws IdentityProviderUnavailable when the provider cannot answer (503, try again) */
    public VerifiedPerson verify(String identityVerificationId) {
        new Violations()
                .check(IdentityVerifications.isWellFormedId(identityVerificationId), FIELD,
                        "1 to 100 letters, digits, '-' or '_'")
                .throwIfInvalid("the identity verification id is not valid");

        VerificationResult result = verifications.check(identityVerificationId);
        switch (result.outcome()) {
            case NOT_FOUND:
                throw refused("identity-verification-unknown", "no identity verification has this id",
                        "unknown verification");
            case NOT_VERIFIED:
                throw refused("identity-not-verified", "the identity verification is " + result.status()
                        + ", not VERIFIED", "not verified (" + result.status() + ")");
            default:
                if (!used.markUsed(identityVerificationId)) {
                    throw DomainException.conflict("identity-verification-used",
                            "this identity verification was already used; verify again");
                }
                return result.person();
        }
    }

    private static DomainException refused(String type, String detail, String reason) {
        return DomainException.ruleViolated(type, detail, List.of(new FieldError(FIELD, reason)));
    }
}
