package dev.madang.domain.captcha;

import java.time.Duration;

/**
 * The numbers of the puzzle.
 *
 * @param challengeLifetime how long a puzzle may be answered after it is issued
 * @param passLifetime      how long a pass may be used after the puzzle is solved
 * @param tolerance         how far from the hole, in pixels either way, the piece may be dropped
 * @param fastestSolve      an answer sooner than this after the puzzle was issued is a program's, not a person's
 */
public record CaptchaRules(Duration challengeLifetime, Duration passLifetime, int tolerance, Duration fastestSolve) {

    /**
     * Two minutes to answer is ample for a person and short enough that a stockpile of puzzles goes stale; 400 ms is
     * less than anyone needs to see a picture, find the hole and drag to it; ±4 px forgives a thumb on a phone.
     */
    public static final CaptchaRules DEFAULT = new CaptchaRules(Duration.ofMinutes(2), Duration.ofMinutes(2), 4,
            Duration.ofMillis(400));

    public CaptchaRules {
        if (challengeLifetime == null || passLifetime == null || fastestSolve == null || tolerance < 0
                || challengeLifetime.compareTo(fastestSolve) <= 0
                || passLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a puzzle outlives the fastest solve; a pass lives at least a second");
        }
    }
}
