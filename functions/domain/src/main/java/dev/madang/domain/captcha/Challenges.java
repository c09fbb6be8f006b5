package dev.madang.domain.captcha;

import java.time.Instant;

/** The challenges issued and not yet answered. */
public interface Challenges {

    /** Keeps a new challenge until it expires (clean-up may come later; expiry is {@link SolvingPuzzles}' rule). */
    void save(Challenge challenge);

    enum Outcome { TAKEN, ALREADY_ANSWERED, NO_SUCH_CHALLENGE }

    /** What {@link #take} found; {@code challenge} only when it was TAKEN. */
    record Take(Outcome outcome, Challenge challenge) {
    }

    /**
     * Marks the account's challenge answered, once and atomically, whatever the answer will turn out to be, and
     * answers it: of two answers racing for one challenge exactly one gets TAKEN, so a puzzle can be guessed once.
     * ALREADY_ANSWERED for a challenge taken before; NO_SUCH_CHALLENGE for an unknown one and for another account's,
     * which is left as it was (nobody learns it exists, nor can spend someone else's puzzle).
     */
    Take take(String challengeId, String accountId, Instant at);
}
