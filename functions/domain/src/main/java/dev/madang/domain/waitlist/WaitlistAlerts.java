package dev.madang.domain.waitlist;

import java.util.List;

/** Tells fans that seats they wait for came back (in production: messages on the notification queue). */
public interface WaitlistAlerts {

    /** One fan to tell: ids and small facts only; the consumer reads names and titles itself. */
    record SeatsFreed(String subscriptionId, String accountId, String roundId, String grade, int partySize,
                      String releaseId) {
    }

    /** Sends every alert, or fails (a repeat is harmless: the consumer de-duplicates by subscription and release). */
    void tell(List<SeatsFreed> alerts);
}
