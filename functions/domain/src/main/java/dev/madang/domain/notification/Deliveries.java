package dev.madang.domain.notification;

import java.time.Duration;
import java.time.Instant;

/**
 * The record of what was delivered, one per delivery key (docs/notifications.md, "Delivered once"). The inbox line
 * and the record are written together, so a key has an inbox line exactly when it has a record; the e-mail is
 * claimed on the record before it is sent and marked after, so two deliveries of one message at once send one.
 */
public interface Deliveries {

    /** Adds the line to the fan's inbox with the key's record; false (nothing written) when the key was delivered. */
    boolean addToInbox(String deliveryKey, Notification notification);

    enum MailClaim {
        /** This delivery sends the e-mail. */
        CLAIMED,
        /** The e-mail went already. */
        SENT,
        /** Another delivery claimed it less than a lease ago and may be sending it now. */
        IN_PROGRESS
    }

    /** Claims the key's e-mail unless sent, or claimed by another delivery less than {@code lease} before {@code now}. */
    MailClaim claimMail(String deliveryKey, Instant now, Duration lease);

    void mailSent(String deliveryKey);

    /** Gives a claim back after a failed send, so the queue's next attempt need not wait out the lease. */
    void releaseMail(String deliveryKey);
}
