package dev.madang.aws.social;

import java.time.Duration;
import java.util.Objects;

/**
 * Connect and per-attempt timeouts of a social-login adapter, and the first backoff before a retry (doubled for the
 * second). With the defaults a login that meets a slow provider gives up after about fifteen seconds in the worst
 * case (the token exchange once, connection retries aside, then three profile attempts), inside API Gateway's 29.
 */
public record SocialLoginSettings(Duration connectTimeout, Duration requestTimeout, Duration firstBackoff) {

    public static final SocialLoginSettings DEFAULT = new SocialLoginSettings(Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofMillis(200));

    public SocialLoginSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
    }
}
