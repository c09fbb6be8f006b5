package dev.madang.aws.account;

import dev.madang.domain.identity.IdentityVerifications;
import dev.madang.domain.identity.VerificationResult;
import dev.madang.domain.identity.VerifiedPerson;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity provider for the account tests: a verification id made by {@link #fresh()} vouches for a person of
 * its own (a DI nobody else has); one made by {@link #of(VerifiedPerson)} for that person, so tests can make one
 * person verify many times. Any other id is unknown to the provider.
 */
final class TestIdentities implements IdentityVerifications {

    private final Map<String, VerifiedPerson> vouched = new ConcurrentHashMap<>();

    static VerifiedPerson person(String di) {
        return new VerifiedPerson("홍길동", LocalDate.of(1990, 1, 2), "01012345678", di, "CI-" + di);
    }

    /** A new verification of a new person. */
    String fresh() {
        String id = "iv-" + UUID.randomUUID();
        vouched.put(id, person("DI-" + id));
        return id;
    }

    /** A new verification of {@code person}. */
    String of(VerifiedPerson person) {
        String id = "iv-" + UUID.randomUUID();
        vouched.put(id, person);
        return id;
    }

    @Override
    public VerificationResult check(String identityVerificationId) {
        VerifiedPerson person = vouched.get(identityVerificationId);
        return person == null ? VerificationResult.notFound() : VerificationResult.verified(person);
    }
}
