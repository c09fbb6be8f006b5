package dev.madang.domain.captcha;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Checks a fan's answer to a puzzle, once (docs/captcha.md). The challenge is spent by the first answer whatever it
 * is, so every guess costs a new puzzle and a replayed answer is refused; then it must still be current, not have
 * come faster than a person can, and put the piece within {@link CaptchaRules#tolerance()} pixels of the hole. A
 * right answer earns a pass: signed, bound to the account and the round, usable once before it expires.
 */
public final class SolvingPuzzles {

    /**
     * How much longer a client may say it took than the server saw. An honest client's own time (picture shown to
     * piece dropped) lies inside the server's (puzzle issued to answer received); this much is forgiven for
     * rounding and timers.
     */
    static final Duration CLIENT_TIME_SLACK = Duration.ofMillis(250);

    private final Challenges challenges;
    private final CaptchaPasses passes;
    private final Ids ids;
    private final Clock clock;
    private final CaptchaRules rules;

    public SolvingPuzzles(Challenges challenges, CaptchaPasses passes, Ids ids, Clock clock, CaptchaRules rules) {
        this.challenges = challenges;
        this.passes = passes;
        this.ids = ids;
        this.clock = clock;
        this.rules = rules;
    }

    /** The signed pass and what it says. */
    public record SignedPass(String pass, CaptchaPass claims) {

        @Override
        public String toString() {
            return "SignedPass[pass=<hidden>, claims=" + claims + "]"; // a pass is a bearer credential for a while
        }
    }

    /**
     * The fan's answer: {@code x}, where the piece's left edge was dropped, and optionally {@code elapsedMs}, how
     * long the client says the fan took. 400 for a malformed answer (the challenge is not spent); otherwise the
     * challenge is spent and: 404 for an unknown challenge or another account's; 409 {@code captcha-used} for one
     * answered before; 422 {@code captcha-expired} past its lifetime; 422 {@code captcha-wrong} for a piece not at
     * the hole or an answer too fast to be a person's (the same problem, so a program is not told which).
     */
    public SignedPass solve(String accountId, String challengeId, Integer x, Long elapsedMs) {
        new Violations()
                .check(Ids.isWellFormed(challengeId), "challengeId", "not an id this API issues")
                .check(x != null && x >= 0 && x <= SliderPuzzle.WIDTH - SliderPuzzle.PIECE_SIZE, "x",
                        "is required: 0 to " + (SliderPuzzle.WIDTH - SliderPuzzle.PIECE_SIZE))
                .check(elapsedMs == null || elapsedMs >= 0 && elapsedMs <= rules.challengeLifetime().toMillis(),
                        "elapsedMs", "0 to " + rules.challengeLifetime().toMillis() + " when given")
                .throwIfInvalid("the answer is not valid");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Challenges.Take taken = challenges.take(challengeId, accountId, now);
        switch (taken.outcome()) {
            case NO_SUCH_CHALLENGE -> throw DomainException.notFound("captcha challenge", challengeId);
            case ALREADY_ANSWERED -> throw DomainException.conflict("captcha-used",
                    "this puzzle was answered already; each puzzle takes one answer: ask for a new one");
            case TAKEN -> {
            }
        }
        Challenge challenge = taken.challenge();
        if (!now.isBefore(challenge.expiresAt())) {
            throw DomainException.ruleViolated("captcha-expired", "the puzzle has expired; ask for a new one",
                    List.of());
        }
        if (!plausible(challenge, now, elapsedMs) || Math.abs(x - challenge.puzzle().pieceX()) > rules.tolerance()) {
            throw DomainException.ruleViolated("captcha-wrong", "the piece is not where the hole is; ask for a new "
                    + "puzzle", List.of());
        }
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS); // a pass's times are whole seconds, as its claims are
        CaptchaPass pass = new CaptchaPass(ids.next(), accountId, challenge.roundId(), issuedAt,
                issuedAt.plus(rules.passLifetime()));
        return new SignedPass(passes.sign(pass), pass);
    }

    /**
     * Not faster than a person, by the server's clock (which a client cannot bend); and when the client says how long
     * it took, neither faster than a person nor longer than the server saw, which a careless program gets wrong.
     */
    private boolean plausible(Challenge challenge, Instant now, Long elapsedMs) {
        Duration seen = Duration.between(challenge.issuedAt(), now);
        if (seen.compareTo(rules.fastestSolve()) < 0) {
            return false;
        }
        if (elapsedMs == null) {
            return true;
        }
        return elapsedMs >= rules.fastestSolve().toMillis() && elapsedMs <= seen.plus(CLIENT_TIME_SLACK).toMillis();
    }
}
