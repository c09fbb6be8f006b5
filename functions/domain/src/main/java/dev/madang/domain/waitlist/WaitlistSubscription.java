package dev.madang.domain.waitlist;

import java.time.Instant;

/**
 * A fan's wish to be told when seats of one grade of a round come back (빈자리 알림): for a party of
 * {@code partySize}. {@code lineAt} is the subscription's place in the round's line for that grade: the moment it
 * subscribed, moved to the moment it was last told (the end of the line); the id breaks ties, so the order is stable.
 * {@code lastRelease} names the release it was last told about, so one release never tells it twice.
 */
public record WaitlistSubscription(String id, String accountId, String roundId, String grade, int partySize,
                                   Instant subscribedAt, Instant lineAt, String lastRelease) {
}
