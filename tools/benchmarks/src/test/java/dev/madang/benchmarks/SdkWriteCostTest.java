package dev.madang.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the write-cost benchmark briefly and checks its premise, not its timing: every measured write is a new fan's
 * first binding (the put succeeded; a refused put would add a read and measure a retry instead).
 */
class SdkWriteCostTest {

    @Test
    void every_measured_write_binds_a_new_key() {
        SdkWriteCost.Cost cost = SdkWriteCost.measure(20, 50);

        assertThat(cost.freshBindings()).isEqualTo(50);
        assertThat(cost.cpuMicros()).isPositive();
    }
}
