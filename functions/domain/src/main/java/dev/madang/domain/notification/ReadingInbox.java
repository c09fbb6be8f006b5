package dev.madang.domain.notification;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;

import java.time.Clock;
import java.util.List;

/** My page's inbox: the fan's own notifications only; another fan's is "not found", never "forbidden". */
public final class ReadingInbox {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final Inbox inbox;
    private final Clock clock;

    public ReadingInbox(Inbox inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    public Inbox.InboxPage page(String accountId, String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.invalid("the inbox query is not valid",
                    List.of(new FieldError("limit", "1 to " + MAX_LIMIT)));
        }
        return inbox.page(accountId, cursor, limit);
    }

    /** Idempotent: a notification read already stays read at its first time. */
    public Notification markRead(String accountId, String notificationId) {
        return inbox.markRead(accountId, notificationId, clock.instant())
                .orElseThrow(() -> DomainException.notFound("notification", notificationId));
    }
}
