package dev.madang.domain.lottery;

import java.util.Map;
import java.util.SortedMap;

/**
 * A round's lottery settings with its entry counts: per section, per party size, how many entries there are now
 * (kept as counters on write, never counted by reading the entries).
 */
public record Lottery(LotterySettings settings, SortedMap<String, SortedMap<Integer, Long>> entryCounts) {

    public long entries() {
        return entryCounts.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    public long entries(String sectionId, int partySize) {
        return entryCounts.getOrDefault(sectionId, new java.util.TreeMap<>()).getOrDefault(partySize, 0L);
    }

    public static Lottery withoutEntries(LotterySettings settings) {
        return new Lottery(settings, new java.util.TreeMap<>(Map.of()));
    }
}
