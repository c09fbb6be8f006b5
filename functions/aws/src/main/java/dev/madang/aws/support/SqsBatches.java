package dev.madang.aws.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.madang.aws.support.LogFields.REQUEST_ID;

/**
 * SQS in batches, both ways.
 * <ul>
 *   <li><b>Sending</b>: messages to one queue, ten to a SendMessageBatch call (SQS's most). An entry SQS refuses
 *       (throttled, an internal error) is sent again, up to three rounds; what is still refused then fails the call,
 *       and the caller's retry sends the batch again (the notification consumer de-duplicates).</li>
 *   <li><b>Consuming</b>: what every SQS-fed function does with its batch (an event source mapping with
 *       {@code ReportBatchItemFailures}): read the records, handle each message on its own, and answer the ids of
 *       those that failed, which SQS delivers again after the visibility timeout and, after the queue's receive
 *       count, moves to its dead-letter queue (the others are deleted). A message that cannot be read fails too: it
 *       is kept for a person rather than dropped.</li>
 * </ul>
 */
public final class SqsBatches {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final int BATCH = 10;
    private static final int ROUNDS = 3;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsBatches(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Sends every body; {@code what} names them in the error ("draw messages"). */
    public void send(List<String> bodies, String what) {
        for (int from = 0; from < bodies.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            List<String> slice = bodies.subList(from, Math.min(bodies.size(), from + BATCH));
            for (int i = 0; i < slice.size(); i++) {
                batch.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i)).messageBody(slice.get(i))
                        .build());
            }
            sendBatch(batch, what);
        }
    }

    private void sendBatch(List<SendMessageBatchRequestEntry> batch, String what) {
        List<SendMessageBatchRequestEntry> pending = batch;
        for (int round = 1; !pending.isEmpty(); round++) {
            List<SendMessageBatchRequestEntry> sending = pending;
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(sending));
            if (response.failed().isEmpty()) {
                return;
            }
            if (round >= ROUNDS || response.failed().stream().anyMatch(BatchResultErrorEntry::senderFault)) {
                throw new IllegalStateException("the queue refused " + response.failed().size() + " " + what + ": "
                        + response.failed().get(0).code());
            }
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            pending = sending.stream().filter(e -> failedIds.contains(e.id())).toList();
        }
    }

    /** A message body of strings and numbers as JSON. */
    public static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }
    /** A message as the consumer sees it: the SQS event record's {@code messageId} and {@code body}. */
    public record Message(String messageId, String body) {
    }

    /** The messages of a Lambda SQS event ({@code {"Records": [{"messageId", "body", ...}]}}). */
    public static List<Message> messagesOf(Map<String, Object> event) {
        List<Message> messages = new ArrayList<>();
        if (event.get("Records") instanceof List<?> records) {
            for (Object r : records) {
                if (r instanceof Map<?, ?> record) {
                    messages.add(new Message(String.valueOf(record.get("messageId")), String.valueOf(record.get("body"))));
                }
            }
        }
        return messages;
    }

    /** Handles each message's body; answers the ids of the messages whose handling threw, logged as {@code what}. */
    public static List<String> consume(List<Message> messages, String what, Consumer<String> handle) {
        List<String> failed = new ArrayList<>();
        Object invocation = MDC.get(REQUEST_ID);
        for (Message m : messages) {
            MDC.put(REQUEST_ID, m.messageId()); // each message's lines are told apart by its id
            try {
                handle.accept(m.body());
            } catch (RuntimeException e) {
                System.getLogger(SqsBatches.class.getName()).log(System.Logger.Level.WARNING,
                        "{0} message {1} failed, it comes back: {2}", what, m.messageId(), e.toString());
                failed.add(m.messageId());
            }
        }
        if (invocation == null) {
            MDC.remove(REQUEST_ID);
        } else {
            MDC.put(REQUEST_ID, invocation);
        }
        return failed;
    }

    /**
     * A handler of Lambda SQS events as JSON text in and out, for the local Lambda endpoint (the local runner and
     * tests register the workers' consumers there, for the SQS event source stand-in to invoke).
     */
    public static Function<String, String> overJson(Function<Map<String, Object>, Map<String, Object>> handler) {
        return event -> {
            try {
                return JSON.writeValueAsString(handler.apply(JSON.readValue(event, new TypeReference<>() { })));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a Lambda SQS event", e);
            }
        };
    }

    /** The partial batch response: {@code {"batchItemFailures": [{"itemIdentifier": id}, ...]}}. */
    public static Map<String, Object> batchResponse(List<String> failedIds) {
        return Map.of("batchItemFailures", failedIds.stream().map(id -> Map.of("itemIdentifier", id)).toList());
    }
}
