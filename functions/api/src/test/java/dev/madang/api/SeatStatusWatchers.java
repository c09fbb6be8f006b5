package dev.madang.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Clients watching a round's seat map as the web client does: each asks {@code GET /v1/rounds/{id}/seat-status} every
 * {@code period} with the ETag of the statuses it has, spread evenly over the period, over HTTP. A few threads serve
 * them all (a watcher is a schedule, not a thread). Each new answer goes to the {@link Seen} listener with the time it
 * arrived.
 */
final class SeatStatusWatchers implements AutoCloseable {

    /** Told of each watcher's new statuses: {@code taken} is the decoded bits, {@code arrivedNanos} System.nanoTime. */
    interface Seen {
        void statuses(int watcher, byte[] taken, long arrivedNanos);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService pollers;
    private final LongAdder notModified = new LongAdder();
    private final LongAdder changed = new LongAdder();
    private final LongAdder failed = new LongAdder();

    SeatStatusWatchers(URI status, int watchers, Duration period, int threads, Seen seen) {
        pollers = Executors.newScheduledThreadPool(threads);
        long periodNanos = period.toNanos();
        for (int w = 0; w < watchers; w++) {
            int watcher = w;
            String[] etag = {null}; // this watcher's; its polls never overlap (a late one delays the next)
            pollers.scheduleAtFixedRate(() -> poll(status, watcher, etag, seen),
                    periodNanos * w / watchers, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void poll(URI status, int watcher, String[] etag, Seen seen) {
        HttpRequest.Builder ask = HttpRequest.newBuilder(status).GET();
        if (etag[0] != null) {
            ask.header("If-None-Match", etag[0]);
        }
        try {
            HttpResponse<byte[]> answer = http.send(ask.build(), HttpResponse.BodyHandlers.ofByteArray());
            long arrived = System.nanoTime();
            if (answer.statusCode() == 304) {
                notModified.increment();
            } else if (answer.statusCode() == 200) {
                changed.increment();
                etag[0] = answer.headers().firstValue("ETag").orElse(null);
                JsonNode body = JSON.readTree(answer.body());
                seen.statuses(watcher, Base64.getDecoder().decode(body.get("taken").asText()), arrived);
            } else {
                failed.increment();
            }
        } catch (IOException e) {
            failed.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isTaken(byte[] bits, int seatIndex) {
        return (bits[seatIndex >> 3] & (1 << (seatIndex & 7))) != 0;
    }

    long notModified() {
        return notModified.sum();
    }

    long changed() {
        return changed.sum();
    }

    long failed() {
        return failed.sum();
    }

    @Override
    public void close() throws InterruptedException {
        pollers.shutdownNow();
        if (!pollers.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("watchers did not stop");
        }
    }
}
