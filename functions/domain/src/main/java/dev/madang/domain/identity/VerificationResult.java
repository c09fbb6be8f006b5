package dev.madang.domain.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * What the provider says about one identity verification. Only {@link Outcome#VERIFIED} carries a person; a verification
 * that is still {@code READY} (the user has not finished) or {@code FAILED} is {@link Outcome#NOT_VERIFIED} with the
 * provider's status word, so a new status the provider invents one day is refused rather than accepted.
 */
public record VerificationResult(Outcome outcome, String status, VerifiedPerson person) {

    public enum Outcome { VERIFIED, NOT_VERIFIED, NOT_FOUND }

    public VerificationResult {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.VERIFIED) != (person != null)) {
            throw new IllegalArgumentException("a person comes with VERIFIED and only with VERIFIED");
        }
    }

    public static VerificationResult verified(VerifiedPerson person) {
        return new VerificationResult(Outcome.VERIFIED, "VERIFIED", Objects.requireNonNull(person, "person"));
    }

    /** {@code status} is the provider's word for it, e.g. {@code READY} or {@code FAILED}. */
    public static VerificationResult notVerified(String status) {
        return new VerificationResult(Outcome.NOT_VERIFIED, Objects.requireNonNull(status, "status"), null);
    }

    public static VerificationResult notFound() {
        return new VerificationResult(Outcome.NOT_FOUND, null, null);
    }

    public Optional<VerifiedPerson> verifiedPerson() {
        return Optional.ofNullable(person);
    }
}
