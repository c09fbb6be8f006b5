package dev.madang.domain.waitlist;

import dev.madang.domain.common.Page;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The waitlist subscriptions: each fan's own, and each round's line per grade in the order of {@code lineAt}. */
public interface Waitlists {

    /** Stores a new subscription; a conflict ({@code already-subscribed}) when the fan has one for that round and grade. */
    void add(WaitlistSubscription subscription);

    /** The fan's subscriptions, oldest first. */
    List<WaitlistSubscription> mine(String accountId);

    /** The fan's subscription by id; empty when there is none, or it is another fan's. */
    Optional<WaitlistSubscription> mine(String accountId, String subscriptionId);

    /** Deletes the fan's subscription; false when the fan has none by that id. */
    boolean remove(String accountId, String subscriptionId);

    /** One page of a round's line for a grade, front first; {@code cursor} null for the front. */
    Page<WaitlistSubscription> line(String roundId, String grade, int limit, String cursor);

    /**
     * Records that the subscription was told about {@code releaseId} and moves it to the end of its line (lineAt =
     * {@code at}). False, with nothing written, when it was cancelled meanwhile or was told about that release already.
     */
    boolean told(WaitlistSubscription subscription, String releaseId, Instant at);
}
