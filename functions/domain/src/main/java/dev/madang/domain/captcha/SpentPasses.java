package dev.madang.domain.captcha;

import java.time.Instant;

/** The ids of the captcha passes used already. */
public interface SpentPasses {

    /**
     * Records the pass as used, atomically: true for the first use, false for every later one (of two requests racing
     * with one pass exactly one gets true). The record need only outlive {@code expiresAt}, after which the pass is
     * refused anyway.
     */
    boolean spend(String passId, Instant expiresAt);
}
