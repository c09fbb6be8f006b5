package dev.madang.aws.lottery;

import dev.madang.aws.support.Attr;
import dev.madang.domain.lottery.DrawEntry;
import dev.madang.domain.lottery.DrawSeed;
import dev.madang.domain.lottery.EntryState;
import dev.madang.domain.lottery.FanEntry;
import dev.madang.domain.lottery.Lotteries;
import dev.madang.domain.lottery.Lottery;
import dev.madang.domain.lottery.LotteryEntry;
import dev.madang.domain.lottery.LotteryDraws;
import dev.madang.domain.lottery.LotterySettings;
import dev.madang.domain.lottery.Offer;
import dev.madang.domain.lottery.SectionDraw;
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
 * | close entries (for good: every entry write | UpdateItem SETTINGS SET closedAt IF entriesCloseAt <= now   | table |
 * | above is also conditional on no closedAt)  | OR closedAt exists (repeat: already closed is fine)         |       |
 * | close now (draw now)                       | UpdateItem SETTINGS SET closedAt IF entriesOpenAt <= now    | table |
 * | the workflow's wait token                  | UpdateItem SETTINGS SET drawWait; GetItem (consistent)      | table |
 * | a section's offers, a page                 | Query pk = ENTRIES#round#section, sk > after, filter        | table |
 * |                                            | attribute_exists(holdId)                                    |       |
 * | store the entries digest once              | UpdateItem SETTINGS IF attribute_not_exists(entriesDigest)  | table |
 * | a draw's secret seed and commitment, once  | Put pk = LOTTERY#round, sk = SEED#n IF attribute_not_exists | table |
 * | a section's draw, stored before offers     | Put pk = LOTTERY#round, sk = DRAW#n#section IF not exists;  | table |
 * |                                            | complete: UpdateItem SET offers, complete                   |       |
 * | the draw's state (settings, seeds, draws)  | Query pk = LOTTERY#round (consistent)                       | table |
 * | a section's entries with state and offer   | Query pk = ENTRIES#round#section (consistent)               | table |
 * | entry id -> account (who holds the offer)  | Query pk = ENTRANT#round (consistent; claims only)          | table |
 * | move an entry (WON/LOST/WON_EXPIRED/PAID)  | TransactWriteItems: the claim and the entry item, each      | table |
 * |                                            | IF state = the state read (a repeat reads back the claim)   |       |
 * | reveal the seeds                           | UpdateItem SETTINGS SET revealedAt IF not exists            | table |
 * </pre>
 * The seed is stored on its SEED item and leaves this adapter only for {@code RunningLottery}, which shows it in no
 * view before the reveal.
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

    // ---- the draw workflow ------------------------------------------------------------------------------------

    static Map<String, AttributeValue> itemKey(String roundId, String sk) {
        return Map.of("pk", s("LOTTERY#" + roundId), "sk", s(sk));
    }

    @Override
    public boolean close(String roundId, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(settingsKey(roundId))
                    .updateExpression("SET closedAt = if_not_exists(closedAt, :now)")
                    .conditionExpression("attribute_exists(pk) AND "
                            + "(entriesCloseAt <= :now OR attribute_exists(closedAt))")
                    .expressionAttributeValues(Map.of(":now", Attr.time(now))));
            return true;
        } catch (ConditionalCheckFailedException open) {
            return false;
        }
    }

    @Override
    public boolean closeNow(String roundId, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(settingsKey(roundId))
                    .updateExpression("SET closedAt = if_not_exists(closedAt, :now)")
                    .conditionExpression("attribute_exists(pk) AND entriesOpenAt <= :now")
                    .expressionAttributeValues(Map.of(":now", Attr.time(now))));
            return true;
        } catch (ConditionalCheckFailedException notOpen) {
            return false;
        }
    }

    @Override
    public void keepDrawWait(String roundId, String waitToken) {
        dynamo.updateItem(r -> r.tableName(table).key(settingsKey(roundId))
                .updateExpression("SET drawWait = :token").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":token", s(waitToken))));
    }

    @Override
    public Optional<String> drawWait(String roundId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(settingsKey(roundId))
                .projectionExpression("drawWait").consistentRead(true)).item();
        return item == null || !item.containsKey("drawWait") ? Optional.empty() : Optional.of(str(item, "drawWait"));
    }

    @Override
    public List<DrawEntry> offersIn(String roundId, String sectionId, String afterEntryId, int limit) {
        List<DrawEntry> out = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(entriesPartition(roundId, sectionId)));
        String condition = "pk = :pk";
        if (afterEntryId != null) {
            values.put(":after", s(afterEntryId));
            condition += " AND sk > :after";
        }
        Map<String, AttributeValue> start = null;
        do {
            // the filter runs after the page is read: keep reading until the page is full or the section ends; 500
            // entries a read keeps one page of a 100,000-entry section from reading a whole megabyte
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).limit(500)
                    .keyConditionExpression(condition).filterExpression("attribute_exists(holdId)")
                    .expressionAttributeValues(values).exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (out.size() < limit) {
                    out.add(toDrawEntry(sectionId, item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && out.size() < limit);
        return out;
    }

    @Override
    public String storeEntriesDigest(String roundId, String digest) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(settingsKey(roundId))
                    .updateExpression("SET entriesDigest = :d")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(entriesDigest)")
                    .expressionAttributeValues(Map.of(":d", s(digest))));
            return digest;
        } catch (ConditionalCheckFailedException stored) {
            return draws(roundId).entriesDigest();
        }
    }

    @Override
    public LotteryDraws draws(String roundId) {
        Instant closedAt = null;
        Instant revealedAt = null;
        String digest = null;
        SortedMap<Integer, DrawSeed> seeds = new TreeMap<>();
        List<SectionDraw> sectionDraws = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryAll("LOTTERY#" + roundId)) {
            String sk = str(item, "sk");
            if (sk.equals("SETTINGS")) {
                closedAt = Attr.instant(item, "closedAt");
                revealedAt = Attr.instant(item, "revealedAt");
                digest = str(item, "entriesDigest");
            } else if (sk.startsWith("SEED#")) {
                int n = (int) Attr.num(item, "drawNumber");
                seeds.put(n, new DrawSeed(n, str(item, "commitment"), item.get("seed").b().asByteArray(),
                        Attr.instant(item, "committedAt")));
            } else if (sk.startsWith("DRAW#")) {
                sectionDraws.add(toSectionDraw(roundId, item));
            }
        }
        return new LotteryDraws(roundId, closedAt, digest, revealedAt, seeds, sectionDraws);
    }

    @Override
    public DrawSeed commitSeed(String roundId, DrawSeed seed) {
        Map<String, AttributeValue> item = new HashMap<>(itemKey(roundId, "SEED#" + seed.drawNumber()));
        item.put("drawNumber", n(seed.drawNumber()));
        item.put("commitment", s(seed.commitment()));
        item.put("seed", Attr.b(seed.seed()));
        item.put("committedAt", Attr.time(seed.committedAt()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return seed;
        } catch (ConditionalCheckFailedException stored) {
            return draws(roundId).seeds().get(seed.drawNumber());
        }
    }

    @Override
    public SectionDraw saveSectionDraw(SectionDraw draw) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(sectionDrawItem(draw))
                    .conditionExpression("attribute_not_exists(pk)"));
            return draw;
        } catch (ConditionalCheckFailedException stored) {
            return draws(draw.roundId()).sectionDraw(draw.drawNumber(), draw.sectionId()).orElseThrow();
        }
    }

    @Override
    public void completeSectionDraw(SectionDraw done) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(itemKey(done.roundId(), "DRAW#" + done.drawNumber() + "#" + done.sectionId()))
                    .updateExpression("SET offers = :offers, complete = :t")
                    .conditionExpression("attribute_exists(pk) AND complete = :f")
                    .expressionAttributeValues(Map.of(":offers", seatMap(done.offers()),
                            ":t", AttributeValue.fromBool(true), ":f", AttributeValue.fromBool(false))));
        } catch (ConditionalCheckFailedException already) {
            // completed by an earlier run: its offers stand
        }
    }

    @Override
    public List<DrawEntry> drawEntries(String roundId, String sectionId) {
        return queryAll(entriesPartition(roundId, sectionId)).stream().map(item -> toDrawEntry(sectionId, item))
                .toList();
    }

    private static DrawEntry toDrawEntry(String sectionId, Map<String, AttributeValue> item) {
        return new DrawEntry(new LotteryEntry(str(item, "sk"), sectionId, (int) Attr.num(item, "partySize")),
                EntryState.valueOf(str(item, "state")), toOffer(item));
    }

    @Override
    public Map<String, String> entrants(String roundId) {
        Map<String, String> out = new HashMap<>();
        queryAll("ENTRANT#" + roundId).forEach(item -> out.put(str(item, "entryId"), str(item, "sk")));
        return out;
    }

    @Override
    public boolean moveEntry(String roundId, String accountId, DrawEntry from, EntryState to, Offer offer) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":from", s(from.state().name()));
        values.put(":to", s(to.name()));
        values.put(":entry", s(from.entryId()));
        String set = "SET #state = :to";
        if (offer != null) {
            set += ", holdId = :hold, drawNumber = :draw, offerSeats = :seats, amount = :amount, deadline = :deadline";
            values.put(":hold", s(offer.holdId()));
            values.put(":draw", n(offer.drawNumber()));
            values.put(":seats", Attr.ss(offer.seatIds()));
            values.put(":amount", n(offer.amount()));
            values.put(":deadline", Attr.time(offer.deadline()));
        }
        String update = set;
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(claimKey(roundId, accountId))
                        .updateExpression(update).conditionExpression("entryId = :entry AND #state = :from")
                        .expressionAttributeNames(Map.of("#state", "state")).expressionAttributeValues(values)
                        .build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(entryKey(roundId, from.entry().sectionId(), from.entryId()))
                        .updateExpression(update).conditionExpression("entryId = :entry AND #state = :from")
                        .expressionAttributeNames(Map.of("#state", "state")).expressionAttributeValues(values)
                        .build()).build());
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
                return true;
            } catch (TransactionCanceledException cancelled) {
                List<String> reasons = cancelled.hasCancellationReasons()
                        ? cancelled.cancellationReasons().stream().map(CancellationReason::code).toList() : List.of();
                if (reasons.contains("ConditionalCheckFailed")) {
                    Map<String, AttributeValue> claim = dynamo.getItem(r -> r.tableName(table)
                            .key(claimKey(roundId, accountId)).consistentRead(true)).item();
                    if (claim == null || claim.isEmpty() || !to.name().equals(str(claim, "state"))) {
                        return false;
                    }
                    return offer == null || offer.holdId().equals(str(claim, "holdId"));
                }
                if (attempt >= ATTEMPTS) {
                    throw cancelled;
                }
            }
        }
    }

    @Override
    public Optional<Offer> offerOf(String roundId, String accountId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(claimKey(roundId, accountId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(toOffer(item));
    }

    @Override
    public void reveal(String roundId, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(settingsKey(roundId))
                    .updateExpression("SET revealedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(revealedAt)")
                    .expressionAttributeValues(Map.of(":now", Attr.time(now))));
        } catch (ConditionalCheckFailedException already) {
            // revealed before
        }
    }

    private List<Map<String, AttributeValue>> queryAll(String partition) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(partition)))
                    .consistentRead(true).exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static Offer toOffer(Map<String, AttributeValue> item) {
        if (!item.containsKey("holdId")) {
            return null;
        }
        return new Offer(str(item, "holdId"), (int) Attr.num(item, "drawNumber"), Attr.strings(item, "offerSeats"),
                Attr.num(item, "amount"), Attr.instant(item, "deadline"));
    }

    private static AttributeValue seatMap(Map<String, List<String>> m) {
        Map<String, AttributeValue> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, Attr.ss(v)));
        return AttributeValue.fromM(out);
    }

    private static Map<String, List<String>> seatMapOf(AttributeValue v) {
        Map<String, List<String>> out = new TreeMap<>();
        if (v != null && v.hasM()) {
            v.m().forEach((k, seats) -> out.put(k, seats.l().stream().map(AttributeValue::s).toList()));
        }
        return out;
    }

    private static Map<String, AttributeValue> sectionDrawItem(SectionDraw d) {
        Map<String, AttributeValue> item = new HashMap<>(itemKey(d.roundId(),
                "DRAW#" + d.drawNumber() + "#" + d.sectionId()));
        Map<String, AttributeValue> holds = new HashMap<>();
        d.holdIds().forEach((k, v) -> holds.put(k, s(v)));
        item.put("drawNumber", n(d.drawNumber()));
        item.put("sectionId", s(d.sectionId()));
        item.put("commitment", s(d.commitment()));
        item.put("entriesDigest", s(d.entriesDigest()));
        item.put("entries", n(d.entries()));
        item.put("freeSeats", Attr.ss(d.freeSeats()));
        item.put("winners", seatMap(d.winners()));
        item.put("holdIds", AttributeValue.fromM(holds));
        item.put("deadline", Attr.time(d.deadline()));
        item.put("offers", seatMap(d.offers()));
        item.put("complete", AttributeValue.fromBool(d.complete()));
        return item;
    }

    private static SectionDraw toSectionDraw(String roundId, Map<String, AttributeValue> item) {
        Map<String, String> holds = new TreeMap<>();
        item.get("holdIds").m().forEach((k, v) -> holds.put(k, v.s()));
        return new SectionDraw(roundId, (int) Attr.num(item, "drawNumber"), str(item, "sectionId"),
                str(item, "commitment"), str(item, "entriesDigest"), (int) Attr.num(item, "entries"),
                Attr.strings(item, "freeSeats"), seatMapOf(item.get("winners")), holds, Attr.instant(item, "deadline"),
                seatMapOf(item.get("offers")), item.get("complete").bool());
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
                .conditionExpression("entriesOpenAt <= :now AND entriesCloseAt > :now AND attribute_not_exists(closedAt)")
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
