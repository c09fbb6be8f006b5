package dev.madang.domain.ticket;

import java.time.Duration;
import java.time.Instant;

/**
 * The time steps a ticket code rotates on, as RFC 6238 counts them: step {@code n} is the 30-second window starting
 * at epoch second {@code 30 n}. A code names the step it was made in; at an instant in step {@code n} the codes of
 * steps {@code n} and {@code n - 1} are accepted and no other, so a code is good for at most 60 seconds after its step
 * began and a screenshot stops working within a minute. Its {@code exp} is the end of the step after its own.
 */
public final class CodeSteps {

    /** The length of a step. */
    public static final Duration STEP = Duration.ofSeconds(30);
    private static final long STEP_SECONDS = STEP.toSeconds();

    private CodeSteps() {
    }

    /** The step an instant falls in (floor division, so instants before 1970 count too). */
    public static long stepAt(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    public static Instant startOf(long step) {
        return Instant.ofEpochSecond(step * STEP_SECONDS);
    }

    /** When a code of this step stops being accepted: the end of the next step (exclusive). */
    public static Instant expiryOf(long step) {
        return startOf(step + 2);
    }

    /** Whether a code of {@code codeStep} is accepted at {@code at}: its own step or the one after, nothing else. */
    public static boolean accepts(long codeStep, Instant at) {
        long age = stepAt(at) - codeStep;
        return age == 0 || age == 1;
    }
}
