package dev.madang.domain.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (an account, an address, a round): up to {@code burst} requests at once, refilled at
 * {@code perSecond}. Kept in the instance's memory, so it costs no write and no read: it bounds what one client can
 * make one instance do, while the gateway's route throttling (template.yaml) bounds the total across instances,
 * which no instance can see. A refusal says how long until the next request would pass.
 */
public final class RequestBudgets {

    /** Buckets idle this long are full again and forgotten, so the map stays small under a spray of addresses. */
    static final Duration FORGET_AFTER = Duration.ofMinutes(2);
    static final int SWEEP_ABOVE = 50_000;

    public record Limit(double perSecond, int burst) {

        public Limit {
            if (perSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("a limit refills and holds at least one request");
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long atNanos;

        Bucket(double tokens, long atNanos) {
            this.tokens = tokens;
            this.atNanos = atNanos;
        }
    }

    private final Limit limit;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RequestBudgets(Limit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Takes one request from the key's budget: empty when it passes, else how long until one would. */
    public Optional<Duration> take(String key) {
        long now = nanos();
        if (buckets.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
        synchronized (b) {
            b.tokens = Math.min(limit.burst(), b.tokens + (now - b.atNanos) / 1e9 * limit.perSecond());
            b.atNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Optional.empty();
            }
            long waitMillis = (long) Math.ceil((1 - b.tokens) / limit.perSecond() * 1000);
            return Optional.of(Duration.ofMillis(Math.max(1, waitMillis)));
        }
    }

    private long nanos() {
        java.time.Instant t = clock.instant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private void sweep(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (now - it.next().atNanos > FORGET_AFTER.toNanos()) {
                it.remove();
            }
        }
    }
}
