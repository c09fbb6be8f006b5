package dev.madang.domain.ticket;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The rotation's arithmetic: 30 s steps counted as RFC 6238 counts them, a code good in its step and the next. */
class CodeStepsTest {

    @Test
    void steps_are_thirty_second_windows_from_the_epoch() {
        assertThat(CodeSteps.stepAt(Instant.EPOCH)).isZero();
        assertThat(CodeSteps.stepAt(Instant.ofEpochSecond(29))).isZero();
        assertThat(CodeSteps.stepAt(Instant.ofEpochSecond(30))).isEqualTo(1);
        // RFC 6238's first test vector time, 59 s: counter 1
        assertThat(CodeSteps.stepAt(Instant.ofEpochSecond(59))).isEqualTo(1);
        // and its 1111111109 s: counter 0x23523EC
        assertThat(CodeSteps.stepAt(Instant.ofEpochSecond(1111111109L))).isEqualTo(0x23523ECL);
        assertThat(CodeSteps.stepAt(Instant.ofEpochSecond(-1))).as("floor, not truncation").isEqualTo(-1);
        assertThat(CodeSteps.startOf(1)).isEqualTo(Instant.ofEpochSecond(30));
        assertThat(CodeSteps.expiryOf(1)).isEqualTo(Instant.ofEpochSecond(90));
    }

    @Test
    void a_code_is_accepted_in_its_own_step_and_the_next_and_in_no_other() {
        long step = CodeSteps.stepAt(Instant.parse("2026-12-24T10:00:00Z"));
        Instant start = CodeSteps.startOf(step);
        assertThat(CodeSteps.accepts(step, start.minusMillis(1))).as("before it was made").isFalse();
        assertThat(CodeSteps.accepts(step, start)).isTrue();
        assertThat(CodeSteps.accepts(step, start.plusSeconds(29))).isTrue();
        assertThat(CodeSteps.accepts(step, start.plusSeconds(30))).as("the previous step is still accepted").isTrue();
        assertThat(CodeSteps.accepts(step, start.plusMillis(59_999))).isTrue();
        assertThat(CodeSteps.accepts(step, start.plusSeconds(60))).as("a minute on: a screenshot is dead").isFalse();
        assertThat(CodeSteps.accepts(step, start.plusSeconds(3600))).isFalse();
        assertThat(CodeSteps.expiryOf(step)).isEqualTo(start.plusSeconds(60));
    }

    @Test
    void whenever_a_code_is_made_it_lives_between_thirty_and_sixty_seconds() {
        Random random = new Random(12);
        for (int i = 0; i < 10_000; i++) {
            Instant made = Instant.ofEpochMilli(1_700_000_000_000L + (long) (random.nextDouble() * 100_000_000_000L));
            long step = CodeSteps.stepAt(made);
            Duration life = Duration.between(made, CodeSteps.expiryOf(step));
            assertThat(life).isGreaterThan(Duration.ofSeconds(30)).isLessThanOrEqualTo(Duration.ofSeconds(60));
            assertThat(CodeSteps.accepts(step, made)).isTrue();
            assertThat(CodeSteps.accepts(step, CodeSteps.expiryOf(step).minusMillis(1))).isTrue();
            assertThat(CodeSteps.accepts(step, CodeSteps.expiryOf(step))).isFalse();
        }
    }
}
