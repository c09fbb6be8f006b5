package dev.madang.aws.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Messages to one queue, ten to a SendMessageBatch call (SQS's most). An entry SQS refuses (throttled, an internal
 * error) is sent again, up to three rounds; what is still refused then fails the call, and the caller's retry sends
 * the batch again (the notification consumer de-duplicates).
 */
public final class SqsBatches {

    public static final int BATCH = 10;
    private static final int ROUNDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

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
}
