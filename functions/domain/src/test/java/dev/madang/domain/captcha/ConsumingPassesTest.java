package dev.madang.domain.captcha;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check the waiting room and the hold make: whose pass, which round, until when, and once. */
class ConsumingPassesTest {

    static final String FAN = "fan-a";
    static final String ROUND = "01JRXR00000000000000000000";
    static final String OTHER_ROUND = "01JRXR0000000000000000000B";

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-24T10:00:00.250Z"));
    final CaptchaFakes.FakeChallenges challenges = new CaptchaFakes.FakeChallenges();
    final CaptchaFakes.FakePasses passes = new CaptchaFakes.FakePasses();
    final CaptchaFakes.FakeSpentPasses spent = new CaptchaFakes.FakeSpentPasses();
    final Ids ids = new Ids(clock);
    final IssuingChallenges issuing = new IssuingChallenges(challenges, new CaptchaFakes.FakeImages(), ids, clock,
            CaptchaRules.DEFAULT, new Random(3));
    final SolvingPuzzles solving = new SolvingPuzzles(challenges, passes, ids, clock, CaptchaRules.DEFAULT);
    final ConsumingPasses consuming = new ConsumingPasses(passes, spent, clock);

    SolvingPuzzles.SignedPass solved(String fan, String round) {
        IssuingChallenges.IssuedChallenge issued = issuing.issue(fan, round);
        clock.advance(Duration.ofSeconds(1));
        return solving.solve(fan, issued.challengeId(), challenges.saved.get(issued.challengeId()).puzzle().pieceX(),
                null);
    }

    void refused(String fan, String round, String pass, DomainException.Kind kind, String type) {
        assertThatThrownBy(() -> consuming.consume(fan, round, pass)).isInstanceOfSatisfying(DomainException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.type()).isEqualTo(type);
                });
    }

    @Test
    void a_pass_admits_its_account_to_its_round_once() {
        SolvingPuzzles.SignedPass pass = solved(FAN, ROUND);
        assertThat(consuming.consume(FAN, ROUND, pass.pass())).isEqualTo(pass.claims());
        refused(FAN, ROUND, pass.pass(), DomainException.Kind.CONFLICT, "captcha-pass-used");
    }

    @Test
    void no_pass_is_a_403_that_says_to_solve_a_puzzle() {
        refused(FAN, ROUND, null, DomainException.Kind.FORBIDDEN, "captcha-required");
        refused(FAN, ROUND, "  ", DomainException.Kind.FORBIDDEN, "captcha-required");
    }

    @Test
    void garbage_another_accounts_or_rounds_pass_is_invalid_and_is_not_spent() {
        SolvingPuzzles.SignedPass pass = solved(FAN, ROUND);
        refused(FAN, ROUND, "eyJhbGciOiJSUzI1NiJ9.e30.x", DomainException.Kind.FORBIDDEN, "captcha-invalid");
        refused(FAN, ROUND, "x".repeat(ConsumingPasses.MAX_PASS_LENGTH + 1), DomainException.Kind.FORBIDDEN,
                "captcha-invalid");
        refused("fan-b", ROUND, pass.pass(), DomainException.Kind.FORBIDDEN, "captcha-invalid");
        refused(FAN, OTHER_ROUND, pass.pass(), DomainException.Kind.FORBIDDEN, "captcha-invalid");
        assertThat(spent.spent).isEmpty();
        consuming.consume(FAN, ROUND, pass.pass()); // its owner may still use it
    }

    @Test
    void a_pass_expires_two_minutes_after_the_puzzle_was_solved() {
        SolvingPuzzles.SignedPass justInTime = solved(FAN, ROUND);
        clock.advance(Duration.between(clock.instant(), justInTime.claims().expiresAt()).minusMillis(1));
        consuming.consume(FAN, ROUND, justInTime.pass());

        SolvingPuzzles.SignedPass late = solved(FAN, ROUND);
        clock.advance(Duration.between(clock.instant(), late.claims().expiresAt()));
        refused(FAN, ROUND, late.pass(), DomainException.Kind.FORBIDDEN, "captcha-invalid");
    }
}
