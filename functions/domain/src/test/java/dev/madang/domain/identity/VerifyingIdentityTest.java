package dev.madang.domain.identity;

import dev.madang.domain.common.DomainException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifyingIdentityTest {

    static final VerifiedPerson HONG = new VerifiedPerson("홍길동", LocalDate.of(1990, 1, 2), "01012345678",
            "DI-hong", "CI-hong");

    /** A provider that answers from a map and remembers what it was asked. */
    static final class Provider implements IdentityVerifications {
        final Map<String, VerificationResult> results = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        RuntimeException outage;

        @Override
        public VerificationResult check(String id) {
            asked.add(id);
            if (outage != null) {
                throw outage;
            }
            return results.getOrDefault(id, VerificationResult.notFound());
        }
    }

    final Provider provider = new Provider();
    final Set<String> usedIds = new HashSet<>();
    final VerifyingIdentity verifying = new VerifyingIdentity(provider, usedIds::add);

    @Test
    void a_verified_verification_yields_the_person_and_is_used_up() {
        provider.results.put("iv-1", VerificationResult.verified(HONG));

        assertThat(verifying.verify("iv-1")).isEqualTo(HONG);
        assertThat(usedIds).containsExactly("iv-1");
    }

    @Test
    void a_verification_vouches_only_once() {
        provider.results.put("iv-1", VerificationResult.verified(HONG));
        verifying.verify("iv-1");

        assertThatThrownBy(() -> verifying.verify("iv-1")).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(e.type()).isEqualTo("identity-verification-used");
        });
    }

    @Test
    void ready_and_failed_are_refused_without_using_the_id_up() {
        provider.results.put("iv-ready", VerificationResult.notVerified("READY"));
        provider.results.put("iv-failed", VerificationResult.notVerified("FAILED"));

        for (String id : List.of("iv-ready", "iv-failed")) {
            assertThatThrownBy(() -> verifying.verify(id)).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
                assertThat(e.type()).isEqualTo("identity-not-verified");
                assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field())
                        .isEqualTo("identityVerificationId"));
            });
        }
        assertThat(usedIds).isEmpty();

        // the user finishes the verification in the browser and submits again
        provider.results.put("iv-ready", VerificationResult.verified(HONG));
        assertThat(verifying.verify("iv-ready")).isEqualTo(HONG);
    }

    @Test
    void an_unknown_verification_is_refused() {
        assertThatThrownBy(() -> verifying.verify("iv-nobody")).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
            assertThat(e.type()).isEqualTo("identity-verification-unknown");
        });
        assertThat(usedIds).isEmpty();
    }

    @Test
    void a_malformed_id_never_reaches_the_provider() {
        List<String> malformed = new ArrayList<>(List.of("", "a/b", "../payments", "iv 1", "본인인증", "a".repeat(101)));
        malformed.add(null);
        for (String id : malformed) {
            assertThatThrownBy(() -> verifying.verify(id)).as(String.valueOf(id))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID));
        }
        assertThat(provider.asked).isEmpty();
        assertThat(IdentityVerifications.isWellFormedId("a".repeat(100))).isTrue();
        assertThat(IdentityVerifications.isWellFormedId("identity-verification-0190_ABC")).isTrue();
    }

    @Test
    void an_outage_reaches_the_caller_and_uses_nothing_up() {
        provider.outage = new IdentityProviderUnavailable("down");

        assertThatThrownBy(() -> verifying.verify("iv-1")).isInstanceOf(IdentityProviderUnavailable.class);
        assertThat(usedIds).isEmpty();
    }
}
