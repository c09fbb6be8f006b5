package dev.madang.aws.order;

import dev.madang.aws.support.Attr;
import dev.madang.domain.cancellation.RoundCancellation;
import dev.madang.domain.cancellation.RoundCancellations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Round cancellations in the orders table, beside the orders they refund:
 * <pre>
 * | pattern                         | key condition                                                   | index |
 * |---------------------------------|-----------------------------------------------------------------|-------|
 * | record a round's cancellation   | PutItem pk = ROUNDCANCEL#round, sk = META IF not exists         | table |
 * | a round's cancellation          | GetItem (consistent)                                            | table |
 * | every order sent to the queue   | UpdateItem SET enqueued = true                                  | table |
 * </pre>
 */
public final class DynamoRoundCancellations implements RoundCancellations {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRoundCancellations(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String roundId) {
        return Map.of("pk", s("ROUNDCANCEL#" + roundId), "sk", s("META"));
    }

    @Override
    public boolean create(RoundCancellation c) {
        Map<String, AttributeValue> item = new HashMap<>(key(c.roundId()));
        item.put("roundId", s(c.roundId()));
        item.put("cancelledBy", s(c.cancelledBy()));
        item.put("cancelledAt", Attr.time(c.cancelledAt()));
        item.put("orders", n(c.orders()));
        item.put("amount", n(c.amount()));
        item.put("enqueued", AttributeValue.fromBool(c.enqueued()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Optional<RoundCancellation> find(String roundId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(roundId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RoundCancellation(str(item, "roundId"), str(item, "cancelledBy"),
                Attr.instant(item, "cancelledAt"), (int) Attr.num(item, "orders"), Attr.num(item, "amount"),
                Boolean.TRUE.equals(item.get("enqueued").bool())));
    }

    @Override
    public void markEnqueued(String roundId) {
        dynamo.updateItem(r -> r.tableName(table).key(key(roundId)).updateExpression("SET enqueued = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
    }
}
