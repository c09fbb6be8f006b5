package dev.madang.aws.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.support.SqsBatches;
import dev.madang.domain.notification.DeliveringNotifications;
import dev.madang.domain.notification.NotificationMessage;
import dev.madang.domain.notification.UndeliverableNotification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notification queue's consumer: each message's JSON body ({@code type}, {@code accountId} and facts) delivered
 * on its own; a body that is not a notification message fails like a delivery that failed (the dead-letter queue
 * keeps it for a person).
 */
public final class SqsNotifications {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsNotifications() {
    }

    /** A Lambda SQS event in, the partial batch response out: what NotificationFunction does. */
    public static Map<String, Object> handle(DeliveringNotifications delivering, Map<String, Object> event) {
        return SqsBatches.batchResponse(consume(delivering, SqsBatches.messagesOf(event)));
    }

    /** Delivers a batch; answers the ids of the messages that failed. */
    public static List<String> consume(DeliveringNotifications delivering, List<SqsBatches.Message> messages) {
        return SqsBatches.consume(messages, "notification", body -> delivering.deliver(message(body)));
    }

    static NotificationMessage message(String body) {
        Map<String, Object> facts;
        try {
            facts = new LinkedHashMap<>(JSON.readValue(body, new TypeReference<Map<String, Object>>() { }));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UndeliverableNotification("not a JSON object");
        }
        facts.values().removeIf(java.util.Objects::isNull);
        Object type = facts.remove("type");
        Object accountId = facts.remove("accountId");
        if (!(type instanceof String t) || !(accountId instanceof String a)) {
            throw new UndeliverableNotification("a message without type or accountId");
        }
        return new NotificationMessage(t, a, facts);
    }
}
