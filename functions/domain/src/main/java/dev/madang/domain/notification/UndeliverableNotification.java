package dev.madang.domain.notification;

/**
 * A message no retry will deliver: an unknown type, or one without the ids its type is identified by. The consumer
 * fails it like any other failure, so it ends in the dead-letter queue for a person instead of being dropped.
 */
public final class UndeliverableNotification extends RuntimeException {

    public UndeliverableNotification(String message) {
        super(message);
    }
}
