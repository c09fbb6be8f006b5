package dev.madang.api;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every DynamoDB request any SDK client in this JVM transmits (the API's own included, retries included: each
 * is billed), so a benchmark can say what a route costs in requests. The SDK loads it for every client it builds, as
 * a global interceptor named in {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test
 * class path; it only counts.
 */
public final class DynamoRequests implements ExecutionInterceptor {

    /**
     * Names the client a request came from, for a benchmark that runs a worker beside the API in one JVM: a client
     * built with {@code overrideConfiguration(c -> c.putExecutionAttribute(DynamoRequests.CALLER, "refresher"))}
     * has its requests counted apart as well.
     */
    public static final ExecutionAttribute<String> CALLER = new ExecutionAttribute<>("madang.dynamo-caller");

    private static final LongAdder SENT = new LongAdder();
    private static final Map<String, LongAdder> BY_CALLER = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if ("DynamoDb".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            SENT.increment();
            String caller = attributes.getAttribute(CALLER);
            if (caller != null) {
                BY_CALLER.computeIfAbsent(caller, k -> new LongAdder()).increment();
            }
        }
    }

    /** DynamoDB requests sent so far by clients marked as {@code caller}. */
    public static long sentBy(String caller) {
        LongAdder sent = BY_CALLER.get(caller);
        return sent == null ? 0 : sent.sum();
    }

    /** DynamoDB requests sent so far by this JVM. */
    public static long sent() {
        return SENT.sum();
    }
}
