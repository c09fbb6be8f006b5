package dev.madang.domain.queue;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How many fans arrived in each second of a room's line (the early arrivals in one second of their own), summed over
 * the shards they were counted in. From it a place's position: everyone of an earlier second, plus the share of its
 * own second before it.
 */
public final class ArrivalCounts {

    private final NavigableMap<Long, Long> perSecond;
    private final NavigableMap<Long, Long> before = new TreeMap<>();
    private final long total;

    public ArrivalCounts(Map<Long, Long> perSecond) {
        this.perSecond = new TreeMap<>(perSecond);
        long running = 0;
        for (Map.Entry<Long, Long> e : this.perSecond.entrySet()) {
            before.put(e.getKey(), running);
            running += e.getValue();
        }
        this.total = running;
    }

    public long total() {
        return total;
    }

    /** People ahead of the place in the line (admitted or not), estimated within its own second by its offset. */
    public double ahead(QueuePlace place) {
        Map.Entry<Long, Long> at = before.floorEntry(place.second());
        if (at == null) {
            return 0;
        }
        if (at.getKey() != place.second()) {
            return at.getValue() + perSecond.get(at.getKey()); // a second nobody was counted in yet: after its floor
        }
        return at.getValue() + place.offset() * perSecond.get(place.second());
    }
}
