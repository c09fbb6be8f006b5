package dev.madang.benchmarks;

import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry rush, small: 300 fans at once on a 40-entry slot, on the real hold path against dynalite, counted from the
 * seats table. The quota holds exactly (never an entry more, never one entry twice, every stored entry answered), the
 * slot sells out, and one fan's parallel requests stay within the per-person limit.
 */
class EntryRushBenchmarkTest {

    @Test
    void three_hundred_fans_on_a_forty_entry_slot_take_exactly_forty_entries() throws Exception {
        try (LocalAws aws = LocalAws.start().provision(LocalAws.templatePath())) {
            Map<String, Object> out = EntryRushBenchmark.run(aws, 300, 40, 16, 3L);
            out.forEach((k, v) -> System.out.println("entry rush " + k + "=" + v));
            assertThat(out.get("entries_over_quota")).isEqualTo(0L);
            assertThat(out.get("entries_stored_vs_answered_mismatches")).isEqualTo(0L);
            assertThat(out.get("entries_sold")).isEqualTo(40);
            assertThat(out.get("entries_answered")).isEqualTo(40);
            assertThat((Integer) out.get("one_fan_parallel_entries_granted")).isBetween(2, EntryRushBenchmark.LIMIT);
        }
    }
}
