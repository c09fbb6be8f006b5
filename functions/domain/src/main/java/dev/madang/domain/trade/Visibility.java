package dev.madang.domain.trade;

import java.util.Optional;

/**
 * How much of a listing a searcher may see: the one rule the board follows, decided from the searcher's situation in
 * the round and the listing's kind. The API sends only what this answers (an approximate sight has no seat number or
 * seat id in the response at all), so hiding is not left to the client.
 *
 * <table>
 *   <tr><th>searcher</th><th>exchange listing</th><th>transfer listing</th></tr>
 *   <tr><td>holds no ticket for the round</td><td>not shown</td><td>section and row</td></tr>
 *   <tr><td>holds a ticket, has an exchange listing of their own</td><td>exact seat</td><td>exact seat</td></tr>
 *   <tr><td>holds a ticket, no exchange listing</td><td>not shown</td><td>section and row</td></tr>
 * </table>
 * A listing's own holder always sees it whole, on their own page, not through this rule.
 */
public final class Visibility {

    /** The searcher's situation in one round. */
    public enum Searcher {
        NO_TICKET, HOLDER_WITH_EXCHANGE_LISTING, HOLDER_WITHOUT_EXCHANGE_LISTING;

        public static Searcher of(boolean holdsTicket, boolean hasExchangeListing) {
            if (!holdsTicket) {
                return NO_TICKET;
            }
            return hasExchangeListing ? HOLDER_WITH_EXCHANGE_LISTING : HOLDER_WITHOUT_EXCHANGE_LISTING;
        }
    }

    /** APPROXIMATE: section and row. EXACT: section, row and seat number. */
    public enum Sight { APPROXIMATE, EXACT }

    private Visibility() {
    }

    /** Empty when the searcher may not see the listing at all. */
    public static Optional<Sight> of(Searcher searcher, ListingKind kind) {
        return switch (searcher) {
            case NO_TICKET, HOLDER_WITHOUT_EXCHANGE_LISTING ->
                    kind == ListingKind.TRANSFER ? Optional.of(Sight.APPROXIMATE) : Optional.empty();
            case HOLDER_WITH_EXCHANGE_LISTING -> Optional.of(Sight.EXACT);
        };
    }
}
