package dev.madang.aws.lottery;

import dev.madang.aws.support.Attr;
import dev.madang.domain.lottery.EntryState;
import dev.madang.domain.lottery.FanEntry;
import dev.madang.domain.lottery.Lotteries;
import dev.madang.domain.lottery.Lottery;
import dev.madang.domain.lottery.LotteryEntry;
import dev.madang.domain.lottery.LotterySettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Lotteries in the lottery table ({@code LotteryTable}, keys {@code pk}/{@code sk}, GSI {@code gsi1}):
 * <pre>
 * | pattern                                    | key condition                                               | index |
 * |--------------------------------------------|-------------------------------------------------------------|-------|
 * | a round's settings and entry counters      | pk = LOTTERY#round, sk = SETTINGS (counters: one number     | table |
 * |                                            | attribute per section and party size, "entries#B#2")        |       |
 * | save settings until entries open           | UpdateItem IF attribute_not_exists(pk) OR entriesOpenAt > now | table |
 * | enter: the fan's claim, the entry and the  | TransactWriteItems: Put pk = ENTRANT#round, sk = account    | table |
 * | counter, all or nothing                    | (attribute_not_exists: one entry per fan per round); Put    |       |
 * |                                            | pk = ENTRIES#round#section, sk = entryId; Update SETTINGS   |       |
 * |                                            | ADD counter IF entriesOpenAt <= now AND entriesCloseAt > now |       |
 * | the fan's entry in a round                 | GetItem pk = ENTRANT#round, sk = account (consistent)       | table |
 * | change / withdraw                          | TransactWriteItems: the claim IF it is still the entry read, | table |
 * |                                            | the entry item(s), the counters IF the window is open       |       |
 * | a section's entries (the draw's input)     | Query pk = ENTRIES#round#section                            | table |
 * | my entries, most recent first              | Query gsi1pk = FAN#account (sparse: claim items only)       | gsi1  |
 * </pre>
 * No scans. The entry item holds the entry id, section and party size, never the account: only the fan's claim item
 * (ENTRANT) names the account, and it holds the entry id. Transactions fit docs/architecture.md §3.6: entering is
 * rare per fan and contended only by the fan's own devices and the round's counter item.
 */
public final class DynamoLotteries implements Lotteries {

    private static final String COUNTER = "entries#";
    private static final int ATTEMPTS = 4;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoLotteries(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static Map<String, AttributeValue> settingsKey(String roundId) {
        return Map.of("pk", s("LOTTERY#" + roundId), "sk", s("SETTINGS"));
    }

    static Map<String, AttributeValue> claimKey(String roundId, String accountId) {
        return Map.of("pk", s("ENTRANT#" + roundId), "sk", s(accountId));
    }

    static Map<String, AttributeValue> entryKey(String roundId, String sectionId, String entryId) {
        return Map.of("pk", s(entriesPartition(roundId, sectionId)), "sk", s(entryId));
    }

    static String entriesPartition(String roundId, String sectionId) {
        return "ENTRIES#" + roundId + "#" + sectionId;
    }

    static String counter(String sectionId, int partySize) {
        return COUNTER + sectionId + "#" + partySize;
    }

    @Override
    public Optional<Lottery> find(String roundId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(settingsKey(roundId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        LotterySettings settings = new LotterySettings(roundId, Attr.instant(item, "entriesOpenAt"),
                Attr.instant(item, "entriesCloseAt"), Attr.instant(item, "paymentDeadline"),
                (int) Attr.num(item, "redraws"));
        SortedMap<String, SortedMap<Integer, Long>> counts = new TreeMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(COUNTER) && value.n() != null && Long.parseLong(value.n()) != 0) {
                String rest = name.substring(COUNTER.length());
                int cut = rest.lastIndexOf('#');
                counts.computeIfAbsent(rest.substring(0, cut), k -> new TreeMap<>())
                        .put(Integer.parseInt(rest.substring(cut + 1)), Long.parseLong(value.n()));
            }
        });
        return Optional.of(new Lottery(settings, counts));
    }

    @Override
    public boolean save(LotterySettings settings, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(settingsKey(settings.roundId()))
                    .updateExpression("SET roundId = :round, entriesOpenAt = :open, entriesCloseAt = :close, "
                            + "paymentDeadline = :pay, redraws = :redraws")
                    .conditionExpression("attribute_not_exists(pk) OR entriesOpenAt > :now")
                    .expressionAttributeValues(Map.of(":round", s(settings.roundId()),
                            ":open", Attr.time(settings.entriesOpenAt()), ":close", Attr.time(settings.entriesCloseAt()),
                            ":pay", Attr.time(settings.paymentDeadline()), ":redraws", n(settings.redraws()),
                            ":now", Attr.time(now))));
            return true;
        } catch (ConditionalCheckFailedException locked) {
            return false;
        }
    }

    @Override
    public Outcome enter(String accountId, FanEntry entry, Instant now) {
        List<TransactWriteItem> items = List.of(
                put(claimItem(accountId, entry), "attribute_not_exists(pk)", Map.of()),
                put(entryItem(entry), "attribute_not_exists(pk)", Map.of()),
                counters(entry.roundId(), Map.of(counter(entry.sectionId(), entry.partySize()), 1L), now));
        return write(items, Outcome.ALREADY_ENTERED);
    }

    @Override
    public Optional<FanEntry> entryOf(String roundId, String accountId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(claimKey(roundId, accountId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toEntry(item));
    }

    @Override
    public Outcome change(String accountId, FanEntry before, FanEntry after, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(stillValues(before));
        values.put(":section", s(after.sectionId()));
        values.put(":party", n(after.partySize()));
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(claimKey(before.roundId(), accountId))
                .updateExpression("SET sectionId = :section, partySize = :party")
                .conditionExpression(STILL).expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(values).build()).build());
        if (before.sectionId().equals(after.sectionId())) {
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(entryKey(before.roundId(), before.sectionId(), before.entryId()))
                    .updateExpression("SET partySize = :party").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":party", n(after.partySize()))).build()).build());
        } else {
            items.add(delete(entryKey(before.roundId(), before.sectionId(), before.entryId())));
            items.add(put(entryItem(after), "attribute_not_exists(pk)", Map.of()));
        }
        Map<String, Long> moves = new HashMap<>();
        moves.merge(counter(before.sectionId(), before.partySize()), -1L, Long::sum);
        moves.merge(counter(after.sectionId(), after.partySize()), 1L, Long::sum);
        moves.values().removeIf(v -> v == 0);
        items.add(counters(before.roundId(), moves, now));
        return write(items, Outcome.STALE);
    }

    @Override
    public Outcome withdraw(String accountId, FanEntry entry, Instant now) {
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(claimKey(entry.roundId(), accountId)).conditionExpression(STILL)
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(stillValues(entry)).build()).build(),
                delete(entryKey(entry.roundId(), entry.sectionId(), entry.entryId())),
                counters(entry.roundId(), Map.of(counter(entry.sectionId(), entry.partySize()), -1L), now));
        return write(items, Outcome.STALE);
    }

    @Override
    public List<FanEntry> entriesOf(String accountId, int limit) {
        QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :fan").expressionAttributeValues(Map.of(":fan", s("FAN#" + accountId)))
                .scanIndexForward(false).limit(limit).build());
        return page.items().stream().map(DynamoLotteries::toEntry).toList();
    }

    @Override
    public List<LotteryEntry> entriesIn(String roundId, String sectionId) {
        List<LotteryEntry> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(entriesPartition(roundId, sectionId))))
                    .consistentRead(true).exclusiveStartKey(start).build());
            page.items().forEach(item -> entries.add(new LotteryEntry(str(item, "sk"), sectionId,
                    (int) Attr.num(item, "partySize"))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }

    // ---- items ----------------------------------------------------------------------------------------------

    /** The claim names the entry it was read with: a change or a withdrawal based on an older read writes nothing. */
    private static final String STILL = "entryId = :entry AND sectionId = :oldSection AND partySize = :oldParty "
            + "AND #state = :entered";

    private static Map<String, AttributeValue> stillValues(FanEntry e) {
        return Map.of(":entry", s(e.entryId()), ":oldSection", s(e.sectionId()), ":oldParty", n(e.partySize()),
                ":entered", s(EntryState.ENTERED.name()));
    }

    private static Map<String, AttributeValue> claimItem(String accountId, FanEntry e) {
        Map<String, AttributeValue> item = new HashMap<>(claimKey(e.roundId(), accountId));
        item.putAll(entryAttributes(e));
        item.put("gsi1pk", s("FAN#" + accountId));
        item.put("gsi1sk", s(Attr.sortable(e.enteredAt()) + "#" + e.roundId()));
        return item;
    }

    /** The entry as the draw reads it: no account, no name, no e-mail. */
    private static Map<String, AttributeValue> entryItem(FanEntry e) {
        Map<String, AttributeValue> item = new HashMap<>(entryKey(e.roundId(), e.sectionId(), e.entryId()));
        item.putAll(entryAttributes(e));
        return item;
    }

    private static Map<String, AttributeValue> entryAttributes(FanEntry e) {
        return Map.of("roundId", s(e.roundId()), "entryId", s(e.entryId()), "sectionId", s(e.sectionId()),
                "partySize", n(e.partySize()), "state", s(e.state().name()), "enteredAt", s(e.enteredAt().toString()));
    }

    private static FanEntry toEntry(Map<String, AttributeValue> item) {
        return new FanEntry(str(item, "roundId"), str(item, "entryId"), str(item, "sectionId"),
                (int) Attr.num(item, "partySize"), EntryState.valueOf(str(item, "state")),
                Instant.parse(str(item, "enteredAt")));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition,
                                  Map<String, AttributeValue> values) {
        Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition);
        if (!values.isEmpty()) {
            put.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private TransactWriteItem delete(Map<String, AttributeValue> key) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key)
                .conditionExpression("attribute_exists(pk)").build()).build();
    }

    /** Moves the counters (a ConditionCheck-like update when there is nothing to move), only while entries are taken. */
    private TransactWriteItem counters(String roundId, Map<String, Long> moves, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> move : moves.entrySet()) {
            names.put("#c" + i, move.getKey());
            values.put(":d" + i, n(move.getValue()));
            adds.add("#c" + i + " :d" + i);
            i++;
        }
        values.put(":now", Attr.time(now));
        String update = adds.isEmpty() ? "SET entriesOpenAt = entriesOpenAt" : "ADD " + String.join(", ", adds);
        Update.Builder u = Update.builder().tableName(table).key(settingsKey(roundId)).updateExpression(update)
                .conditionExpression("entriesOpenAt <= :now AND entriesCloseAt > :now")
                .expressionAttributeValues(values);
        if (!names.isEmpty()) {
            u.expressionAttributeNames(names);
        }
        return TransactWriteItem.builder().update(u.build()).build();
    }

    /**
     * Writes the transaction: the first item is the fan's claim (its failed condition is {@code claimRefused}), the
     * last the counters (failed: entries are closed). A TransactionConflict (another transaction on the same items in
     * flight, which AWS cancels rather than queues) is retried a few times.
     */
    private Outcome write(List<TransactWriteItem> items, Outcome claimRefused) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
                return Outcome.DONE;
            } catch (TransactionCanceledException cancelled) {
                List<String> reasons = cancelled.hasCancellationReasons()
                        ? cancelled.cancellationReasons().stream().map(CancellationReason::code).toList() : List.of();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0))) {
                    return claimRefused;
                }
                if (reasons.size() == items.size() && "ConditionalCheckFailed".equals(reasons.get(items.size() - 1))) {
                    return Outcome.CLOSED;
                }
                if (reasons.contains("ConditionalCheckFailed")) {
                    return Outcome.STALE; // an entry item not as the claim said: someone else's write came between
                }
                if (!reasons.contains("TransactionConflict") || attempt >= ATTEMPTS) {
                    throw cancelled;
                }
            }
        }
    }
}
