package dev.madang.domain.captcha;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Hands a fan a slider puzzle for a round (docs/captcha.md): a new hole somewhere on a newly drawn background, kept
 * with its answer for {@link CaptchaRules#challengeLifetime()}; the fan gets the pictures and the piece's row, never
 * where the hole is.
 */
public final class IssuingChallenges {

    private final Challenges challenges;
    private final PuzzleImages images;
    private final Ids ids;
    private final Clock clock;
    private final CaptchaRules rules;
    private final RandomGenerator random;

    /** @param random where the holes go: a {@code SecureRandom} in production, so a puzzle tells nothing of the next */
    public IssuingChallenges(Challenges challenges, PuzzleImages images, Ids ids, Clock clock, CaptchaRules rules,
                             RandomGenerator random) {
        this.challenges = challenges;
        this.images = images;
        this.ids = ids;
        this.clock = clock;
        this.rules = rules;
        this.random = random;
    }

    /** What the fan sees of a challenge: everything but the answer. */
    public record IssuedChallenge(String challengeId, String roundId, byte[] background, byte[] piece, int pieceY,
                                  Instant expiresAt) {

        public int width() {
            return SliderPuzzle.WIDTH;
        }

        public int height() {
            return SliderPuzzle.HEIGHT;
        }

        public int pieceSize() {
            return SliderPuzzle.PIECE_SIZE;
        }
    }

    /** A new puzzle for the account, to be answered once, for {@code roundId}. 400 for a malformed round id. */
    public IssuedChallenge issue(String accountId, String roundId) {
        if (!Ids.isWellFormed(roundId)) {
            throw DomainException.invalid("the challenge request is not valid",
                    List.of(new FieldError("roundId", "is required: a round id")));
        }
        SliderPuzzle puzzle = SliderPuzzle.random(random);
        PuzzleImages.Drawn drawn = images.draw(puzzle);
        // the clock starts once the pictures are drawn, so drawing time never counts toward a bot's fastest solve
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Challenge challenge = new Challenge(ids.next(), accountId, roundId, puzzle, now,
                now.plus(rules.challengeLifetime()));
        challenges.save(challenge);
        return new IssuedChallenge(challenge.challengeId(), roundId, drawn.background(), drawn.piece(),
                puzzle.pieceY(), challenge.expiresAt());
    }
}
