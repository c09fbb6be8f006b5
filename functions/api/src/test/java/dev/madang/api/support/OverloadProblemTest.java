package dev.madang.api.support;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overload the API can see is answered as API Gateway answers overload, 429 with Retry-After, never a 5xx; a
 * DynamoDB that cannot be reached at all is down, 503. The SDK's own exceptions, as the DynamoDB client throws them
 * once its retries are spent (dynalite never throttles, so they are made here rather than provoked).
 */
class OverloadProblemTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void dynamodb_throttling_and_timeouts_are_429_with_retry_after() {
        for (RuntimeException overload : new RuntimeException[]{
                ProvisionedThroughputExceededException.builder().message("throughput").build(),
                RequestLimitExceededException.builder().message("account limit").build(),
                ApiCallTimeoutException.create(2000)}) {
            Response answer = mappers.busy(overload);
            assertThat(answer.getStatus()).isEqualTo(429);
            assertThat(answer.getHeaderString("Retry-After")).isEqualTo("2");
            assertThat(((Problem) answer.getEntity()).type()).endsWith("busy");
        }
    }

    @Test
    void an_unreachable_dynamodb_is_503() {
        Response answer = mappers.unavailable(SdkClientException.create("connection refused"));
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("2");
    }
}
