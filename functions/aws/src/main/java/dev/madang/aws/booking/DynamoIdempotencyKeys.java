package dev.madang.aws.booking;

import dev.madang.domain.booking.IdempotencyKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * A fan's idempotency keys in the seats table, one item per key: {@code pk = IDEM#user, sk = operation#key}, with the
 * id and fingerprint of the first request and when it was bound.
 * <pre>
 * | pattern                               | key condition                                   | index |
 * |---------------------------------------|-------------------------------------------------|-------|
 * | bind a key (unless bound in window)   | PutItem pk = IDEM#user, sk = hold#key, IF new   | table |
 * |                                       | or boundAt before the window                    |       |
 * | what a bound key stands for           | GetItem (consistent), only when the put refused | table |
 * </pre>
 * The window is decided by the condition, never by TTL ({@code expiresAtEpoch} only cleans up, an hour after it).
 * A first request costs one write; only a retry pays a read.
 */
final class DynamoIdempotencyKeys implements IdempotencyKeys {

    private static final Duration CLEAN_UP_AFTER = Duration.ofHours(1);
    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoIdempotencyKeys(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Binding bind(String userId, String operation, String key, String fingerprint, String newId, Instant now,
                        Duration retention) {
        Map<String, AttributeValue> itemKey = Map.of("pk", s("IDEM#" + userId), "sk", s(operation + "#" + key));
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", itemKey.get("pk"), "sk", itemKey.get("sk"),
                                "id", s(newId), "fp", s(fingerprint), "boundAt", n(now.toEpochMilli()),
                                "expiresAtEpoch", n(now.plus(retention).plus(CLEAN_UP_AFTER).getEpochSecond())))
                        .conditionExpression("attribute_not_exists(pk) OR boundAt < :windowStart")
                        .expressionAttributeValues(Map.of(":windowStart", n(now.minus(retention).toEpochMilli()))));
                return new Binding(newId, fingerprint);
            } catch (ConditionalCheckFailedException bound) {
                Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(itemKey)
                        .consistentRead(true)).item();
                if (item != null && !item.isEmpty()) {
                    return new Binding(item.get("id").s(), item.get("fp").s());
                }
                if (attempt == ATTEMPTS) { // cleaned up between the put and the read, every time: give up loudly
                    throw new IllegalStateException("idempotency key " + operation + " could not be bound");
                }
            }
        }
    }
}
