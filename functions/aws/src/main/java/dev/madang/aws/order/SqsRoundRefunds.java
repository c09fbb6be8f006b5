package dev.madang.aws.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.support.SqsBatches;
import dev.madang.domain.cancellation.CancellingRounds;
import dev.madang.domain.cancellation.RoundRefundNotifications;
import dev.madang.domain.cancellation.RoundRefundQueue;
import dev.madang.domain.cancellation.TicketCancellation;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A round cancellation's messages: the refund queue ({@code RoundRefundQueue}, one message per order, ten to a
 * SendMessageBatch call) and its consumer, and the fans' notices on the notification queue. Bodies carry ids only.
 */
public final class SqsRoundRefunds {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int BATCH = 10;
    private static final int ROUNDS = 3;

    private SqsRoundRefunds() {
    }

    /** One message per order on the refund queue. */
    public static RoundRefundQueue queue(SqsClient sqs, String queueUrl) {
        return (roundId, orderIds) -> {
            for (int from = 0; from < orderIds.size(); from += BATCH) {
                List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
                List<String> slice = orderIds.subList(from, Math.min(orderIds.size(), from + BATCH));
                for (int i = 0; i < slice.size(); i++) {
                    batch.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i))
                            .messageBody(json(Map.of("roundId", roundId, "orderId", slice.get(i)))).build());
                }
                send(sqs, queueUrl, batch);
            }
        };
    }

    /** "Your order was refunded: the performance was cancelled", on the notification queue. */
    public static RoundRefundNotifications notifications(SqsClient sqs, String notificationQueueUrl) {
        return (TicketCancellation refund) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "ROUND_CANCELLED_REFUNDED");
            body.put("roundId", refund.roundId());
            body.put("orderId", refund.orderId());
            body.put("accountId", refund.userId());
            body.put("cancellationId", refund.id());
            body.put("refund", refund.refund());
            body.put("tickets", refund.ticketIds().size());
            sqs.sendMessage(r -> r.queueUrl(notificationQueueUrl).messageBody(json(body)));
        };
    }

    /** A Lambda SQS event in, the partial batch response out: what RoundRefundFunction does. */
    public static Map<String, Object> handle(CancellingRounds rounds, Map<String, Object> event) {
        return SqsBatches.batchResponse(consume(rounds, SqsBatches.messagesOf(event)));
    }

    /**
     * Consumes a batch of refund messages, each on its own ({@link SqsBatches#consume}): a body that is not a refund
     * message fails like a refund that failed.
     */
    public static List<String> consume(CancellingRounds rounds, List<SqsBatches.Message> messages) {
        return SqsBatches.consume(messages, "round refund", text -> {
            JsonNode body;
            try {
                body = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not JSON", e);
            }
            String roundId = body.path("roundId").asText(null);
            String orderId = body.path("orderId").asText(null);
            if (roundId == null || orderId == null) {
                throw new IllegalArgumentException("not a round refund message");
            }
            rounds.refundOrder(roundId, orderId);
        });
    }

    private static void send(SqsClient sqs, String queueUrl, List<SendMessageBatchRequestEntry> batch) {
        List<SendMessageBatchRequestEntry> pending = batch;
        for (int round = 1; !pending.isEmpty(); round++) {
            List<SendMessageBatchRequestEntry> sending = pending;
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(sending));
            if (response.failed().isEmpty()) {
                return;
            }
            if (round >= ROUNDS || response.failed().stream().anyMatch(BatchResultErrorEntry::senderFault)) {
                throw new IllegalStateException("the round refund queue refused " + response.failed().size()
                        + " messages: " + response.failed().get(0).code());
            }
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            pending = sending.stream().filter(e -> failedIds.contains(e.id())).toList();
        }
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }
}
