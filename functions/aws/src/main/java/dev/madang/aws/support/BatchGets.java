package dev.madang.aws.support;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads many items 100 keys a request (strongly consistent), asking again with backoff for unprocessed keys. */
public final class BatchGets {

    private static final int ATTEMPTS = 8;

    private BatchGets() {
    }

    /** Every item of these keys that exists; {@code projection} may be null (whole items). */
    public static List<Map<String, AttributeValue>> all(DynamoDbClient dynamo, String table,
                                                        List<Map<String, AttributeValue>> keys, String projection) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 100) {
            KeysAndAttributes.Builder ask = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(true);
            if (projection != null) {
                ask.projectionExpression(projection);
            }
            Map<String, KeysAndAttributes> pending = Map.of(table, ask.build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB kept returning unprocessed keys for " + table);
                }
                if (attempt > 0) {
                    sleep(20L << attempt);
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a batch", e);
        }
    }
}
