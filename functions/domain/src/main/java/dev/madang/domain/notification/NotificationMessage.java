package dev.madang.domain.notification;

import java.util.Map;

/**
 * A message from the notification queue as producers write it: its {@code type}, the fan to tell
 * ({@code accountId}) and small facts (ids, amounts, times as ISO-8601 text); never a name, an e-mail or a phone.
 * Facts are strings, numbers, booleans or lists of them, as JSON gave them.
 */
public record NotificationMessage(String type, String accountId, Map<String, Object> facts) {

    public NotificationMessage {
        facts = Map.copyOf(facts);
    }

    /** A fact as text, or null when the message does not carry it. */
    public String text(String name) {
        Object value = facts.get(name);
        return value == null ? null : String.valueOf(value);
    }

    /** A whole-number fact (won, a count), or null when absent or not a number. */
    public Long number(String name) {
        return facts.get(name) instanceof Number n ? n.longValue() : null;
    }
}
