package dev.madang.domain.quota;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How a take is served from the shards as last read: the rules every adapter of {@link Quotas} follows, kept here so
 * they are tested without a database.
 */
public final class ShardPlan {

    private ShardPlan() {
    }

    /** The clamped shard count for a quota of {@code total} units. */
    public static int shards(int total, int wanted) {
        return Math.max(1, Math.min(wanted, Math.min(total, Quotas.MAX_SHARDS)));
    }

    /** Shard i's cap: an even split, the remainder one each to the first shards. */
    public static int cap(int total, int shards, int shard) {
        return total / shards + (shard < total % shards ? 1 : 0);
    }

    /**
     * Units to take per shard given what each has left ({@code left.get(i)} for shard i), starting the search at
     * {@code start} so parallel takers spread out: one shard that has them all if there is one, else the fewest
     * shards, fullest first; empty if together they have fewer than {@code units}.
     */
    public static Map<Integer, Integer> plan(List<Integer> left, int units, int start) {
        int n = left.size();
        for (int k = 0; k < n; k++) {
            int shard = (start + k) % n;
            if (left.get(shard) >= units) {
                return Map.of(shard, units);
            }
        }
        if (left.stream().mapToLong(Integer::longValue).sum() < units) {
            return Map.of();
        }
        Map<Integer, Integer> plan = new LinkedHashMap<>();
        int needed = units;
        List<Integer> fullestFirst = IntStream.range(0, n).boxed()
                .sorted((a, b) -> Integer.compare(left.get(b), left.get(a))).toList();
        for (int shard : fullestFirst) {
            int from = Math.min(needed, left.get(shard));
            if (from > 0) {
                plan.put(shard, from);
                needed -= from;
            }
            if (needed == 0) {
                break;
            }
        }
        return plan;
    }
}
