package dev.madang.aws.release;

import dev.madang.aws.support.Attr;
import dev.madang.domain.release.NightlyReleases;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * The nightly release records in the seats table: pk = RELEASE, sk = the Korea-time date. Claiming a night is a
 * PutItem IF attribute_not_exists, so one release a night; finishing ADDs the run's seat count and rounds (a resumed
 * run adds its own). The newest nights are one Query in descending key order.
 */
public final class DynamoNightlyReleases implements NightlyReleases {

    static final String PARTITION = "RELEASE";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoNightlyReleases(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(LocalDate night) {
        return Map.of("pk", s(PARTITION), "sk", s(night.toString()));
    }

    @Override
    public boolean begin(LocalDate night, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(night));
        item.put("startedAt", Attr.time(at));
        item.put("seats", n(0));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException claimed) {
            return false;
        }
    }

    @Override
    public void finish(LocalDate night, Instant at, int seats, List<String> rounds) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":at", Attr.time(at), ":seats", n(seats)));
        String update = "SET finishedAt = :at ADD seats :seats";
        if (!rounds.isEmpty()) {
            values.put(":rounds", AttributeValue.fromSs(rounds));
            update += ", rounds :rounds";
        }
        String expression = update;
        dynamo.updateItem(r -> r.tableName(table).key(key(night)).updateExpression(expression)
                .conditionExpression("attribute_exists(pk)").expressionAttributeValues(values));
    }

    @Override
    public Optional<NightlyRelease> of(LocalDate night) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(night))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRelease(item));
    }

    @Override
    public List<NightlyRelease> recent(int limit) {
        return dynamo.query(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(PARTITION))).scanIndexForward(false).limit(limit)
                        .build())
                .items().stream().map(DynamoNightlyReleases::toRelease).toList();
    }

    private static NightlyRelease toRelease(Map<String, AttributeValue> item) {
        return new NightlyRelease(LocalDate.parse(item.get("sk").s()), Attr.instant(item, "startedAt"),
                item.containsKey("finishedAt") ? Attr.instant(item, "finishedAt") : null, (int) Attr.num(item, "seats"),
                item.containsKey("rounds") ? item.get("rounds").ss().stream().sorted().toList() : List.of());
    }
}
