package dev.madang.domain.notification;

import java.time.Instant;

/**
 * One line of a fan's in-app inbox: what the e-mail said, rendered once at delivery (a later template change does not
 * rewrite what a fan was told). {@code id} is a ULID, so the inbox sorts newest first by id; {@code readAt} is null
 * while unread.
 */
public record Notification(String id, String accountId, String type, String title, String body, Instant createdAt,
                           Instant readAt) {

    public boolean isRead() {
        return readAt != null;
    }
}
