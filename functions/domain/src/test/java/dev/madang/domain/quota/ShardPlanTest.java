package dev.madang.domain.quota;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ShardPlanTest {

    @Test
    void caps_split_the_total_evenly_with_the_remainder_on_the_first_shards() {
        assertThat(IntStream.range(0, 3).map(i -> ShardPlan.cap(10, 3, i)).boxed().toList()).containsExactly(4, 3, 3);
        assertThat(ShardPlan.shards(5, 10)).isEqualTo(5);
        assertThat(ShardPlan.shards(100_000, 500)).isEqualTo(Quotas.MAX_SHARDS);
        assertThat(ShardPlan.shards(0, 10)).isEqualTo(1);
    }

    @Test
    void one_shard_with_enough_left_is_taken_searching_from_the_start() {
        assertThat(ShardPlan.plan(List.of(5, 0, 5), 2, 1)).isEqualTo(Map.of(2, 2));
    }

    @Test
    void a_take_no_shard_can_serve_alone_spans_the_fewest_shards_fullest_first() {
        assertThat(ShardPlan.plan(List.of(1, 3, 2, 0), 5, 0)).isEqualTo(Map.of(1, 3, 2, 2));
        assertThat(ShardPlan.plan(List.of(1, 3, 2, 0), 7, 0)).isEmpty();
    }
}
