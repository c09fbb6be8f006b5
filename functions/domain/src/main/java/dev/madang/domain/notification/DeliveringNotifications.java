package dev.madang.domain.notification;

import dev.madang.domain.common.Ids;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivers one queue message (docs/notifications.md): de-duplicates by its delivery key, renders its template in the
 * fan's language, adds it to the fan's inbox and e-mails it. Every step may run again: the queue delivers at least
 * once and retries whatever throws, so a step that finds its work done moves on.
 *
 * <p>The e-mail is at least once, not exactly once: if the function dies after SES accepted the e-mail and before
 * the record says so, the claim's lease runs out and a later attempt sends it again. The window is one write long;
 * losing an e-mail (marking before sending) would be worse than a rare second copy.
 */
public final class DeliveringNotifications {

    /** Longer than a delivery can take (the function's timeout), so a live claim is never taken over. */
    public static final Duration MAIL_LEASE = Duration.ofSeconds(60);

    /** What became of a message. */
    public enum Outcome { DELIVERED, ALREADY_DELIVERED, NOBODY_TO_TELL }

    private final Deliveries deliveries;
    private final MailSender mail;
    private final NotificationLookups lookups;
    private final Clock clock;
    private final Ids ids;

    public DeliveringNotifications(Deliveries deliveries, MailSender mail, NotificationLookups lookups, Clock clock) {
        this.deliveries = deliveries;
        this.mail = mail;
        this.lookups = lookups;
        this.clock = clock;
        this.ids = new Ids(clock);
    }

    /**
     * Delivers the message. Throws {@link UndeliverableNotification} for a message no retry can deliver, and
     * {@link MailInProgress} or any other exception for one a later attempt may; either way the queue tries again
     * and, after its receive count, keeps the message in the dead-letter queue.
     */
    public Outcome deliver(NotificationMessage message) {
        NotificationType type = NotificationType.of(message.type());
        String key = type.deliveryKey(message);
        Optional<NotificationLookups.Recipient> recipient = lookups.recipient(message.accountId());
        if (recipient.isEmpty()) {
            return Outcome.NOBODY_TO_TELL;
        }
        NotificationTemplates.Rendered text = NotificationTemplates.render(type,
                NotificationTemplates.language(recipient.get().language()), message, performanceTitle(message));
        Instant now = clock.instant();
        boolean added = deliveries.addToInbox(key, new Notification(ids.next(), message.accountId(), type.name(),
                text.title(), text.body(), now, null));
        boolean mailed = recipient.get().email() != null && email(key, recipient.get().email(), text, now);
        return added || mailed ? Outcome.DELIVERED : Outcome.ALREADY_DELIVERED;
    }

    /** True when this attempt sent the e-mail, false when an earlier one had. */
    private boolean email(String key, String address, NotificationTemplates.Rendered text, Instant now) {
        switch (deliveries.claimMail(key, now, MAIL_LEASE)) {
            case SENT:
                return false;
            case IN_PROGRESS:
                throw new MailInProgress(key);
            default:
                break;
        }
        try {
            mail.send(new MailSender.Mail(address, text.title(), text.body()));
        } catch (RuntimeException failed) {
            deliveries.releaseMail(key);
            throw failed;
        }
        deliveries.mailSent(key);
        return true;
    }

    /** The performance the message's ids lead to: its own id, its round's, its order's round's. */
    private String performanceTitle(NotificationMessage message) {
        Optional<String> roundId = Optional.ofNullable(message.text("roundId"))
                .or(() -> Optional.ofNullable(message.text("orderId")).flatMap(lookups::roundIdOfOrder));
        return Optional.ofNullable(message.text("performanceId"))
                .or(() -> roundId.flatMap(lookups::performanceIdOfRound))
                .flatMap(lookups::performanceTitle).orElse(null);
    }

    /** Another attempt holds the e-mail's claim: this one fails and the queue brings the message back later. */
    public static final class MailInProgress extends RuntimeException {
        public MailInProgress(String key) {
            super("another delivery of " + key + " is sending its e-mail");
        }
    }
}
