package dev.madang.domain.quota;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one {@link Quotas#take} took: units per shard number, so that {@link Quotas#giveBack} returns them where they
 * came from. Callers store it with what the units bought (e.g. as {@link #encode()} on a claimed coupon).
 */
public record QuotaTake(String quota, Map<Integer, Integer> unitsByShard) {

    public QuotaTake {
        if (unitsByShard.isEmpty() || unitsByShard.values().stream().anyMatch(u -> u <= 0)) {
            throw new IllegalArgumentException("a take holds at least one unit per shard named");
        }
        unitsByShard = Map.copyOf(new TreeMap<>(unitsByShard));
    }

    public static QuotaTake of(String quota, int shard, int units) {
        return new QuotaTake(quota, Map.of(shard, units));
    }

    public int units() {
        return unitsByShard.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** "shard:units,shard:units", in shard order. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(unitsByShard).forEach((shard, units) -> out.append(out.isEmpty() ? "" : ",").append(shard).append(':').append(units));
        return out.toString();
    }

    public static QuotaTake decode(String quota, String encoded) {
        Map<Integer, Integer> units = new TreeMap<>();
        for (String part : encoded.split(",")) {
            String[] pair = part.split(":");
            units.put(Integer.parseInt(pair[0]), Integer.parseInt(pair[1]));
        }
        return new QuotaTake(quota, units);
    }
}
