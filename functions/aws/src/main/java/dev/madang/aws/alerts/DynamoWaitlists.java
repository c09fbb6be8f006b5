package dev.madang.aws.alerts;

import dev.madang.aws.support.Attr;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Page;
import dev.madang.domain.waitlist.WaitlistSubscription;
import dev.madang.domain.waitlist.Waitlists;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * Waitlist subscriptions in the alerts table ({@code AlertsTable}, keys {@code pk}/{@code sk}, GSI {@code gsi1}):
 * <pre>
 * | pattern                                   | key condition                                                  | index |
 * |-------------------------------------------|----------------------------------------------------------------|-------|
 * | subscribe, once per fan, round and grade  | PutItem pk = FAN#account, sk = WAIT#round#grade,               | table |
 * |                                           | attribute_not_exists(pk)                                       |       |
 * | my subscriptions; mine by id; cancel      | Query pk = FAN#account, sk begins_with WAIT#; DeleteItem IF    | table |
 * |                                           | subscriptionId = :id                                           |       |
 * | a round's line for a grade, front first   | Query gsi1pk = LINE#round#grade (gsi1sk = lineAt ms#id), paged | gsi1  |
 * | told: to the end of the line, once per    | UpdateItem SET lineAt, gsi1sk, lastRelease IF subscriptionId = | table |
 * | release                                   | :id AND (no lastRelease OR lastRelease <> :release)            |       |
 * </pre>
 * A fan's own partition holds their subscriptions, so another fan's id is simply not there (404, never 403).
 */
public final class DynamoWaitlists implements Waitlists {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoWaitlists(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void add(WaitlistSubscription w) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(AlertKeys.fan(w.accountId())));
        item.put("sk", s(AlertKeys.subscription(w.roundId(), w.grade())));
        item.put("subscriptionId", s(w.id()));
        item.put("accountId", s(w.accountId()));
        item.put("roundId", s(w.roundId()));
        item.put("grade", s(w.grade()));
        item.put("partySize", n(w.partySize()));
        item.put("subscribedAt", Attr.time(w.subscribedAt()));
        item.put("lineAt", n(w.lineAt().toEpochMilli()));
        item.put("gsi1pk", s(AlertKeys.line(w.roundId(), w.grade())));
        item.put("gsi1sk", s(AlertKeys.place(w.lineAt().toEpochMilli(), w.id())));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw DomainException.conflict("already-subscribed", "you wait for grade " + w.grade() + " of round "
                    + w.roundId() + " already");
        }
    }

    @Override
    public List<WaitlistSubscription> mine(String accountId) {
        return dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :wait)")
                        .expressionAttributeValues(Map.of(":pk", s(AlertKeys.fan(accountId)), ":wait", s("WAIT#"))))
                .items().stream().map(DynamoWaitlists::decode)
                .sorted(java.util.Comparator.comparing(WaitlistSubscription::id)).toList();
    }

    @Override
    public Optional<WaitlistSubscription> mine(String accountId, String subscriptionId) {
        return mine(accountId).stream().filter(w -> w.id().equals(subscriptionId)).findFirst();
    }

    @Override
    public boolean remove(String accountId, String subscriptionId) {
        Optional<WaitlistSubscription> found = mine(accountId, subscriptionId);
        if (found.isEmpty()) {
            return false;
        }
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(key(found.get()))
                    .conditionExpression("subscriptionId = :id")
                    .expressionAttributeValues(Map.of(":id", s(subscriptionId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false; // cancelled by a parallel request, or replaced by a new subscription meanwhile
        }
    }

    @Override
    public Page<WaitlistSubscription> line(String roundId, String grade, int limit, String cursor) {
        Page<Map<String, AttributeValue>> page = AlertKeys.gsi1Page(dynamo, table, AlertKeys.line(roundId, grade),
                limit, cursor);
        return new Page<>(page.items().stream().map(DynamoWaitlists::decode).toList(), page.nextCursor());
    }

    @Override
    public boolean told(WaitlistSubscription w, String releaseId, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(w))
                    .updateExpression("SET lineAt = :at, gsi1sk = :place, lastRelease = :release")
                    .conditionExpression("subscriptionId = :id AND (attribute_not_exists(lastRelease) "
                            + "OR lastRelease <> :release)")
                    .expressionAttributeValues(Map.of(":at", n(at.toEpochMilli()),
                            ":place", s(AlertKeys.place(at.toEpochMilli(), w.id())),
                            ":release", s(releaseId), ":id", s(w.id()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(WaitlistSubscription w) {
        return Map.of("pk", s(AlertKeys.fan(w.accountId())), "sk", s(AlertKeys.subscription(w.roundId(), w.grade())));
    }

    private static WaitlistSubscription decode(Map<String, AttributeValue> item) {
        return new WaitlistSubscription(Attr.str(item, "subscriptionId"), Attr.str(item, "accountId"),
                Attr.str(item, "roundId"), Attr.str(item, "grade"), (int) Attr.num(item, "partySize"),
                Attr.instant(item, "subscribedAt"), Instant.ofEpochMilli(Attr.num(item, "lineAt")),
                item.containsKey("lastRelease") ? item.get("lastRelease").s() : null);
    }
}
