package dev.madang.aws.queue;

import dev.madang.aws.support.Attr;
import dev.madang.aws.support.BatchGets;
import dev.madang.domain.queue.QueuePlace;
import dev.madang.domain.queue.WaitingRoom;
import dev.madang.domain.queue.WaitingRooms;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Waiting rooms: the settings in the catalog table beside the round ({@code pk = WAITROOM#round, sk = SETTINGS}, read
 * by the booking routes' gate at most once a second per instance), the line in the waiting-room table:
 * <pre>
 * | pattern                               | key                                                         | writes/s at |
 * |                                       |                                                             | 20,000/s    |
 * |---------------------------------------|-------------------------------------------------------------|-------------|
 * | a fan's place (one per person)        | pk = PLACE#round#account, sk = P; Put IF not exists, in one  | 1 per fan   |
 * |                                       | transaction with the arrival's count                        |             |
 * | arrivals: 10-second windows, one item | pk = ARRIVALS#round#window#shard, sk = A; ADD s0..s9 (the    | 400 (50     |
 * | per window per shard                  | second within the window)                                   | shards)     |
 * | a settled window's totals (rolled up  | pk = ARRIVALS#round#window, sk = TOTAL; Put IF not exists    | once        |
 * | once, so a late instance reads little)|                                                             |             |
 * | ad impressions                        | pk = IMPRESSIONS#round, sk = ad id; ADD n (per instance       | 0.1 per     |
 * |                                       | flush, every 10 s)                                          | instance    |
 * </pre>
 * Places and arrival counts expire (TTL {@code expiresAtEpoch}) two days after they are written.
 */
public final class DynamoWaitingRooms implements WaitingRooms {

    static final int WINDOW_SECONDS = WaitingRoomKeys.WINDOW_SECONDS;
    private static final Duration KEEP = Duration.ofDays(2);

    private final DynamoDbClient dynamo;
    private final String catalogTable;
    private final String table;
    private final int shards;

    public DynamoWaitingRooms(DynamoDbClient dynamo, String catalogTable, String waitingRoomTable, int shards) {
        this.dynamo = dynamo;
        this.catalogTable = catalogTable;
        this.table = waitingRoomTable;
        this.shards = shards;
    }

    private static Map<String, AttributeValue> roomKey(String roundId) {
        return Map.of("pk", s(WaitingRoomKeys.room(roundId)), "sk", s("SETTINGS"));
    }

    private static Map<String, AttributeValue> placeKey(String roundId, String userId) {
        return Map.of("pk", s(WaitingRoomKeys.place(roundId, userId)), "sk", s("P"));
    }

    private static Map<String, AttributeValue> shardKey(String roundId, long window, int shard) {
        return Map.of("pk", s(WaitingRoomKeys.shard(roundId, window, shard)), "sk", s("A"));
    }

    private static Map<String, AttributeValue> totalKey(String roundId, long window) {
        return Map.of("pk", s(WaitingRoomKeys.total(roundId, window)), "sk", s("TOTAL"));
    }

    @Override
    public Optional<WaitingRoom> room(String roundId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(catalogTable).key(roomKey(roundId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        List<WaitingRoom.Ad> ads = item.containsKey("ads") ? item.get("ads").l().stream().map(AttributeValue::m)
                .map(m -> new WaitingRoom.Ad(m.get("adId").s(), m.get("imageUrl").s(),
                        m.containsKey("linkUrl") ? m.get("linkUrl").s() : null, m.get("text").s())).toList()
                : List.of();
        boolean puzzleWhenOff = item.containsKey("puzzleWhenOff") && item.get("puzzleWhenOff").bool();
        return Optional.of(new WaitingRoom(roundId, item.get("on").bool(), puzzleWhenOff, Instant.parse(str(item, "opensAt")),
                (int) Attr.num(item, "admissionsPerSecond"), Instant.parse(str(item, "rateSince")),
                Double.parseDouble(item.get("admittedBefore").n()), ads, Instant.parse(str(item, "updatedAt"))));
    }

    @Override
    public void save(WaitingRoom room) {
        Map<String, AttributeValue> item = new HashMap<>(roomKey(room.roundId()));
        item.put("on", AttributeValue.fromBool(room.on()));
        item.put("puzzleWhenOff", AttributeValue.fromBool(room.puzzleWhenOff()));
        item.put("opensAt", s(room.opensAt().toString()));
        item.put("admissionsPerSecond", n(room.admissionsPerSecond()));
        item.put("rateSince", s(room.rateSince().toString()));
        item.put("admittedBefore", AttributeValue.fromN(Double.toString(room.admittedBefore())));
        item.put("updatedAt", s(room.updatedAt().toString()));
        item.put("ads", AttributeValue.fromL(room.ads().stream().map(ad -> {
            Map<String, AttributeValue> m = new HashMap<>(Map.of("adId", s(ad.adId()), "imageUrl", s(ad.imageUrl()),
                    "text", s(ad.text())));
            if (ad.linkUrl() != null) {
                m.put("linkUrl", s(ad.linkUrl()));
            }
            return AttributeValue.fromM(m);
        }).toList()));
        dynamo.putItem(r -> r.tableName(catalogTable).item(item));
    }

    @Override
    public QueuePlace enter(QueuePlace place, int shard) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(placeItem(place))
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    count(place, shard)));
            return place;
        } catch (TransactionCanceledException cancelled) {
            if (cancelled.hasCancellationReasons()
                    && "ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(0).code())) {
                return storedPlace(place.roundId(), place.userId()).orElseThrow();
            }
            throw cancelled;
        }
    }

    @Override
    public boolean reenter(QueuePlace old, QueuePlace fresh, int shard) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(placeItem(fresh))
                            .conditionExpression("#sec = :sec AND #off = :off")
                            .expressionAttributeNames(Map.of("#sec", "second", "#off", "offset"))
                            .expressionAttributeValues(Map.of(":sec", n(old.second()),
                                    ":off", AttributeValue.fromN(Double.toString(old.offset()))))).build(),
                    count(fresh, shard)));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (cancelled.hasCancellationReasons()
                    && "ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(0).code())) {
                return false;
            }
            throw cancelled;
        }
    }

    private Optional<QueuePlace> storedPlace(String roundId, String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(placeKey(roundId, userId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(new QueuePlace(roundId, userId,
                Attr.num(item, "second"), Double.parseDouble(item.get("offset").n()),
                Instant.parse(str(item, "enteredAt"))));
    }

    private Map<String, AttributeValue> placeItem(QueuePlace p) {
        Map<String, AttributeValue> item = new HashMap<>(placeKey(p.roundId(), p.userId()));
        item.put("second", n(p.second()));
        item.put("offset", AttributeValue.fromN(Double.toString(p.offset())));
        item.put("enteredAt", s(p.enteredAt().toString()));
        item.put("expiresAtEpoch", n(p.enteredAt().plus(KEEP).getEpochSecond()));
        return item;
    }

    /** One arrival in one shard of its second's window: the attribute is the second within the window. */
    private TransactWriteItem count(QueuePlace p, int shard) {
        long window = WaitingRoomKeys.window(p.second());
        String attribute = WaitingRoomKeys.secondAttribute(p.second());
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(shardKey(p.roundId(), window, shard))
                .updateExpression("ADD #s :one SET expiresAtEpoch = :ttl")
                .expressionAttributeNames(Map.of("#s", attribute))
                .expressionAttributeValues(Map.of(":one", n(1),
                        ":ttl", n(p.enteredAt().plus(KEEP).getEpochSecond())))).build();
    }

    @Override
    public Map<Long, Long> arrivals(String roundId, Collection<Long> seconds, long settledBefore) {
        TreeSet<Long> windows = new TreeSet<>();
        seconds.forEach(sec -> windows.add(Math.floorDiv(sec, WINDOW_SECONDS)));
        Map<Long, long[]> perWindow = new TreeMap<>();
        List<Long> settled = windows.stream().filter(w -> (w + 1) * WINDOW_SECONDS <= settledBefore).toList();
        // settled windows: their roll-up if someone wrote it
        Map<Map<String, AttributeValue>, Long> totals = new LinkedHashMap<>();
        settled.forEach(w -> totals.put(totalKey(roundId, w), w));
        for (Map<String, AttributeValue> item : batchGet(new ArrayList<>(totals.keySet()))) {
            long w = totals.get(Map.of("pk", item.get("pk"), "sk", item.get("sk")));
            perWindow.put(w, seconds(item));
        }
        // the rest: every shard of the window
        List<Long> toSum = windows.stream().filter(w -> !perWindow.containsKey(w)).toList();
        Map<Map<String, AttributeValue>, Long> shardKeys = new LinkedHashMap<>();
        for (long w : toSum) {
            perWindow.put(w, new long[WINDOW_SECONDS]);
            for (int shard = 0; shard < shards; shard++) {
                shardKeys.put(shardKey(roundId, w, shard), w);
            }
        }
        for (Map<String, AttributeValue> item : batchGet(new ArrayList<>(shardKeys.keySet()))) {
            long[] sum = perWindow.get(shardKeys.get(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
            long[] these = seconds(item);
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                sum[i] += these[i];
            }
        }
        for (long w : toSum) {
            if ((w + 1) * WINDOW_SECONDS <= settledBefore) {
                rollUp(roundId, w, perWindow.get(w));
            }
        }
        Map<Long, Long> out = new HashMap<>();
        for (long sec : seconds) {
            long n = perWindow.get(Math.floorDiv(sec, WINDOW_SECONDS))[(int) Math.floorMod(sec, WINDOW_SECONDS)];
            if (n > 0) {
                out.put(sec, n);
            }
        }
        return out;
    }

    /** A settled window's totals, written once (a second writer's conditional put changes nothing). */
    private void rollUp(String roundId, long window, long[] counts) {
        Map<String, AttributeValue> item = new HashMap<>(totalKey(roundId, window));
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (counts[i] > 0) {
                item.put("s" + i, n(counts[i]));
            }
        }
        item.put("expiresAtEpoch", n(Instant.now().plus(KEEP).getEpochSecond()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException rolledUpAlready) {
            // another instance did it first, from the same settled counts
        }
    }

    private static long[] seconds(Map<String, AttributeValue> item) {
        long[] out = new long[WINDOW_SECONDS];
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            AttributeValue v = item.get("s" + i);
            out[i] = v == null ? 0 : Long.parseLong(v.n());
        }
        return out;
    }

    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        return BatchGets.all(dynamo, table, keys, null);
    }

    @Override
    public void addImpressions(String roundId, Map<String, Long> byAd) {
        byAd.forEach((ad, count) -> dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of("pk", s(WaitingRoomKeys.impressions(roundId)), "sk", s(ad)))
                .updateExpression("ADD n :n").expressionAttributeValues(Map.of(":n", n(count)))));
    }

    @Override
    public Map<String, Long> impressions(String roundId) {
        Map<String, Long> out = new TreeMap<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s(WaitingRoomKeys.impressions(roundId)))).consistentRead(true))
                .items().forEach(i -> out.put(str(i, "sk"), Attr.num(i, "n")));
        return out;
    }
}
