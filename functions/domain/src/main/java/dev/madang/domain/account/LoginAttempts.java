package dev.madang.domain.account;

import java.time.Duration;
import java.time.Instant;

/**
 * Failed logins per e-mail (normalised), kept for throttling. Keyed by the e-mail as typed, whether or not an
 * account has it: throttling unknown e-mails too is what keeps the throttle from revealing which ones exist.
 */
public interface LoginAttempts {

    void recordFailure(String email, Instant at);

    /**
     * Failures recorded for {@code email} in the {@code window} up to {@code now}. A store may count in time buckets;
     * it then rounds the window's start down to its bucket, counting a little more rather than less.
     */
    int recentFailures(String email, Instant now, Duration window);

    /**
     * Forgets the failures that {@link #recentFailures} would count for these arguments (after a successful login).
     * Older ones never count again and may be left to clean-up.
     */
    void clear(String email, Instant now, Duration window);
}
