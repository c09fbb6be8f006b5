package dev.madang.domain.lottery;

import dev.madang.domain.common.DomainException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * After a section's draw, tells its entrants how it went (step 5 of the lottery workflow): every winner of this draw
 * (their seats, amount and payment deadline), and after the first draw every loser (with the number of redraws still
 * to come). A redraw's losers lost the first draw already and were told so; they hear again only if they win.
 * <p>
 * A separate step from the draw, so a draw that is retried never sends twice from inside it and a failed send is
 * retried on its own; the draw is stored complete before anyone is told.
 */
public final class TellingEntrants {

    private final Lotteries lotteries;
    private final LotteryNotifications notifications;

    public TellingEntrants(Lotteries lotteries, LotteryNotifications notifications) {
        this.lotteries = lotteries;
        this.notifications = notifications;
    }

    public record Told(String sectionId, int drawNumber, int winners, int losers) {
    }

    public Told tell(String roundId, String sectionId, int drawNumber) {
        Lottery lottery = lotteries.find(roundId)
                .orElseThrow(() -> DomainException.notFound("lottery of round", roundId));
        boolean drawn = lotteries.draws(roundId).sectionDraw(drawNumber, sectionId)
                .map(SectionDraw::complete).orElse(false);
        if (!drawn) {
            throw DomainException.conflict("draw-not-made", "draw " + drawNumber + " of section " + sectionId
                    + " has not been made");
        }
        int redrawsLeft = Math.max(0, lottery.settings().redraws() - (drawNumber - 1));
        Map<String, String> accounts = lotteries.entrants(roundId);
        List<LotteryNotifications.DrawNews> news = new ArrayList<>();
        int winners = 0;
        int losers = 0;
        for (DrawEntry entry : lotteries.drawEntries(roundId, sectionId)) {
            String account = accounts.get(entry.entryId());
            if (account == null) {
                continue; // withdrawn before close: no claim, nobody to tell
            }
            Offer offer = entry.offer();
            if (offer != null && offer.drawNumber() == drawNumber) {
                // told as a win even if already paid or expired when a retry gets here: the win is what happened
                news.add(new LotteryNotifications.DrawNews(roundId, drawNumber, entry.entryId(), account,
                        EntryState.WON, offer, redrawsLeft));
                winners++;
            } else if (drawNumber == 1 && entry.state() == EntryState.LOST) {
                news.add(new LotteryNotifications.DrawNews(roundId, drawNumber, entry.entryId(), account,
                        EntryState.LOST, null, redrawsLeft));
                losers++;
            }
        }
        notifications.tell(news);
        return new Told(sectionId, drawNumber, winners, losers);
    }
}
