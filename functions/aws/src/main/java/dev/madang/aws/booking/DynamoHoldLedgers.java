package dev.madang.aws.booking;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.booking.HoldLedgers;
import dev.madang.domain.booking.SeatHold;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * A fan's holds per round, one item in the seats table: {@code pk = LEDGER#user, sk = RND#round}, one attribute
 * {@code h_<holdId>} per hold and {@code seatsHeld}, the sum of their seats. Access patterns:
 * <pre>
 * | pattern                          | key condition                          | index |
 * |----------------------------------|----------------------------------------|-------|
 * | record a hold within the limit   | pk = LEDGER#user, sk = RND#round       | table |
 * | find one of a fan's holds        | pk = LEDGER#user (the fan's ledgers)   | table |
 * | an order takes the hold (marks   | UpdateItem pk = LEDGER#user,           | table |
 * | it), the fan releases it (unless | sk = RND#round, IF the entry exists    |       |
 * | marked), extend it for a deposit | (and, to release, is not marked)       |       |
 * </pre>
 * Recording is one conditional UpdateItem ({@code seatsHeld <= limit - n}) and reads nothing. Expired holds still
 * count in {@code seatsHeld} until a refused write reads the ledger and purges them: the rare path pays, not the
 * common one. An ordered hold is never purged (its seats are bought: the limit counts them for good); seats of its
 * cancelled tickets are given back with one attribute per cancellation, {@code r_<holdId>_<cancellationId>}, written
 * once with the count's decrement.
 */
final class DynamoHoldLedgers implements HoldLedgers {

    private static final String HOLD_PREFIX = "h_";
    private static final String RETURN_PREFIX = "r_";
    /** Set on an entry once an order pays for the hold. */
    private static final String ORDERED = "ord";
    private static final int PURGE_ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoHoldLedgers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String userId, String roundId) {
        return Map.of("pk", s("LEDGER#" + userId), "sk", s("RND#" + roundId));
    }

    @Override
    public Outcome record(SeatHold hold, String fingerprint, int limit, Instant now) {
        int n = hold.seats().size();
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.updateItem(r -> r.tableName(table).key(key(hold.userId(), hold.roundId()))
                        .updateExpression("SET #h = :entry, seatsHeld = if_not_exists(seatsHeld, :zero) + :n")
                        .conditionExpression("attribute_not_exists(#h) AND "
                                + "(attribute_not_exists(seatsHeld) OR seatsHeld <= :max)")
                        .expressionAttributeNames(Map.of("#h", HOLD_PREFIX + hold.holdId()))
                        .expressionAttributeValues(Map.of(":entry", entry(hold, fingerprint), ":zero", n(0),
                                ":n", n(n), ":max", n(limit - n))));
                return Outcome.RECORDED;
            } catch (ConditionalCheckFailedException refused) {
                Map<String, AttributeValue> ledger = read(hold.userId(), hold.roundId());
                if (ledger.containsKey(HOLD_PREFIX + hold.holdId())) {
                    return Outcome.ALREADY_RECORDED;
                }
                if (attempt >= PURGE_ATTEMPTS || !purgeExpired(ledger, hold, limit, now)) {
                    return Outcome.LIMIT_REACHED;
                }
            }
        }
    }

    /**
     * Drops expired holds from the ledger so that they stop counting; true if that leaves room for {@code hold}.
     * Conditional on the count read, so a concurrent change makes this fail and the caller retry.
     */
    private boolean purgeExpired(Map<String, AttributeValue> ledger, SeatHold hold, int limit, Instant now) {
        if (ledger.isEmpty()) {
            return false;
        }
        long stored = Long.parseLong(ledger.get("seatsHeld").n());
        long live = 0;
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, AttributeValue> e : ledger.entrySet()) {
            if (e.getKey().startsWith(HOLD_PREFIX)) {
                SeatHold h = decode(hold.userId(), e.getKey(), e.getValue());
                if (e.getValue().m().containsKey(ORDERED)) {
                    live += h.seats().size() - returned(ledger, h.holdId()); // bought: counts past its expiry
                } else if (h.liveAt(now)) {
                    live += h.seats().size();
                } else {
                    expired.add(e.getKey());
                }
            }
        }
        if (live + hold.seats().size() > limit) {
            return false;
        }
        if (expired.isEmpty()) {
            return true; // the count changed under us; try again
        }
        Map<String, String> names = new HashMap<>();
        List<String> removes = new ArrayList<>();
        for (int i = 0; i < expired.size(); i++) {
            names.put("#x" + i, expired.get(i));
            removes.add("#x" + i);
        }
        long liveSeats = live;
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(hold.userId(), hold.roundId()))
                    .updateExpression("SET seatsHeld = :live REMOVE " + String.join(", ", removes))
                    .conditionExpression("seatsHeld = :stored")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":live", n(liveSeats), ":stored", n(stored))));
        } catch (ConditionalCheckFailedException changed) {
            // another request of this fan changed the ledger; the caller retries with a fresh read
        }
        return true;
    }

    private static long returned(Map<String, AttributeValue> ledger, String holdId) {
        String prefix = RETURN_PREFIX + holdId + "_";
        return ledger.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> Long.parseLong(e.getValue().n())).sum();
    }

    @Override
    public boolean returnSeats(String userId, String roundId, String holdId, String cancellationId, int seats) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(userId, roundId))
                    .updateExpression("SET #r = :n, seatsHeld = seatsHeld - :n")
                    .conditionExpression("attribute_exists(#h) AND attribute_not_exists(#r)")
                    .expressionAttributeNames(Map.of("#h", HOLD_PREFIX + holdId,
                            "#r", RETURN_PREFIX + holdId + "_" + cancellationId))
                    .expressionAttributeValues(Map.of(":n", n(seats))));
            return true;
        } catch (ConditionalCheckFailedException doneOrGone) {
            // given back before (a repeat), or the hold is not in the ledger
            return read(userId, roundId).containsKey(RETURN_PREFIX + holdId + "_" + cancellationId);
        }
    }

    @Override
    public Optional<Recorded> find(String userId, String holdId) {
        String attr = HOLD_PREFIX + holdId;
        for (Map<String, AttributeValue> ledger : dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("LEDGER#" + userId)))).items()) {
            AttributeValue entry = ledger.get(attr);
            if (entry != null) {
                return Optional.of(new Recorded(decode(userId, attr, entry), entry.m().get("fp").s(),
                        entry.m().containsKey(ORDERED)));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean remove(SeatHold hold) {
        return removeIf(hold, "attribute_exists(#h)");
    }

    @Override
    public Release release(SeatHold hold) {
        if (removeIf(hold, "attribute_exists(#h) AND attribute_not_exists(#h." + ORDERED + ")")) {
            return Release.RELEASED;
        }
        AttributeValue entry = read(hold.userId(), hold.roundId()).get(HOLD_PREFIX + hold.holdId());
        return entry == null ? Release.GONE : Release.ORDERED;
    }

    /** Drops the hold's entry and its seats from the count, in one write, if {@code condition} (on {@code #h}) holds. */
    private boolean removeIf(SeatHold hold, String condition) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(hold.userId(), hold.roundId()))
                    .updateExpression("REMOVE #h SET seatsHeld = seatsHeld - :n")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#h", HOLD_PREFIX + hold.holdId()))
                    .expressionAttributeValues(Map.of(":n", n(hold.seats().size()))));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    @Override
    public boolean attachOrder(SeatHold hold) {
        return updateEntry(hold, "SET #h.#o = :yes", Map.of("#o", ORDERED), Map.of(":yes", AttributeValue.fromBool(true)));
    }

    @Override
    public boolean extend(SeatHold hold, Instant until) {
        return updateEntry(hold, "SET #h.#e = :exp", Map.of("#e", "exp"), Map.of(":exp", n(until.toEpochMilli())));
    }

    private boolean updateEntry(SeatHold hold, String update, Map<String, String> names,
                                Map<String, AttributeValue> values) {
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#h", HOLD_PREFIX + hold.holdId());
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(hold.userId(), hold.roundId()))
                    .updateExpression(update).conditionExpression("attribute_exists(#h)")
                    .expressionAttributeNames(allNames).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    private Map<String, AttributeValue> read(String userId, String roundId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(userId, roundId))
                .consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    /** Seats as "seatId|sectionId|grade|price" strings: the hold is shown later exactly as it was priced. */
    private static AttributeValue entry(SeatHold hold, String fingerprint) {
        List<AttributeValue> seats = hold.seats().stream()
                .map(x -> s(x.seatId() + "|" + x.sectionId() + "|" + x.grade() + "|" + x.price())).toList();
        return AttributeValue.fromM(Map.of("round", s(hold.roundId()), "exp", n(hold.expiresAt().toEpochMilli()),
                "fp", s(fingerprint), "seats", AttributeValue.fromL(seats)));
    }

    private static SeatHold decode(String userId, String attr, AttributeValue entry) {
        Map<String, AttributeValue> m = entry.m();
        List<HeldSeat> seats = m.get("seats").l().stream().map(v -> {
            String[] f = v.s().split("\\|");
            return new HeldSeat(f[0], f[1], f[2], Long.parseLong(f[3]));
        }).toList();
        return new SeatHold(attr.substring(HOLD_PREFIX.length()), m.get("round").s(), userId, seats,
                Instant.ofEpochMilli(Long.parseLong(m.get("exp").n())));
    }
}
