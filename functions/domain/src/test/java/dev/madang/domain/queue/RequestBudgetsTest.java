package dev.madang.domain.queue;

import dev.madang.domain.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBudgetsTest {

    @Test
    void a_burst_passes_then_requests_pass_at_the_rate_and_a_refusal_says_when_to_retry() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-10T11:00:00Z"));
        RequestBudgets budgets = new RequestBudgets(new RequestBudgets.Limit(2, 5), clock);
        long passed = IntStream.range(0, 8).filter(i -> budgets.take("fan").isEmpty()).count();
        assertThat(passed).isEqualTo(5);
        Optional<Duration> refused = budgets.take("fan");
        assertThat(refused).contains(Duration.ofMillis(500));
        assertThat(budgets.take("another-fan")).isEmpty(); // budgets are per key
        clock.advance(Duration.ofMillis(500));
        assertThat(budgets.take("fan")).isEmpty();
        assertThat(budgets.take("fan")).isPresent();
        clock.advance(Duration.ofSeconds(60));
        assertThat(IntStream.range(0, 8).filter(i -> budgets.take("fan").isEmpty()).count())
                .as("refilled to the burst, never beyond").isEqualTo(5);
    }

    @Test
    void concurrent_requests_of_one_key_never_pass_more_than_the_burst() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-10T11:00:00Z"));
        RequestBudgets budgets = new RequestBudgets(new RequestBudgets.Limit(1, 20), clock);
        java.util.concurrent.atomic.AtomicInteger passed = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    if (budgets.take("hot").isEmpty()) {
                        passed.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(passed.get()).isEqualTo(20);
    }
}
