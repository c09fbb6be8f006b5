package dev.madang.aws.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every SQS-fed function does with its batch (an event source mapping with {@code ReportBatchItemFailures}):
 * read the records, handle each message on its own, and answer the ids of those that failed, which SQS delivers again
 * after the visibility timeout and, after the queue's receive count, moves to its dead-letter queue (the others are
 * deleted). A message that cannot be read fails too: it is kept for a person rather than dropped.
 */
public final class SqsBatches {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsBatches() {
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
        for (Message m : messages) {
            try {
                handle.accept(m.body());
            } catch (RuntimeException e) {
                System.getLogger(SqsBatches.class.getName()).log(System.Logger.Level.WARNING,
                        "{0} message {1} failed, it comes back: {2}", what, m.messageId(), e.toString());
                failed.add(m.messageId());
            }
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
