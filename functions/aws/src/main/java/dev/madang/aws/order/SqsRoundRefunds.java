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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A round cancellation's messages: the refund queue ({@code RoundRefundQueue}, one message per order, ten to a
 * SendMessageBatch call) and its consumer, and the fans' notices on the notification queue. Bodies carry ids only.
 */
public final class SqsRoundRefunds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsRoundRefunds() {
    }

    /** One message per order on the refund queue. */
    public static RoundRefundQueue queue(SqsClient sqs, String queueUrl) {
        SqsBatches refunds = new SqsBatches(sqs, queueUrl);
        return (roundId, orderIds) -> refunds.send(orderIds.stream()
                .map(orderId -> SqsBatches.json(Map.of("roundId", roundId, "orderId", orderId))).toList(),
                "round refund messages");
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
            sqs.sendMessage(r -> r.queueUrl(notificationQueueUrl).messageBody(SqsBatches.json(body)));
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
}
