package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * EventBridge Scheduler target: rebuilds the seat map snapshots of every round on sale, again and again. The schedule
 * fires once a minute, far too slowly for a seat map that must show a hold within a second or two, so one invocation
 * refreshes every {@code period} for about a {@code window} (just under the schedule's minute) and the next
 * invocation takes over. Two invocations overlapping is harmless: both compute from the inventory, the last write wins.
 */
@LogsInvocation
@Named("refreshSeatMaps")
@TouchesTables({"CatalogTable", "SeatsTable", "AlertsTable"})
public class RefreshSeatMapsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = Logger.getLogger(RefreshSeatMapsHandler.class);
    /** Time left to the Lambda timeout below which no pass starts: a pass must never be cut off mid-write. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(10);

    private final RefreshingSeatMaps refreshing;
    private final Duration period;
    private final Duration window;

    @Inject
    public RefreshSeatMapsHandler(RefreshingSeatMaps refreshing,
                                  @ConfigProperty(name = "madang.seat-map.refresh-period", defaultValue = "1S") Duration period,
                                  @ConfigProperty(name = "madang.seat-map.refresh-window", defaultValue = "55S") Duration window) {
        if (period.isNegative() || period.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("refresh period must be positive and window not negative: "
                    + period + ", " + window);
        }
        this.refreshing = refreshing;
        this.period = period;
        this.window = window;
    }

    /**
     * Refreshes at once, then every {@code period} (right away when a pass took longer) until {@code window} has
     * passed since the start or the Lambda timeout is near; a zero window makes a single pass. Answers with the number
     * of passes, the last pass's rounds and taken seats, the round failures of all passes, and the slowest pass.
     */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        long start = System.nanoTime();
        int passes = 0;
        int failedPasses = 0;
        int failedRounds = 0;
        long slowestNanos = 0;
        RefreshingSeatMaps.Refreshed last = null;
        RuntimeException lastError = null;
        // failures are logged once per invocation with their count, not once a second
        Map<String, RefreshingSeatMaps.Failure> failures = new LinkedHashMap<>();
        Map<String, Integer> failureCounts = new LinkedHashMap<>();
        long nextPass = start;
        do {
            long passStart = System.nanoTime();
            try {
                last = refreshing.refreshRoundsOnSale();
                failedRounds += last.failedRounds();
                for (RefreshingSeatMaps.Failure f : last.failures()) {
                    failures.put(f.id(), f);
                    failureCounts.merge(f.id(), 1, Integer::sum);
                }
            } catch (RuntimeException e) {
                // the next pass may well succeed (a throttled listing); ending here would leave the maps stale until
                // the next schedule, so go on
                if (failedPasses == 0) {
                    LOG.error("seat map refresh pass failed", e);
                }
                failedPasses++;
                lastError = e;
            }
            passes++;
            long now = System.nanoTime();
            slowestNanos = Math.max(slowestNanos, now - passStart);
            nextPass = Math.max(nextPass + period.toNanos(), now);
        } while (!Thread.currentThread().isInterrupted() && another(start, nextPass, context) && sleepUntil(nextPass));

        for (RefreshingSeatMaps.Failure f : failures.values()) {
            LOG.warnf(f.error(), "seat map of %s not refreshed in %d of %d passes", f.id(), failureCounts.get(f.id()),
                    passes);
        }
        if (failedPasses == passes) {
            // nothing was refreshed at all: fail the invocation so the function's Errors metric shows it
            throw lastError;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("passes", passes);
        result.put("rounds", last.rounds());
        result.put("takenSeats", last.takenSeats());
        result.put("failedRounds", failedRounds);
        result.put("failedPasses", failedPasses);
        result.put("slowestPassMillis", Duration.ofNanos(slowestNanos).toMillis());
        LOG.infof("seat maps refreshed: %s", result);
        return result;
    }

    /** Whether a pass starting at {@code nextPass} is still within the window and clear of the Lambda timeout. */
    private boolean another(long start, long nextPass, Context context) {
        if (nextPass - start >= window.toNanos()) {
            return false;
        }
        if (context == null) {
            return true; // called directly (the local runner, tests): no Lambda timeout to respect
        }
        long waitMillis = Duration.ofNanos(nextPass - System.nanoTime()).toMillis();
        return context.getRemainingTimeInMillis() - Math.max(0, waitMillis) > STOP_MARGIN.toMillis();
    }

    private static boolean sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait <= 0) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
