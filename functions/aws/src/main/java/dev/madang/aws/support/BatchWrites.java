package dev.madang.aws.support;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.List;
import java.util.Map;

/** Writes many items 25 at a time, retrying what DynamoDB hands back unprocessed, with backoff. */
public final class BatchWrites {

    private static final int ATTEMPTS = 8;

    private BatchWrites() {
    }

    public static void writeAll(DynamoDbClient dynamo, String table, List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += 25) {
            Map<String, List<WriteRequest>> pending = Map.of(table, writes.subList(from, Math.min(writes.size(), from + 25)));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB kept returning unprocessed items for " + table);
                }
                if (attempt > 0) {
                    sleep(20L << attempt);
                }
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
