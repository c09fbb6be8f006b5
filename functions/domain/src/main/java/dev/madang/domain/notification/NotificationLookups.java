package dev.madang.domain.notification;

import java.util.Optional;

/**
 * What rendering reads beyond the message: the fan's address and language, and the performance a message's ids
 * point at. Messages carry ids only, so the personal data is read here, at delivery, and never travels on the queue.
 */
public interface NotificationLookups {

    /** Where and how to tell a fan: {@code email} is null for an account that logs in by a social provider only. */
    record Recipient(String email, String language) {
    }

    /** Empty for no such account or a closed one: nobody to tell. */
    Optional<Recipient> recipient(String accountId);

    Optional<String> performanceTitle(String performanceId);

    Optional<String> performanceIdOfRound(String roundId);

    Optional<String> roundIdOfOrder(String orderId);
}
