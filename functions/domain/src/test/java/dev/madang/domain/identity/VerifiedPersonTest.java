package dev.madang.domain.identity;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedPersonTest {

    @Test
    void to_string_never_shows_personal_data() {
        VerifiedPerson person = new VerifiedPerson("홍길동", LocalDate.of(1990, 1, 2), "01012345678", "DI-secret",
                "CI-secret");
        String shown = person.toString() + " " + VerificationResult.verified(person);

        assertThat(shown).contains("홍**")
                .doesNotContain("길동", "1990", "01012345678", "DI-secret", "CI-secret");
    }

    @Test
    void name_birth_date_and_di_are_required_phone_and_ci_are_not() {
        assertThat(new VerifiedPerson("Kim", LocalDate.of(2000, 1, 1), null, "DI", null).phone()).isNull();
        assertThatThrownBy(() -> new VerifiedPerson("Kim", LocalDate.of(2000, 1, 1), null, " ", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerifiedPerson("Kim", null, null, "DI", null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void only_verified_results_carry_a_person() {
        assertThat(VerificationResult.notVerified("READY").verifiedPerson()).isEmpty();
        assertThat(VerificationResult.notFound().status()).isNull();
        assertThatThrownBy(() -> new VerificationResult(VerificationResult.Outcome.NOT_VERIFIED, "FAILED",
                new VerifiedPerson("Kim", LocalDate.of(2000, 1, 1), null, "DI", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
