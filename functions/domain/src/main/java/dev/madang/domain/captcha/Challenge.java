package dev.madang.domain.captcha;

import java.time.Instant;

/**
 * A puzzle as the server keeps it: issued to one account for one round, answered at most once before
 * {@code expiresAt}. The answer ({@code puzzle.pieceX()}) is in here and nowhere the client can read.
 */
public record Challenge(String challengeId, String accountId, String roundId, SliderPuzzle puzzle, Instant issuedAt,
                        Instant expiresAt) {

    public Challenge {
        if (challengeId == null || accountId == null || roundId == null || puzzle == null || issuedAt == null
                || expiresAt == null || !expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a challenge names its id, account, round, puzzle and times");
        }
    }
}
