package dev.madang.aws.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.domain.cancellation.TicketCancellation;
import dev.madang.domain.cancellation.TicketRefundNotifications;
import dev.madang.domain.trade.Listing;
import dev.madang.domain.trade.TradeNotifications;
import dev.madang.domain.trade.TradeRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts messages on the notification queue in the contract's shape (docs/notifications.md): {@code type},
 * {@code accountId} and ids and small facts, never a name, an e-mail or a phone. The producers of the ticket
 * cancellation and trade code are here; the booking ones are {@code SqsBookingNotifications}.
 */
public final class SqsNotificationQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsNotificationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Sends one message: {@code facts} after the type and the fan, in their order. */
    public void send(String type, String accountId, Map<String, Object> facts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("accountId", accountId);
        facts.forEach((k, v) -> {
            if (v != null) {
                body.put(k, v);
            }
        });
        try {
            String json = JSON.writeValueAsString(body);
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ids and numbers are always JSON", e);
        }
    }

    /**
     * {@code TICKET_REFUNDED} per ticket of a refunded cancellation; the refund is split evenly over its tickets,
     * the odd won on the first, so the messages add up to what was refunded.
     */
    public TicketRefundNotifications ticketRefunds() {
        return (TicketCancellation c) -> {
            List<String> ticketIds = c.ticketIds();
            long each = c.refund() / ticketIds.size();
            for (int i = 0; i < ticketIds.size(); i++) {
                long amount = i == 0 ? c.refund() - each * (ticketIds.size() - 1) : each;
                send("TICKET_REFUNDED", c.userId(), Map.of("orderId", c.orderId(), "ticketId", ticketIds.get(i),
                        "amount", amount));
            }
        };
    }

    /** {@code TRANSFER_ACCEPTED} to the requester, {@code TRANSFER_COMPLETED} to the seller. */
    public TradeNotifications trades() {
        return new TradeNotifications() {
            @Override
            public void transferAccepted(TradeRequest accepted) {
                send("TRANSFER_ACCEPTED", accepted.requesterId(), Map.of("listingId", accepted.listingId(),
                        "requestId", accepted.id()));
            }

            @Override
            public void transferCompleted(Listing listing, TradeRequest request) {
                send("TRANSFER_COMPLETED", listing.ownerId(), Map.of("listingId", listing.id(),
                        "requestId", request.id()));
            }
        };
    }
}
