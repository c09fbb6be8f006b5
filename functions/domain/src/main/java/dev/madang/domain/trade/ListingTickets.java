package dev.madang.domain.trade;

import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;
import dev.madang.domain.order.Orders;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.ticket.Tickets;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A ticket holder puts a ticket on the round's trade board, for exchange (my seat for one I want) or transfer (handed
 * on at its face value, which is the only price there is: a listing carries no price of its own), and sees at once
 * which listed seats match what they want. Only the holder of an ISSUED ticket lists it, once; they may withdraw it
 * while it is OPEN.
 */
public final class ListingTickets {

    private final TradeBoard board;
    private final Tickets tickets;
    private final CachedCatalog catalog;
    private final Ids ids;
    private final Clock clock;

    public ListingTickets(Trades trades, Tickets tickets, Orders orders, CachedCatalog catalog, Ids ids, Clock clock) {
        this.board = new TradeBoard(trades, orders, catalog);
        this.tickets = tickets;
        this.catalog = catalog;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code wanted}: required for an exchange; a transfer may say what its holder would rather have, or nothing. */
    public record ListTicket(String userId, String ticketId, ListingKind kind, List<WantedSeats> wanted) {
    }

    /** The listing, and the matching listings already on the board, best first. */
    public record Listed(Listing listing, List<Sighted> recommendations) {
    }

    /** A fan's own listing with the requests made on it. */
    public record OwnListing(Listing listing, List<Incoming> requests) {
    }

    /** A request on the fan's listing, with the listing offered in exchange (null for a transfer). */
    public record Incoming(TradeRequest request, Listing offered) {
    }

    public Listed list(ListTicket request) {
        Violations v = new Violations();
        v.check(request.ticketId() != null && !request.ticketId().isBlank(), "ticketId", "is required");
        v.check(request.kind() != null, "kind", "EXCHANGE or TRANSFER");
        List<WantedSeats> wanted = request.wanted() == null ? List.of() : request.wanted();
        if (request.kind() == ListingKind.EXCHANGE || !wanted.isEmpty()) {
            WantedSeats.checkAll(wanted, v);
        }
        v.throwIfInvalid("the listing is not valid");

        Ticket ticket = (Ticket.isWellFormedId(request.ticketId()) ? tickets.byId(request.ticketId())
                : java.util.Optional.<Ticket>empty()).filter(t -> t.ownerId().equals(request.userId()))
                .orElseThrow(() -> DomainException.notFound("ticket", request.ticketId()));
        if (ticket.status() != Ticket.TicketStatus.ISSUED) {
            throw notListable(ticket);
        }
        Instant now = clock.instant();
        Round round = catalog.round(ticket.roundId());
        if (!now.isBefore(round.startsAt()) || round.cancelled()) {
            throw DomainException.ruleViolated("trading-closed", "the round has started or was cancelled: its "
                    + "tickets can no longer be exchanged or transferred", List.of());
        }
        Listing listing = new Listing(ids.next(), request.kind(), ticket.ticketId(), request.userId(),
                ticket.roundId(), board.seatOf(ticket), ticket.grade(), ticket.price(), wanted, Listing.Status.OPEN,
                now);
        switch (board.trades().list(listing)) {
            case LISTED -> {
            }
            case ALREADY_LISTED -> throw DomainException.conflict("ticket-already-listed",
                    "this ticket is on the board already; withdraw that listing first");
            case TICKET_NOT_ISSUED -> throw notListable(tickets.byId(ticket.ticketId()).orElse(ticket));
            default -> throw new IllegalStateException();
        }
        return new Listed(listing, recommendations(listing));
    }

    /** Listed seats this listing wants, as the lister may see them, mutual matches and neighbours first. */
    private List<Sighted> recommendations(Listing listing) {
        if (listing.wanted().isEmpty()) {
            return List.of();
        }
        TradeBoard.Situation situation = board.situation(listing.ownerId(), listing.roundId());
        return board.sighted(listing.ownerId(), listing.roundId(), situation, null).stream()
                .filter(s -> listing.wanted().stream().anyMatch(w -> TradeBoard.matches(w, s)))
                .toList();
    }

    public void withdraw(String userId, String listingId) {
        Listing listing = TradeBoard.own(board.trades(), userId, listingId)
                .orElseThrow(() -> DomainException.notFound("listing", listingId));
        if (!listing.isOpen() || !board.trades().withdraw(listing, clock.instant())) {
            throw notOpen();
        }
    }

    /** The fan's listings, newest first, each with its live status and the requests made on it. */
    public List<OwnListing> mine(String userId, int limit) {
        List<Listing> listings = board.trades().ofOwner(userId, limit);
        Map<String, Ticket.TicketStatus> statuses = board.trades().ticketStatuses(listings.stream()
                .map(Listing::ticketId).toList());
        return listings.stream().map(l -> new OwnListing(TradeBoard.withLiveStatus(l, statuses),
                l.status() == Listing.Status.WITHDRAWN ? List.of() : incoming(l))).toList();
    }

    private List<Incoming> incoming(Listing listing) {
        return board.trades().requestsOn(listing.id()).stream().map(r -> new Incoming(r,
                r.offeredListingId() == null ? null : board.trades().listing(r.offeredListingId()).orElse(null)))
                .toList();
    }

    /** One of the fan's listings; another fan's is a 404. */
    public OwnListing one(String userId, String listingId) {
        Listing listing = TradeBoard.own(board.trades(), userId, listingId)
                .orElseThrow(() -> DomainException.notFound("listing", listingId));
        return new OwnListing(TradeBoard.withLiveStatus(listing, board.trades().ticketStatuses(
                List.of(listing.ticketId()))), incoming(listing));
    }

    static DomainException notOpen() {
        return DomainException.conflict("listing-not-open", "the listing is no longer open (withdrawn, traded, "
                + "or its ticket was cancelled or used)");
    }

    private static DomainException notListable(Ticket ticket) {
        return DomainException.conflict("ticket-not-listable", "only a valid ticket can be listed; this one is "
                + ticket.status().name().toLowerCase());
    }
}
