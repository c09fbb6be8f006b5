package dev.madang.domain.lottery;

import java.util.List;

/**
 * Tells entrants how a draw went: a message each on the notification queue, which the notification consumer turns
 * into an e-mail, a push or an inbox line. Messages name ids only (no name, no e-mail), so they can be logged or
 * dead-lettered safely.
 */
public interface LotteryNotifications {

    /**
     * What one entrant is told after one draw. {@code offer} is the won seats' hold (null for a loss);
     * {@code redrawsLeft} tells a loser whether returned seats may still come their way.
     */
    record DrawNews(String roundId, int drawNumber, String entryId, String accountId, EntryState outcome, Offer offer,
                    int redrawsLeft) {
    }

    /** At least once: a repeated task sends again, so consumers de-duplicate by (entry id, draw number, outcome). */
    void tell(List<DrawNews> news);
}
