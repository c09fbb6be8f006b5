package dev.madang.domain.notification;

import java.util.Arrays;
import java.util.List;

/**
 * Every kind of message on the notification queue (docs/notifications.md has the contract), with the facts that
 * identify the fact it tells: the delivery key is the type, the fan and these ids, so the same fact sent twice (a
 * queue redelivery, a retried producer, a repeated workflow step) is delivered once.
 */
public enum NotificationType {
    BOOKING_CONFIRMED("orderId"),
    DEPOSIT_WAITING("orderId"),
    ORDER_CLOSED("orderId"),
    TICKET_REFUNDED("ticketId"),
    ROUND_CANCELLED_REFUNDED("orderId"),
    LOTTERY_WON("entryId", "drawNumber"),
    LOTTERY_LOST("entryId", "drawNumber"),
    TRANSFER_ACCEPTED("requestId"),
    TRANSFER_COMPLETED("requestId"),
    WAITLIST_SEATS_FREED("subscriptionId", "releaseId"),
    GENRE_PERFORMANCE_SCHEDULED("performanceId"),
    GENRE_SALE_OPENING("performanceId", "opensAt");

    private final List<String> identifyingFacts;

    NotificationType(String... identifyingFacts) {
        this.identifyingFacts = List.of(identifyingFacts);
    }

    /** The type a message names; an unknown one is undeliverable (a producer ahead of this consumer, or a bug). */
    public static NotificationType of(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new UndeliverableNotification("unknown notification type " + name));
    }

    /** {@code TYPE#account#id1#id2}: the same fact told to the same fan, whoever sent it and how often. */
    public String deliveryKey(NotificationMessage message) {
        StringBuilder key = new StringBuilder(name()).append('#').append(required(message, "accountId",
                message.accountId()));
        for (String fact : identifyingFacts) {
            key.append('#').append(required(message, fact, message.text(fact)));
        }
        return key.toString();
    }

    private String required(NotificationMessage message, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new UndeliverableNotification("a " + this + " message without " + name);
        }
        return value;
    }
}
