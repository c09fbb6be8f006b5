package dev.madang.domain.trade;

import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.order.Orders;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.ticket.Tickets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A listing's holder accepts a request.
 * <ul>
 *   <li><b>Exchange:</b> both tickets are swapped in one write ({@link Trades#swap}): each old ticket becomes
 *   REISSUED (its codes void at once and on the scanners' revocation lists), each fan gets a new ticket for the other's
 *   seat, in their own order (the money that paid for it stays where it was), and both listings close. The write is
 *   conditional on both tickets still being ISSUED and held by the same fans, so an exchange racing a cancellation
 *   or a check-in of either ticket has exactly one winner. Other requests on either listing are declined.</li>
 *   <li><b>Transfer:</b> the ticket is set aside for the buyer ({@link Trades#acceptTransfer}: TRANSFERRING, not
 *   valid at the door, not cancellable) until {@link #PAY_WITHIN} from now, and the buyer pays its face value
 *   ({@link OrderingTransfers}); other requests are declined.</li>
 * </ul>
 */
public final class AcceptingTrades {

    /** How long a buyer has to pay for a transfer once it is accepted. */
    public static final Duration PAY_WITHIN = Duration.ofMinutes(30);
    private static final int ATTEMPTS = 3;

    private final TradeBoard board;
    private final Tickets tickets;
    private final Orders orders;
    private final CachedCatalog catalog;
    private final TradeNotifications notifications;
    private final Clock clock;

    public AcceptingTrades(Trades trades, Tickets tickets, Orders orders, CachedCatalog catalog,
                           TradeNotifications notifications, Clock clock) {
        this.notifications = notifications;
        this.board = new TradeBoard(trades, orders, catalog);
        this.tickets = tickets;
        this.orders = orders;
        this.catalog = catalog;
        this.clock = clock;
    }

    public TradeRequest accept(String ownerId, String listingId, String requestId) {
        Trades trades = board.trades();
        Listing listing = TradeBoard.own(trades, ownerId, listingId)
                .orElseThrow(() -> DomainException.notFound("listing", listingId));
        TradeRequest request = trades.request(listingId, requestId)
                .orElseThrow(() -> DomainException.notFound("request", requestId));
        if (request.status() != TradeRequest.Status.PENDING) {
            throw RequestingTrades.notPending();
        }
        if (!listing.isOpen()) {
            throw ListingTickets.notOpen();
        }
        Instant now = clock.instant();
        Round round = catalog.round(listing.roundId());
        if (!now.isBefore(round.startsAt()) || round.cancelled()) {
            throw DomainException.ruleViolated("trading-closed", "the round has started or was cancelled",
                    List.of());
        }
        TradeRequest accepted = listing.kind() == ListingKind.EXCHANGE ? exchange(listing, request, now)
                : transfer(listing, request, round, now);
        declineOthers(listing, accepted, now);
        if (accepted.kind() == ListingKind.TRANSFER) {
            notifications.transferAccepted(accepted);
        }
        return accepted;
    }

    private TradeRequest exchange(Listing listing, TradeRequest request, Instant now) {
        Trades trades = board.trades();
        Listing offered = trades.listing(request.offeredListingId()).filter(Listing::isOpen)
                .orElseThrow(() -> DomainException.conflict("offered-listing-not-open",
                        "the listing offered in exchange is no longer open"));
        RequestingTrades.requireExchangeable(listing, offered);
        for (int attempt = 1; ; attempt++) {
            Ticket listed = tradable(listing);
            Ticket offeredTicket = tradable(offered);
            Ticket listedReplacement = replacement(listed, offeredTicket, request, now);
            Ticket offeredReplacement = replacement(offeredTicket, listed, request, now);
            switch (trades.swap(new Trades.Swap(request, listing, offered, listed, offeredTicket, listedReplacement,
                    offeredReplacement, now))) {
                case SWAPPED -> {
                    declineOthers(offered, request, now);
                    return request.withStatus(TradeRequest.Status.DONE, null);
                }
                case MOVED -> throw moved();
                case TICKET_ID_TAKEN -> {
                    if (attempt == ATTEMPTS) {
                        throw new IllegalStateException("could not number the exchange's new tickets");
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private TradeRequest transfer(Listing listing, TradeRequest request, Round round, Instant now) {
        tradable(listing);
        Instant payBy = now.plus(PAY_WITHIN);
        if (payBy.isAfter(round.startsAt())) {
            payBy = round.startsAt();
        }
        if (!board.trades().acceptTransfer(request, listing, payBy, now)) {
            throw moved();
        }
        return request.withStatus(TradeRequest.Status.ACCEPTED, payBy);
    }

    /** The listing's ticket, ISSUED and still its lister's; otherwise the trade cannot happen. */
    private Ticket tradable(Listing listing) {
        return tickets.byId(listing.ticketId())
                .filter(t -> t.status() == Ticket.TicketStatus.ISSUED && t.ownerId().equals(listing.ownerId()))
                .orElseThrow(AcceptingTrades::moved);
    }

    /**
     * The ticket {@code holder}'s holder gets for {@code other}'s seat: in the holder's own order, numbered after its
     * other tickets, at the same price (exchanges are between equal prices), naming the ticket it takes over.
     */
    private Ticket replacement(Ticket holder, Ticket other, TradeRequest request, Instant now) {
        int next = orders.ticketsOf(holder.orderId()).stream()
                .mapToInt(t -> Integer.parseInt(t.ticketId().substring(t.ticketId().lastIndexOf('-') + 1)))
                .max().orElse(0) + 1;
        return new Ticket(holder.orderId() + "-" + next, holder.orderId(), holder.ownerId(), other.performanceId(),
                other.performanceTitle(), other.roundId(), other.startsAt(), other.seatId(), other.sectionId(),
                other.grade(), other.price(), Ticket.TicketStatus.ISSUED, now,
                new Ticket.Origin(Ticket.Origin.Via.EXCHANGE, request.id(), other.ticketId()));
    }

    /** The other PENDING requests on a listing that is no longer open are declined (each one conditional). */
    private void declineOthers(Listing listing, TradeRequest accepted, Instant now) {
        for (TradeRequest other : board.trades().requestsOn(listing.id())) {
            if (!other.id().equals(accepted.id()) && other.status() == TradeRequest.Status.PENDING) {
                board.trades().decline(other, now);
            }
        }
        // requests this listing's holder made offering it elsewhere can no longer be met either
        for (TradeRequest offering : board.trades().requestsBy(listing.ownerId(), TradeBoard.OWN_LIMIT)) {
            if (listing.id().equals(offering.offeredListingId()) && !offering.id().equals(accepted.id())
                    && offering.status() == TradeRequest.Status.PENDING) {
                board.trades().decline(offering, now);
            }
        }
    }

    private static DomainException moved() {
        return DomainException.conflict("trade-moved", "a ticket of this trade was cancelled, used at the door or "
                + "traded meanwhile; nothing was changed");
    }
}
