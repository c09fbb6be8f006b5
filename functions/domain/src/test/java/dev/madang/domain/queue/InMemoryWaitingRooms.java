package dev.madang.domain.queue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The store's contract in memory, for the line's rules (the DynamoDB adapter is tested on the local stack). */
final class InMemoryWaitingRooms implements WaitingRooms {

    final Map<String, WaitingRoom> rooms = new ConcurrentHashMap<>();
    final Map<String, QueuePlace> places = new ConcurrentHashMap<>();
    /** second → shard → count, per round. */
    final Map<String, Map<Long, Map<Integer, Long>>> counts = new ConcurrentHashMap<>();
    final Map<String, Map<String, Long>> impressions = new ConcurrentHashMap<>();
    int arrivalReads;

    @Override
    public Optional<WaitingRoom> room(String roundId) {
        return Optional.ofNullable(rooms.get(roundId));
    }

    @Override
    public void save(WaitingRoom room) {
        rooms.put(room.roundId(), room);
    }

    @Override
    public synchronized QueuePlace enter(QueuePlace place, int shard) {
        QueuePlace before = places.putIfAbsent(place.roundId() + "/" + place.userId(), place);
        if (before != null) {
            return before;
        }
        count(place, shard);
        return place;
    }

    @Override
    public synchronized boolean reenter(QueuePlace old, QueuePlace fresh, int shard) {
        if (!places.replace(old.roundId() + "/" + old.userId(), old, fresh)) {
            return false;
        }
        count(fresh, shard);
        return true;
    }

    private void count(QueuePlace place, int shard) {
        counts.computeIfAbsent(place.roundId(), r -> new ConcurrentHashMap<>())
                .computeIfAbsent(place.second(), s -> new ConcurrentHashMap<>()).merge(shard, 1L, Long::sum);
    }

    @Override
    public synchronized Map<Long, Long> arrivals(String roundId, Collection<Long> seconds, long settledBefore) {
        arrivalReads++;
        Map<Long, Long> out = new HashMap<>();
        Map<Long, Map<Integer, Long>> round = counts.getOrDefault(roundId, Map.of());
        for (long s : seconds) {
            Map<Integer, Long> shards = round.get(s);
            if (shards != null) {
                out.put(s, shards.values().stream().mapToLong(Long::longValue).sum());
            }
        }
        return out;
    }

    @Override
    public void addImpressions(String roundId, Map<String, Long> byAd) {
        byAd.forEach((ad, n) -> impressions.computeIfAbsent(roundId, r -> new ConcurrentHashMap<>())
                .merge(ad, n, Long::sum));
    }

    @Override
    public Map<String, Long> impressions(String roundId) {
        return Map.copyOf(impressions.getOrDefault(roundId, Map.of()));
    }
}
