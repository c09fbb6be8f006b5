package dev.madang.domain.trade;

import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.order.Orders;
import dev.madang.domain.order.Ticket;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trade board of a round as one fan sees it: their situation in the round (holding a ticket or not, with an
 * exchange listing of their own or not), and the other fans' live listings filtered by {@link Visibility} and
 * ranked. Shared by the search, the recommendations made when listing, and the requests a fan sends.
 */
final class TradeBoard {

    /** How many of a fan's tickets and listings are looked at to know their situation in a round. */
    static final int OWN_LIMIT = 200;
    /** Statuses in which a ticket still counts as held for the visibility rules. */
    private static final Set<Ticket.TicketStatus> HELD = Set.of(Ticket.TicketStatus.ISSUED,
            Ticket.TicketStatus.TRANSFERRING);

    private final Trades trades;
    private final Orders orders;
    private final CachedCatalog catalog;

    TradeBoard(Trades trades, Orders orders, CachedCatalog catalog) {
        this.trades = trades;
        this.orders = orders;
        this.catalog = catalog;
    }

    Trades trades() {
        return trades;
    }

    /** A fan in a round: the seats they hold there and their own OPEN exchange listings there. */
    record Situation(List<ListedSeat> held, List<Listing> exchangeListings) {

        Visibility.Searcher searcher() {
            return Visibility.Searcher.of(!held.isEmpty(), !exchangeListings.isEmpty());
        }
    }

    /** Where a ticket of the round sits, from the round's layout (a ticket copies only its seat's id and section). */
    ListedSeat seatOf(Ticket ticket) {
        SeatLayout layout = catalog.layout(catalog.round(ticket.roundId()));
        return ListedSeat.of(layout.seat(ticket.seatId()).orElseThrow(() -> new IllegalStateException(
                "ticket " + ticket.ticketId() + " names seat " + ticket.seatId() + ", not in its round's layout")));
    }

    Situation situation(String userId, String roundId) {
        List<ListedSeat> held = orders.ticketsOwnedBy(userId, OWN_LIMIT).stream()
                .filter(t -> t.roundId().equals(roundId) && HELD.contains(t.status()))
                .map(this::seatOf).toList();
        List<Listing> exchange = held.isEmpty() ? List.of() : trades.ofOwner(userId, OWN_LIMIT).stream()
                .filter(l -> l.roundId().equals(roundId) && l.isOpen() && l.kind() == ListingKind.EXCHANGE)
                .toList();
        return new Situation(held, exchange);
    }

    /**
     * Other fans' live listings of the round the fan may see, matching {@code filter} if given (against the section
     * and row only when the sight is approximate: matching a seat range would reveal the hidden number), ranked:
     * mutual matches, then seats next to the fan's own, then oldest first.
     */
    List<Sighted> sighted(String userId, String roundId, Situation situation, WantedSeats filter) {
        List<Listing> open = trades.openIn(roundId).stream().filter(l -> !l.ownerId().equals(userId)).toList();
        Map<String, Ticket.TicketStatus> statuses = trades.ticketStatuses(open.stream().map(Listing::ticketId)
                .toList());
        Visibility.Searcher searcher = situation.searcher();
        return open.stream()
                // a ticket cancelled or admitted since it was listed leaves its listing void
                .filter(l -> statuses.get(l.ticketId()) == Ticket.TicketStatus.ISSUED)
                .flatMap(l -> Visibility.of(searcher, l.kind()).map(sight -> sight(l, sight, situation)).stream())
                .filter(s -> filter == null || matches(filter, s))
                .sorted(Comparator.comparing((Sighted s) -> !s.mutual()).thenComparing(s -> !s.adjacent())
                        .thenComparing(s -> s.listing().createdAt()).thenComparing(s -> s.listing().id()))
                .toList();
    }

    private static Sighted sight(Listing l, Visibility.Sight sight, Situation situation) {
        if (sight != Visibility.Sight.EXACT) {
            return new Sighted(l, sight, false, false);
        }
        boolean mutual = l.kind() == ListingKind.EXCHANGE && situation.exchangeListings().stream()
                .anyMatch(mine -> mine.wants(l.seat()) && l.wants(mine.seat()));
        boolean adjacent = situation.held().stream().anyMatch(l.seat()::nextTo);
        return new Sighted(l, sight, mutual, adjacent);
    }

    /** Whether a sighted listing matches seats wanted, seeing no more than the sight allows. */
    static boolean matches(WantedSeats wanted, Sighted s) {
        if (s.sight() == Visibility.Sight.EXACT) {
            return wanted.matches(s.listing().seat());
        }
        ListedSeat seat = s.listing().seat();
        return (wanted.sectionId() == null || wanted.sectionId().equals(seat.sectionId()))
                && (wanted.row() == null || wanted.row().equals(seat.row()));
    }

    /** What a fan's own listing is now: VOID when its ticket stopped being ISSUED (cancelled, admitted) meanwhile. */
    static Listing withLiveStatus(Listing l, Map<String, Ticket.TicketStatus> statuses) {
        Ticket.TicketStatus ticket = statuses.get(l.ticketId());
        boolean live = ticket == Ticket.TicketStatus.ISSUED || ticket == Ticket.TicketStatus.TRANSFERRING;
        return (l.status() == Listing.Status.OPEN || l.status() == Listing.Status.PENDING) && !live
                ? l.withStatus(Listing.Status.VOID) : l;
    }

    static Optional<Listing> own(Trades trades, String userId, String listingId) {
        return trades.listing(listingId).filter(l -> l.ownerId().equals(userId));
    }
}
