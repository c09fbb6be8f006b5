package dev.madang.domain.trade;

import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.common.Violations;
import dev.madang.domain.order.Orders;

import java.util.List;

/**
 * A fan searches a round's trade board by the seats they want. What they see of each listing, and which listings
 * they see at all, is {@link Visibility}'s rule applied to their situation in the round.
 */
public final class SearchingListings {

    private final TradeBoard board;
    private final CachedCatalog catalog;

    public SearchingListings(Trades trades, Orders orders, CachedCatalog catalog) {
        this.board = new TradeBoard(trades, orders, catalog);
        this.catalog = catalog;
    }

    /** The searcher's situation (for the client to explain what it shows) and the listings, best first. */
    public record Results(Visibility.Searcher searcher, List<Sighted> items) {
    }

    /** {@code wanted} may be null (the whole board) or a section, a row, or a range of a row. */
    public Results search(String userId, String roundId, WantedSeats wanted) {
        catalog.round(roundId); // 404 for a round that does not exist
        if (wanted != null && (wanted.sectionId() != null || wanted.row() != null || wanted.fromNumber() != null)) {
            Violations v = new Violations();
            wanted.check(v, "");
            v.throwIfInvalid("the search is not valid");
        } else {
            wanted = null;
        }
        TradeBoard.Situation situation = board.situation(userId, roundId);
        return new Results(situation.searcher(), board.sighted(userId, roundId, situation, wanted));
    }
}
