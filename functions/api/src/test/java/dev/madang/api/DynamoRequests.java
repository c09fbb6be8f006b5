package dev.madang.api;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every DynamoDB request any SDK client in this JVM transmits (the API's own included, retries included: each
 * is billed), so a benchmark can say what a route costs in requests. The SDK loads it for every client it builds, as
 * a global interceptor named in {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test
 * class path; it only counts.
 */
public final class DynamoRequests implements ExecutionInterceptor {

    private static final LongAdder SENT = new LongAdder();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if ("DynamoDb".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            SENT.increment();
        }
    }

    /** DynamoDB requests sent so far by this JVM. */
    public static long sent() {
        return SENT.sum();
    }
}
