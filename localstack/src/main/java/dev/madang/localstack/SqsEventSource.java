package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a Lambda event source mapping on an SQS queue (a function's {@code SQS} event in template.yaml):
 * nothing else consumes queues locally. A daemon thread long-polls the queue with the real SDK ({@code ReceiveMessage},
 * up to the event's {@code BatchSize}, at most 10), invokes the function through the local Lambda Invoke API with a
 * Lambda-shaped SQS event ({@code {"Records": [{"messageId", "receiptHandle", "body", "attributes",
 * "eventSource": "aws:sqs", "eventSourceARN", "awsRegion", ...}]}}), and then does what Lambda's poller does:
 * <ul>
 *   <li>a function error leaves the whole batch on the queue;</li>
 *   <li>with {@code ReportBatchItemFailures}, the {@code batchItemFailures} answered stay and the rest are deleted
 *       ({@code DeleteMessageBatch}); an identifier that is not in the batch fails the whole batch, as in AWS;</li>
 *   <li>otherwise a successful invocation deletes the batch.</li>
 * </ul>
 * What stays comes back after the visibility timeout, and ElasticMQ applies the queue's redrive policy: after
 * {@code maxReceiveCount} receives the message moves to the dead-letter queue.
 *
 * <p>Gaps: one poller, one batch at a time (Lambda scales pollers with the backlog and honours
 * {@code ScalingConfig.MaximumConcurrency}); no batching window ({@code MaximumBatchingWindowInSeconds}), filter
 * criteria or FIFO message groups. A test may shorten the visibility timeout (the receive's
 * {@code VisibilityTimeout}) so a retried message comes back in a second rather than the queue's minute.
 */
public final class SqsEventSource implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final SamTemplate.SqsEvent event;
    private final String queueUrl;
    private final String queueArn;
    private final URI invokeUri;
    private final Integer visibilityTimeoutSeconds;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicInteger deleted = new AtomicInteger();
    private final Thread poller;
    private volatile boolean running = true;

    private SqsEventSource(SqsClient sqs, SamTemplate.SqsEvent event, String queueUrl, String queueArn,
                           URI lambdaEndpoint, Duration visibilityTimeout) {
        this.sqs = sqs;
        this.event = event;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.invokeUri = URI.create(lambdaEndpoint + "/2015-03-31/functions/" + event.function() + "/invocations");
        this.visibilityTimeoutSeconds = visibilityTimeout == null ? null : (int) visibilityTimeout.toSeconds();
        this.poller = new Thread(this::poll, "sqs-event-source-" + event.function());
        poller.setDaemon(true);
    }

    /**
     * Starts polling {@code event}'s queue for its function, which must be registered on the local Lambda endpoint
     * under its logical id. {@code visibilityTimeout} overrides the queue's for the messages this poller receives
     * (null: the queue's).
     */
    static SqsEventSource start(SqsClient sqs, SamTemplate.SqsEvent event, String queueUrl, String queueArn,
                                URI lambdaEndpoint, Duration visibilityTimeout) {
        SqsEventSource source = new SqsEventSource(sqs, event, queueUrl, queueArn, lambdaEndpoint, visibilityTimeout);
        source.poller.start();
        return source;
    }

    /** The function's SQS event this poller serves. */
    public SamTemplate.SqsEvent event() {
        return event;
    }

    /** Invocations made so far (one per batch received). */
    public int invocations() {
        return invocations.get();
    }

    /** Messages deleted so far (handled successfully). */
    public int deleted() {
        return deleted.get();
    }

    /** Stops polling; a batch in flight is finished first (at most one long poll and one invocation). */
    @Override
    public void close() {
        running = false;
        try {
            poller.join(Duration.ofSeconds(WAIT_SECONDS + 30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SqsEventSource[" + event.queue() + " -> " + event.function() + "]";
    }

    private void poll() {
        while (running) {
            try {
                List<Message> batch = sqs.receiveMessage(r -> {
                    r.queueUrl(queueUrl).waitTimeSeconds(WAIT_SECONDS)
                            .maxNumberOfMessages(Math.min(10, event.batchSize() == null ? 10 : event.batchSize()))
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL);
                    if (visibilityTimeoutSeconds != null) {
                        r.visibilityTimeout(visibilityTimeoutSeconds);
                    }
                }).messages();
                if (!batch.isEmpty()) {
                    handle(batch);
                }
            } catch (RuntimeException | IOException e) {
                if (running) {
                    System.err.println("[sqs-event-source] " + event.function() + ": " + e);
                    pause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void handle(List<Message> batch) throws IOException, InterruptedException {
        invocations.incrementAndGet();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(invokeUri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(sqsEvent(batch)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            System.err.println("[sqs-event-source] " + event.function() + " failed its batch of " + batch.size()
                    + "; it comes back after the visibility timeout: " + response.body());
            return;
        }
        Set<String> stay = new HashSet<>();
        if (event.reportsBatchItemFailures()) {
            Set<String> inBatch = new HashSet<>(batch.stream().map(Message::messageId).toList());
            JsonNode failures = JSON.readTree(response.body()).path("batchItemFailures");
            for (JsonNode f : failures) {
                String id = f.path("itemIdentifier").asText("");
                if (!inBatch.contains(id)) {
                    return; // Lambda treats an unknown or empty identifier as the whole batch failing
                }
                stay.add(id);
            }
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : batch) {
            if (!stay.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(done.size()))
                        .receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            int ok = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done)).successful().size();
            deleted.addAndGet(ok);
        }
    }

    private ObjectNode sqsEvent(List<Message> batch) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (Message m : batch) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            ObjectNode attributes = r.putObject("attributes");
            m.attributesAsStrings().forEach(attributes::put);
            r.putObject("messageAttributes");
            r.put("md5OfBody", m.md5OfBody());
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", queueArn);
            r.put("awsRegion", LocalAws.REGION);
        }
        return root;
    }

    private void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
