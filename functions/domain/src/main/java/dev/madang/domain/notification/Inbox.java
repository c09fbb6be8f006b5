package dev.madang.domain.notification;

import dev.madang.domain.common.Page;

import java.time.Instant;
import java.util.Optional;

/** A fan's in-app inbox: newest first, with an unread count kept beside it so reading the count reads one item. */
public interface Inbox {

    /** A page of the fan's notifications, newest first, and how many are unread. */
    record InboxPage(Page<Notification> page, long unread) {
    }

    InboxPage page(String accountId, String cursor, int limit);

    Optional<Notification> find(String accountId, String notificationId);

    /**
     * Marks the fan's notification read (once: the unread count drops only on the first call); empty when the fan
     * has no such notification, whoever else might.
     */
    Optional<Notification> markRead(String accountId, String notificationId, Instant at);
}
