package dev.madang.benchmarks;

import dev.madang.localstack.LocalAws;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every DynamoDB request the SDK transmits (retries included: each is billed), by operation, globally and for
 * the calling thread, so a benchmark can attribute requests to the attempt that made them. Counted, not estimated.
 */
final class RequestCounter implements ExecutionInterceptor {

    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");
    static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");

    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
    /** Per thread: writes, reads, and of the writes those to seat records (key SEAT#…). */
    private final ThreadLocal<long[]> perThread = ThreadLocal.withInitial(() -> new long[3]);
    /** Writes per partition key (pk), refused conditional writes included: both count against the key's limit. */
    private final Map<String, LongAdder> writesByKey = new ConcurrentHashMap<>();
    private volatile boolean counting;

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!counting) {
            return;
        }
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        byOperation.computeIfAbsent(op, k -> new LongAdder()).increment();
        long[] mine = perThread.get();
        if (WRITES.contains(op)) {
            mine[0]++;
            if (context.request() instanceof UpdateItemRequest keyed && keyed.key().get("pk") != null) {
                writesByKey.computeIfAbsent(keyed.key().get("pk").s(), k -> new LongAdder()).increment();
            }
            if (context.request() instanceof UpdateItemRequest update && update.key().get("pk") != null
                    && update.key().get("pk").s().startsWith("SEAT#")) {
                mine[2]++;
            }
        } else if (READS.contains(op)) {
            mine[1]++;
        }
    }

    void start() {
        byOperation.clear();
        writesByKey.clear();
        counting = true;
    }

    void stop() {
        counting = false;
    }

    /** {writes, reads, seat-record writes} this thread has made since its last call; resets them. */
    long[] takeThreadCounts() {
        long[] mine = perThread.get();
        long[] copy = mine.clone();
        java.util.Arrays.fill(mine, 0);
        return copy;
    }

    long total(Set<String> operations) {
        return byOperation.entrySet().stream().filter(e -> operations.contains(e.getKey()))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    Map<String, Long> byOperation() {
        Map<String, Long> out = new java.util.TreeMap<>();
        byOperation.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Update writes per partition key since {@link #start}. */
    Map<String, Long> writesByKey() {
        Map<String, Long> out = new java.util.TreeMap<>();
        writesByKey.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** A DynamoDB client of the local stack whose every request this counter counts. */
    DynamoDbClient client(LocalAws aws) {
        return DynamoDbClient.builder().region(Region.of(LocalAws.REGION))
                .endpointOverride(aws.dynamoEndpoint()).credentialsProvider(LocalAws.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(this).build())
                .build();
    }
}
