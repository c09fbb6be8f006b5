package dev.madang.domain.identity;

import dev.madang.domain.common.DomainException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    final VerifyingIdentity verifying = new VerifyingIdentity(provider);

    @Test
    void a_verified_verification_yields_the_person() {
        provider.results.put("iv-1", VerificationResult.verified(HONG));

        assertThat(verifying.verify("iv-1")).isEqualTo(HONG);
        assertThat(provider.asked).containsExactly("iv-1");
    }

    @Test
    void asking_again_asks_the_provider_again_because_once_only_is_the_account_store_s_rule() {
        // a lookup spends nothing: the store claims the id in the transaction that links the person (AccountFakes,
        // DynamoAccountRegistry), so a sign-up refused for its e-mail can be retried with the same verification
        provider.results.put("iv-1", VerificationResult.verified(HONG));

        assertThat(verifying.verify("iv-1")).isEqualTo(HONG);
        assertThat(verifying.verify("iv-1")).isEqualTo(HONG);
        assertThat(provider.asked).containsExactly("iv-1", "iv-1");
    }

    @Test
    void ready_and_failed_are_refused_and_a_finished_verification_is_accepted_later() {
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

        // the user finishes the verification in the browser and submits again
        provider.results.put("iv-ready", VerificationResult.verified(HONG));
        assertThat(verifying.verify("iv-ready")).isEqualTo(HONG);
        assertThat(provider.asked).containsExactly("iv-ready", "iv-failed", "iv-ready");
    }

    @Test
    void an_unknown_verification_is_refused() {
        assertThatThrownBy(() -> verifying.verify("iv-nobody")).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
            assertThat(e.type()).isEqualTo("identity-verification-unknown");
            assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field())
                    .isEqualTo("identityVerificationId"));
        });
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
    void an_outage_reaches_the_caller_as_it_is() {
        provider.outage = new IdentityProviderUnavailable("down");

        assertThatThrownBy(() -> verifying.verify("iv-1")).isInstanceOf(IdentityProviderUnavailable.class);
        provider.outage = null;
        provider.results.put("iv-1", VerificationResult.verified(HONG));
        assertThat(verifying.verify("iv-1")).as("the same id once the provider is back").isEqualTo(HONG);
    }
}
