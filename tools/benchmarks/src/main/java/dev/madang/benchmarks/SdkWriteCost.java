package dev.madang.benchmarks;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.support.SdkClients;
import dev.madang.domain.booking.IdempotencyKeys;
import dev.madang.localstack.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What one of the hold's DynamoDB writes costs in CPU on the function's side (issue 17's warm-cost floor): the
 * Idempotency-Key's binding, one conditional {@code PutItem}, written by the hold's own adapter through the client
 * every function builds ({@link SdkClients}: SDK v2, URL-connection HTTP client), against the local stack's DynamoDB.
 * The calling thread's CPU (user + system) is read around {@code bench.requests} writes (default 2,000) after
 * {@code bench.warmup} (default 5,000); with the URL-connection client the whole request (marshalling, SigV4, the
 * socket's send and receive, unmarshalling) runs on that thread.
 *
 * <p>The hold makes three conditional writes (the key's binding, the seat's and the fan's ledger's conditional
 * {@code UpdateItem}s, which go through the same SDK pipeline but are not measured here), so three times this figure
 * estimates the floor under what the hold route costs beyond the app's bare route, whatever the rest of the path does. It runs in
 * this JVM (Maven's, full tiered compilation); for the template's C1-only flags run it with
 * {@code MAVEN_OPTS=-XX:TieredStopAtLevel=1}.
 */
public final class SdkWriteCost {

    private SdkWriteCost() {
    }

    /** What was measured: CPU and wall time per write, and how many writes bound a new key (all, if as meant). */
    record Cost(int requests, int freshBindings, double cpuMicros, double wallMicros) {
    }

    public static void main(String[] args) {
        int warmup = Integer.getInteger("bench.warmup", 5000);
        int requests = Integer.getInteger("bench.requests", 2000);
        Cost cost = measure(warmup, requests);
        System.out.println("scenario=" + requests + " conditional PutItem (an Idempotency-Key's binding) after "
                + warmup + " warm-up, one at a time; JVM " + Runtime.version() + ", flags "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("sdk_write_cpu_us_per_request=" + String.format(Locale.ROOT, "%.0f", cost.cpuMicros()));
        System.out.println("sdk_write_wall_us_per_request=" + String.format(Locale.ROOT, "%.0f", cost.wallMicros()));
        System.out.println("fresh_bindings=" + cost.freshBindings() + "/" + cost.requests());
        System.out.println("hold_writes_per_request=3");
        System.out.println("hold_writes_cpu_floor_us=" + String.format(Locale.ROOT, "%.0f", 3 * cost.cpuMicros()));
    }

    static Cost measure(int warmup, int requests) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (LocalAws aws = LocalAws.start().provision(LocalAws.templatePath());
             DynamoDbClient dynamo = SdkClients.build(DynamoDbClient.builder(), LocalAws.REGION,
                     Optional.of(aws.dynamoEndpoint()))) {
            IdempotencyKeys keys = new DynamoBooking(dynamo, aws.tableName("SeatsTable")).idempotencyKeys();
            for (int i = 0; i < warmup; i++) {
                bind(keys, "warm-" + i);
            }
            int fresh = 0;
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long wallBefore = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                fresh += bind(keys, "measured-" + i) ? 1 : 0;
            }
            return new Cost(requests, fresh, (threads.getCurrentThreadCpuTime() - cpuBefore) / 1000.0 / requests,
                    (System.nanoTime() - wallBefore) / 1000.0 / requests);
        }
    }

    /** A new fan's first request: the put succeeds, as in an on-sale (a retry would add a read). */
    private static boolean bind(IdempotencyKeys keys, String fan) {
        String newId = "hold-" + fan;
        return keys.bind("bench-" + fan, "hold", "key", "fingerprint", newId, Instant.now(), Duration.ofHours(24))
                .id().equals(newId);
    }
}
