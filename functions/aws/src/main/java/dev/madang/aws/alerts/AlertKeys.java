package dev.madang.aws.alerts;

import dev.madang.aws.support.Cursors;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.common.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.List;
import java.util.Map;

/** Keys of the alerts table ({@code AlertsTable}): a fan's items under one partition, lines and followers in gsi1. */
final class AlertKeys {

    static final String GSI1 = "gsi1";

    private AlertKeys() {
    }

    static String fan(String accountId) {
        return "FAN#" + accountId;
    }

    static String subscription(String roundId, String grade) {
        return "WAIT#" + roundId + "#" + grade;
    }

    static String line(String roundId, String grade) {
        return "LINE#" + roundId + "#" + grade;
    }

    /** Place in line: the time in zero-padded epoch milliseconds, then the id (ULIDs sort by creation time). */
    static String place(long epochMillis, String subscriptionId) {
        return String.format("%013d#%s", epochMillis, subscriptionId);
    }

    static String follow(Genre genre) {
        return "GENRE#" + genre.name();
    }

    private static final List<String> GSI1_KEY = List.of("gsi1pk", "gsi1sk", "pk", "sk");

    /** One page of a gsi1 partition (a line, a genre's followers), in gsi1sk order, with the next page's cursor. */
    static Page<Map<String, AttributeValue>> gsi1Page(DynamoDbClient dynamo, String table, String partition,
                                                      int limit, String cursor) {
        Map<String, AttributeValue> start = cursor == null ? null : Cursors.decode(cursor, GSI1_KEY);
        if (start != null && !partition.equals(start.get("gsi1pk").s())) {
            throw Cursors.foreign();
        }
        QueryResponse page = dynamo.query(r -> r.tableName(table).indexName(GSI1)
                .keyConditionExpression("gsi1pk = :p").expressionAttributeValues(Map.of(":p",
                        AttributeValue.fromS(partition)))
                .limit(limit).exclusiveStartKey(start));
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !page.items().isEmpty()
                ? Cursors.encode(page.items().get(page.items().size() - 1), GSI1_KEY) : null;
        return new Page<>(page.items(), next);
    }
}
