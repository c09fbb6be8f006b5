package dev.madang.domain.captcha;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The puzzle's rules on in-memory fakes: the tolerance, the timing, the expiry and single use. */
class SolvingPuzzlesTest {

    static final String FAN = "fan-a";
    static final String ROUND = "01JRXR00000000000000000000";

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-24T10:00:00Z"));
    final CaptchaFakes.FakeChallenges challenges = new CaptchaFakes.FakeChallenges();
    final CaptchaFakes.FakePasses passes = new CaptchaFakes.FakePasses();
    final Ids ids = new Ids(clock);
    final IssuingChallenges issuing = new IssuingChallenges(challenges, new CaptchaFakes.FakeImages(), ids, clock,
            CaptchaRules.DEFAULT, new Random(7));
    final SolvingPuzzles solving = new SolvingPuzzles(challenges, passes, ids, clock, CaptchaRules.DEFAULT);

    /** A new puzzle, and a human's pause before answering. */
    IssuingChallenges.IssuedChallenge puzzle() {
        IssuingChallenges.IssuedChallenge issued = issuing.issue(FAN, ROUND);
        clock.advance(Duration.ofMillis(1500));
        return issued;
    }

    int answerOf(IssuingChallenges.IssuedChallenge issued) {
        return challenges.saved.get(issued.challengeId()).puzzle().pieceX(); // the test peeks; a client cannot
    }

    static void refused(Runnable answer, String type) {
        assertThatThrownBy(answer::run).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.type()).isEqualTo(type));
    }

    @Test
    void a_right_answer_earns_a_pass_for_the_account_and_the_round_that_lives_two_minutes() {
        IssuingChallenges.IssuedChallenge issued = puzzle();
        SolvingPuzzles.SignedPass pass = solving.solve(FAN, issued.challengeId(), answerOf(issued), 1200L);
        assertThat(pass.claims().accountId()).isEqualTo(FAN);
        assertThat(pass.claims().roundId()).isEqualTo(ROUND);
        assertThat(Ids.isWellFormed(pass.claims().passId())).isTrue();
        assertThat(Duration.between(pass.claims().issuedAt(), pass.claims().expiresAt())).isEqualTo(
                Duration.ofMinutes(2));
        assertThat(passes.verify(pass.pass())).contains(pass.claims());
        assertThat(pass.toString()).doesNotContain(pass.pass());
    }

    @Test
    void the_piece_may_be_dropped_four_pixels_either_side_of_the_hole_and_no_further() {
        for (int off : new int[]{-4, -1, 0, 3, 4}) {
            IssuingChallenges.IssuedChallenge issued = puzzle();
            solving.solve(FAN, issued.challengeId(), answerOf(issued) + off, null);
        }
        for (int off : new int[]{-5, 5, 30}) {
            IssuingChallenges.IssuedChallenge issued = puzzle();
            refused(() -> solving.solve(FAN, issued.challengeId(), answerOf(issued) + off, null), "captcha-wrong");
        }
    }

    @Test
    void an_answer_faster_than_a_person_is_wrong_and_spends_the_puzzle() {
        IssuingChallenges.IssuedChallenge issued = issuing.issue(FAN, ROUND);
        clock.advance(Duration.ofMillis(399));
        refused(() -> solving.solve(FAN, issued.challengeId(), answerOf(issued), null), "captcha-wrong");
        clock.advance(Duration.ofSeconds(2));
        refused(() -> solving.solve(FAN, issued.challengeId(), answerOf(issued), null), "captcha-used");

        IssuingChallenges.IssuedChallenge atTheLimit = issuing.issue(FAN, ROUND);
        clock.advance(Duration.ofMillis(400));
        solving.solve(FAN, atTheLimit.challengeId(), answerOf(atTheLimit), null);
    }

    @Test
    void the_time_a_client_reports_must_be_a_persons_and_inside_what_the_server_saw() {
        IssuingChallenges.IssuedChallenge quick = puzzle(); // 1.5 s seen by the server
        refused(() -> solving.solve(FAN, quick.challengeId(), answerOf(quick), 120L), "captcha-wrong");
        IssuingChallenges.IssuedChallenge tooLong = puzzle();
        refused(() -> solving.solve(FAN, tooLong.challengeId(), answerOf(tooLong), 1751L), "captcha-wrong");
        IssuingChallenges.IssuedChallenge honest = puzzle();
        solving.solve(FAN, honest.challengeId(), answerOf(honest), 1750L); // within the slack
    }

    @Test
    void a_puzzle_expires_two_minutes_after_it_was_issued() {
        IssuingChallenges.IssuedChallenge justInTime = issuing.issue(FAN, ROUND);
        clock.advance(Duration.ofMinutes(2).minusMillis(1));
        solving.solve(FAN, justInTime.challengeId(), answerOf(justInTime), null);

        IssuingChallenges.IssuedChallenge late = issuing.issue(FAN, ROUND);
        assertThat(late.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(2));
        refused(() -> solving.solve(FAN, late.challengeId(), answerOf(late), null), "captcha-expired");
    }

    @Test
    void one_answer_per_puzzle_a_wrong_guess_then_the_right_one_and_a_replay_are_refused() {
        IssuingChallenges.IssuedChallenge issued = puzzle();
        refused(() -> solving.solve(FAN, issued.challengeId(), answerOf(issued) + 20, null), "captcha-wrong");
        refused(() -> solving.solve(FAN, issued.challengeId(), answerOf(issued), null), "captcha-used");

        IssuingChallenges.IssuedChallenge solved = puzzle();
        solving.solve(FAN, solved.challengeId(), answerOf(solved), null);
        refused(() -> solving.solve(FAN, solved.challengeId(), answerOf(solved), null), "captcha-used");
    }

    @Test
    void another_accounts_puzzle_is_not_found_and_stays_its_owners() {
        IssuingChallenges.IssuedChallenge issued = puzzle();
        refused(() -> solving.solve("fan-b", issued.challengeId(), answerOf(issued), null), "not-found");
        refused(() -> solving.solve(FAN, "01JNXXXXXXXXXXXXXXXXXXXXXX", 100, null), "not-found");
        assertThat(solving.solve(FAN, issued.challengeId(), answerOf(issued), null).claims().accountId())
                .isEqualTo(FAN);
    }

    @Test
    void a_malformed_answer_is_a_400_and_spends_nothing() {
        IssuingChallenges.IssuedChallenge issued = puzzle();
        assertThatThrownBy(() -> solving.solve(FAN, issued.challengeId(), null, null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                        .isEqualTo(DomainException.Kind.INVALID));
        refused(() -> solving.solve(FAN, issued.challengeId(), -1, null), "invalid-request");
        refused(() -> solving.solve(FAN, issued.challengeId(), 100, -5L), "invalid-request");
        refused(() -> solving.solve(FAN, "not-a-ulid", 100, null), "invalid-request");
        assertThat(challenges.answered).isEmpty();
        solving.solve(FAN, issued.challengeId(), answerOf(issued), null);
    }

    @Test
    void the_fan_sees_the_row_and_the_pictures_never_the_answer() {
        IssuingChallenges.IssuedChallenge issued = issuing.issue(FAN, ROUND);
        assertThat(Arrays.stream(IssuingChallenges.IssuedChallenge.class.getRecordComponents())
                .map(c -> c.getName())).containsExactly("challengeId", "roundId", "background", "piece", "pieceY",
                "expiresAt");
        assertThat(issued.pieceY()).isEqualTo(challenges.saved.get(issued.challengeId()).puzzle().pieceY());
        assertThat(challenges.saved.get(issued.challengeId()).puzzle().toString()).contains("<hidden>")
                .doesNotContain("pieceX=" + answerOf(issued));
        refused(() -> issuing.issue(FAN, "not-a-round"), "invalid-request");
    }

    @Test
    void holes_fall_anywhere_inside_the_margins() {
        SplittableRandom random = new SplittableRandom(11);
        int minX = Integer.MAX_VALUE;
        int maxX = Integer.MIN_VALUE;
        for (int i = 0; i < 20_000; i++) {
            SliderPuzzle p = SliderPuzzle.random(random);
            minX = Math.min(minX, p.pieceX());
            maxX = Math.max(maxX, p.pieceX());
            assertThat(p.pieceY()).isBetween(SliderPuzzle.MIN_Y, SliderPuzzle.MAX_Y);
        }
        assertThat(minX).isEqualTo(SliderPuzzle.MIN_X);
        assertThat(maxX).isEqualTo(SliderPuzzle.MAX_X);
        // the piece starts at x = 0: leaving it there is never right
        assertThat(SliderPuzzle.MIN_X - CaptchaRules.DEFAULT.tolerance()).isGreaterThan(0);
    }
}
