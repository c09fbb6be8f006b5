package dev.madang.domain.cancellation;

import dev.madang.domain.cancellation.CancellationPolicy.FeeTier;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an organiser may set: a well-formed policy, never harsher than the Korean standard in any part. */
class CancellationPolicyTest {

    static final CancellationPolicy STANDARD = CancellationPolicy.koreanStandard();
    static final LocalTime FIVE_PM = LocalTime.of(17, 0);
    static final LocalTime ELEVEN_AM = LocalTime.of(11, 0);

    static CancellationPolicy withTiers(FeeTier... tiers) {
        return new CancellationPolicy(Arrays.asList(tiers), null, true, FIVE_PM, ELEVEN_AM, null);
    }

    static List<FieldError> refusedAs(CancellationPolicy policy, DomainException.Kind kind, String type) {
        List<FieldError> errors = new ArrayList<>();
        assertThatThrownBy(policy::validated).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.type()).isEqualTo(type);
            errors.addAll(e.errors());
        });
        return errors;
    }

    static List<FieldError> tooHarsh(CancellationPolicy policy) {
        return refusedAs(policy, DomainException.Kind.RULE_VIOLATED, "cancellation-policy-too-harsh");
    }

    static List<FieldError> malformed(CancellationPolicy policy) {
        return refusedAs(policy, DomainException.Kind.INVALID, "invalid-request");
    }

    @Test
    void the_standard_reads_as_the_consumer_dispute_standard() {
        assertThat(STANDARD.validated()).isSameAs(STANDARD);
        assertThat(STANDARD.bookingDayGrace()).isTrue();
        assertThat(STANDARD.allowsSameDay()).isFalse();
        assertThat(STANDARD.weekdayCutoff()).isEqualTo(FIVE_PM);
        assertThat(STANDARD.saturdayCutoff()).isEqualTo(ELEVEN_AM);
        assertThat(STANDARD.sundayAndHolidayCutoff()).isNull();
        int[] expected = {-1, 30, 30, 20, 20, 20, 20, 10, 10, 10, 0, 0, 0, 0};
        for (int day = 1; day < expected.length; day++) {
            assertThat(STANDARD.feePercent(day)).as("D-" + day).isEqualTo(expected[day]);
        }
        assertThat(STANDARD.feePercent(365)).isZero();
        assertThat(STANDARD.ruleFor(10).code()).isEqualTo("FREE_UNTIL_D10");
        assertThat(STANDARD.ruleFor(9).code()).isEqualTo("D9_TO_D7_10PCT");
        assertThat(STANDARD.ruleFor(3).code()).isEqualTo("D6_TO_D3_20PCT");
        assertThat(STANDARD.ruleFor(1).code()).isEqualTo("D2_TO_D1_30PCT");
        assertThatThrownBy(() -> STANDARD.feePercent(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_more_generous_policy_is_accepted() {
        CancellationPolicy freeUntilD3 = withTiers(new FeeTier(2, 1, 30));
        assertThat(freeUntilD3.validated()).isSameAs(freeUntilD3);
        assertThat(withTiers(new FeeTier(9, 7, 5), new FeeTier(6, 1, 10)).validated()).isNotNull();
        assertThat(withTiers().validated().feePercent(1)).as("free until the cut-off").isZero();
        assertThat(withTiers(new FeeTier(20, 3, 0), new FeeTier(2, 1, 30)).validated().ruleFor(15).code())
                .as("a 0% tier beyond D-10 is as generous").isEqualTo("D20_TO_D3_0PCT");
        assertThat(new CancellationPolicy(STANDARD.tiers(), 90, true, LocalTime.of(23, 59, 59), LocalTime.of(17, 0),
                LocalTime.of(0, 0)).validated().sameDayFeePercent()).as("same-day at any fee, a Sunday cut-off")
                .isEqualTo(90);
        assertThat(new CancellationPolicy(STANDARD.tiers(), 0, true, FIVE_PM, ELEVEN_AM, null).validated()
                .sameDayFeePercent()).isZero();
    }

    @Test
    void a_harsher_fee_on_any_day_is_refused() {
        assertThat(tooHarsh(withTiers(new FeeTier(2, 1, 40))))
                .containsExactly(new FieldError("tiers", "D-2 costs 40%, more than the standard's 30%"),
                        new FieldError("tiers", "D-1 costs 40%, more than the standard's 30%"));
        assertThat(tooHarsh(withTiers(new FeeTier(10, 7, 10), new FeeTier(6, 3, 20), new FeeTier(2, 1, 30))))
                .as("charging on D-10").containsExactly(new FieldError("tiers",
                        "D-10 costs 10%, more than the standard's 0%"));
        assertThat(tooHarsh(withTiers(new FeeTier(9, 3, 20), new FeeTier(2, 1, 30)))).extracting(FieldError::reason)
                .containsExactly("D-9 costs 20%, more than the standard's 10%",
                        "D-8 costs 20%, more than the standard's 10%", "D-7 costs 20%, more than the standard's 10%");
        assertThat(tooHarsh(withTiers(new FeeTier(30, 1, 5)))).extracting(FieldError::reason)
                .contains("D-30 costs 5%, more than the standard's 0%", "D-10 costs 5%, more than the standard's 0%")
                .hasSize(21);
    }

    @Test
    void an_earlier_cutoff_or_no_booking_day_grace_is_refused_with_every_reason() {
        CancellationPolicy harsh = new CancellationPolicy(STANDARD.tiers(), null, false, LocalTime.of(16, 59, 59),
                LocalTime.of(10, 59), null);
        assertThat(tooHarsh(harsh)).extracting(FieldError::field)
                .containsExactly("bookingDayGrace", "weekdayCutoff", "saturdayCutoff");
    }

    @Test
    void a_malformed_policy_is_refused_before_its_generosity_is_judged() {
        assertThat(malformed(new CancellationPolicy(null, 101, true, null, null, null))).extracting(FieldError::field)
                .containsExactly("weekdayCutoff", "saturdayCutoff", "sameDayFeePercent", "tiers");
        assertThat(malformed(withTiers(new FeeTier(9, 7, 10), new FeeTier(5, 1, 20)))).extracting(FieldError::field)
                .as("a gap on D-6").containsExactly("tiers[1].fromDaysBefore");
        assertThat(malformed(withTiers(new FeeTier(9, 6, 10), new FeeTier(6, 1, 20)))).extracting(FieldError::field)
                .as("D-6 twice").containsExactly("tiers[1].fromDaysBefore");
        assertThat(malformed(withTiers(new FeeTier(9, 3, 10)))).extracting(FieldError::field)
                .as("D-2 and D-1 uncovered").containsExactly("tiers");
        assertThat(malformed(withTiers(new FeeTier(2, 1, 30), new FeeTier(9, 3, 10)))).extracting(FieldError::field)
                .as("nearest first").containsExactly("tiers[1].fromDaysBefore", "tiers");
        assertThat(malformed(withTiers(new FeeTier(1, 2, 0)))).extracting(FieldError::field)
                .contains("tiers[0]");
        assertThat(malformed(withTiers(new FeeTier(366, 1, 0)))).extracting(FieldError::field)
                .containsExactly("tiers[0]");
        assertThat(malformed(withTiers(new FeeTier(3, 0, 0)))).extracting(FieldError::field)
                .contains("tiers[0]");
        assertThat(malformed(withTiers(new FeeTier(2, 1, -1)))).extracting(FieldError::field)
                .containsExactly("tiers[0].feePercent");
        assertThat(malformed(withTiers((FeeTier) null))).extracting(FieldError::field).contains("tiers[0]");
        assertThat(malformed(new CancellationPolicy(STANDARD.tiers(), -1, true, FIVE_PM, ELEVEN_AM, null)))
                .extracting(FieldError::field).containsExactly("sameDayFeePercent");
    }

    @Test
    void the_tiers_are_a_copy_the_caller_cannot_change() {
        List<FeeTier> tiers = new ArrayList<>(List.of(new FeeTier(2, 1, 30)));
        CancellationPolicy policy = new CancellationPolicy(tiers, null, true, FIVE_PM, ELEVEN_AM, null);
        tiers.add(new FeeTier(0, 0, 100));
        assertThat(policy.tiers()).containsExactly(new FeeTier(2, 1, 30));
        assertThatThrownBy(() -> policy.tiers().add(new FeeTier(1, 1, 0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
