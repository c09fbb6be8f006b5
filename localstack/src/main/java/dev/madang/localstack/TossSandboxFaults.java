package dev.madang.localstack;

import dev.madang.localstack.TossSandbox.Endpoint;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link TossSandbox}'s failure injection and counters, per {@link Endpoint}: queued faults (an error answer,
 * a delay, a stalled answer), requests received and requests that changed a payment. Apart from the API so that
 * the rules of Toss's endpoints read without the test machinery around them.
 */
final class TossSandboxFaults {

    /** A status and code to answer with, or a delay before processing, or a stall before answering. */
    record Fault(int status, String code, Duration delay, Duration stall) {
    }

    private final Map<Endpoint, Deque<Fault>> faults = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, AtomicInteger> received = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, AtomicInteger> effects = new EnumMap<>(Endpoint.class);

    TossSandboxFaults() {
        for (Endpoint e : Endpoint.values()) {
            faults.put(e, new ArrayDeque<>());
            received.put(e, new AtomicInteger());
            effects.put(e, new AtomicInteger());
        }
    }

    void queue(Endpoint endpoint, int n, Fault fault) {
        Deque<Fault> q = faults.get(endpoint);
        synchronized (q) {
            for (int i = 0; i < n; i++) {
                q.add(fault);
            }
        }
    }

    /** Counts a request at {@code endpoint} and takes its next queued fault, or null. */
    Fault receive(Endpoint endpoint) {
        received.get(endpoint).incrementAndGet();
        Deque<Fault> q = faults.get(endpoint);
        synchronized (q) {
            return q.poll();
        }
    }

    /** Counts a request at {@code endpoint} that changed a payment. */
    void countEffect(Endpoint endpoint) {
        effects.get(endpoint).incrementAndGet();
    }

    int requestCount(Endpoint endpoint) {
        return received.get(endpoint).get();
    }

    int effectCount(Endpoint endpoint) {
        return effects.get(endpoint).get();
    }

    /** Forgets queued faults and counts. */
    void reset() {
        for (Endpoint e : Endpoint.values()) {
            synchronized (faults.get(e)) {
                faults.get(e).clear();
            }
            received.get(e).set(0);
            effects.get(e).set(0);
        }
    }

    /** Waits {@code delay}; false if interrupted (the sandbox is closing). */
    static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
