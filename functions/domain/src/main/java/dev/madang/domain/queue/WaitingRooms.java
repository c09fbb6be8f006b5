package dev.madang.domain.queue;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Where rooms, places and arrival counts are kept. Entering must not funnel through one key: arrivals are counted
 * in {@code shards} items per second, a fan's place in an item of its own.
 */
public interface WaitingRooms {

    Optional<WaitingRoom> room(String roundId);

    void save(WaitingRoom room);

    /**
     * Stores the fan's place and counts its arrival in one shard of its second, both or neither, unless the fan has a
     * place already: then nothing is written and that place is answered (one place per person, from any tab or
     * device).
     */
    QueuePlace enter(QueuePlace place, int shard);

    /** The fan's place {@code old} replaced by {@code fresh} (the old one's admission window passed); counted anew. */
    boolean reenter(QueuePlace old, QueuePlace fresh, int shard);

    /**
     * Arrivals per second for these seconds (summed over shards); seconds nobody arrived in are left out. Seconds
     * before {@code settledBefore} can gain no more arrivals: the store may keep their totals rolled up, so that an
     * instance starting late in a long sale reads a few items rather than every shard of every second.
     */
    Map<Long, Long> arrivals(String roundId, Collection<Long> seconds, long settledBefore);

    /** Adds ad impressions counted in memory since the last flush: one write per ad, not one per poll. */
    void addImpressions(String roundId, Map<String, Long> byAd);

    Map<String, Long> impressions(String roundId);
}
