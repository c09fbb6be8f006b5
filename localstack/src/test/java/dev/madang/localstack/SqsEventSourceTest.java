package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event source mapping stand-in on the template's NotificationQueue: a function registered under
 * NotificationFunction gets Lambda-shaped SQS events; what it reports failed comes back and, after the queue's
 * maxReceiveCount, is in the dead-letter queue (ElasticMQ's redrive), while the rest is deleted.
 */
class SqsEventSourceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static LocalAws aws;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void successes_are_deleted_failures_come_back_and_end_in_the_dead_letter_queue() throws Exception {
        String queue = aws.queueUrl("NotificationQueue");
        String deadLetters = aws.queueUrl("NotificationDeadLetterQueue");
        Map<String, Integer> receives = new ConcurrentHashMap<>();
        List<JsonNode> records = new CopyOnWriteArrayList<>();
        aws.lambdas().register("NotificationFunction", event -> {
            List<Map<String, String>> failures = new java.util.ArrayList<>();
            for (JsonNode r : JSON.readTree(event).path("Records")) {
                records.add(r);
                String body = r.path("body").asText();
                receives.merge(body, 1, Integer::sum);
                if (body.equals("poison")) {
                    failures.add(Map.of("itemIdentifier", r.path("messageId").asText()));
                }
            }
            return JSON.writeValueAsString(Map.of("batchItemFailures", failures));
        });
        for (String body : List.of("good-1", "poison", "good-2")) {
            aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(body));
        }
        int maxReceives = aws.provisioned().get(0).template().queue("NotificationQueue").maxReceiveCount();

        try (SqsEventSource source = aws.sqsEventSource("NotificationFunction", Duration.ofSeconds(1))) {
            waitFor(Duration.ofSeconds(30), () -> !deadLetterBodies(deadLetters).isEmpty());
            assertThat(source.deleted()).isEqualTo(2);
        }

        assertThat(receives).containsEntry("good-1", 1).containsEntry("good-2", 1)
                .containsEntry("poison", maxReceives);
        assertThat(deadLetterBodies(deadLetters)).containsExactly("poison");
        assertThat(aws.sqs().getQueueAttributes(r -> r.queueUrl(queue)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().values())
                .containsOnly("0");
        // the records look like Lambda's
        assertThat(records).allSatisfy(r -> {
            assertThat(r.path("eventSource").asText()).isEqualTo("aws:sqs");
            assertThat(r.path("eventSourceARN").asText()).endsWith(":NotificationQueue");
            assertThat(r.path("receiptHandle").asText()).isNotBlank();
            assertThat(r.path("attributes").path("ApproximateReceiveCount").asText()).isNotBlank();
        });
    }

    @Test
    void a_function_error_leaves_the_whole_batch_and_an_unknown_identifier_fails_it() throws Exception {
        String queue = aws.queueUrl("RoundRefundQueue");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        int[] calls = {0};
        aws.lambdas().register("RoundRefundFunction", event -> {
            calls[0]++;
            JSON.readTree(event).path("Records").forEach(r -> seen.add(r.path("body").asText()));
            if (calls[0] == 1) {
                throw new IllegalStateException("the PG is down");
            }
            if (calls[0] == 2) {
                return "{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-the-batch\"}]}";
            }
            return "{\"batchItemFailures\":[]}";
        });
        aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody("refund-1"));

        try (SqsEventSource source = aws.sqsEventSource("RoundRefundFunction", Duration.ofSeconds(1))) {
            waitFor(Duration.ofSeconds(20), () -> source.deleted() == 1);
            assertThat(source.invocations()).isEqualTo(3);
        }
        assertThat(seen).containsExactly("refund-1");
    }

    private static List<String> deadLetterBodies(String url) {
        return aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0))
                .messages().stream().map(Message::body).toList();
    }

    static void waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
