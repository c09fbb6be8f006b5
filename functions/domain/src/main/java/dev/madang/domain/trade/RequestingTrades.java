package dev.madang.domain.trade;

import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import dev.madang.domain.order.Orders;
import dev.madang.domain.order.Ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A fan asks for a listed ticket: an exchange offers one of their own OPEN exchange listings of the same round and the
 * same price (only such tickets are exchanged); a transfer asks to buy at face value and needs a verified identity,
 * as buying does. A fan can only ask for a listing they may see, and has one live request per listing. The listing's
 * holder declines requests (or accepts them: {@link AcceptingTrades}).
 */
public final class RequestingTrades {

    /** Requests that still stand: a fan has at most one of these per listing. */
    static final Set<TradeRequest.Status> LIVE = EnumSet.of(TradeRequest.Status.PENDING, TradeRequest.Status.ACCEPTED,
            TradeRequest.Status.PAYING);

    private final TradeBoard board;
    private final Ids ids;
    private final Clock clock;

    public RequestingTrades(Trades trades, Orders orders, CachedCatalog catalog, Ids ids, Clock clock) {
        this.board = new TradeBoard(trades, orders, catalog);
        this.ids = ids;
        this.clock = clock;
    }

    /** A request the fan sent, with the listing asked for as the fan may see it now. */
    public record SentRequest(TradeRequest request, Sighted listing) {
    }

    public TradeRequest request(String userId, boolean identityVerified, String listingId, String offeredListingId) {
        Trades trades = board.trades();
        Listing listing = trades.listing(listingId).filter(l -> !l.ownerId().equals(userId))
                .orElseThrow(() -> DomainException.notFound("listing", listingId));
        TradeBoard.Situation situation = board.situation(userId, listing.roundId());
        if (Visibility.of(situation.searcher(), listing.kind()).isEmpty()) {
            throw DomainException.notFound("listing", listingId); // what a fan may not see, they cannot ask for
        }
        if (!listing.isOpen() || trades.ticketStatuses(List.of(listing.ticketId()))
                .get(listing.ticketId()) != Ticket.TicketStatus.ISSUED) {
            throw ListingTickets.notOpen();
        }
        if (listing.kind() == ListingKind.EXCHANGE) {
            requireExchangeOffer(userId, listing, offeredListingId);
        } else {
            if (offeredListingId != null) {
                throw DomainException.invalid("a transfer is bought, not swapped", List.of(new FieldError(
                        "offeredListingId", "only for an exchange listing")));
            }
            if (!identityVerified) {
                throw DomainException.forbidden("identity-verification-required",
                        "verify your identity (본인인증) before buying a ticket");
            }
        }
        if (trades.requestsOn(listingId).stream().anyMatch(r -> r.requesterId().equals(userId)
                && LIVE.contains(r.status()))) {
            throw DomainException.conflict("already-requested", "you asked for this listing already");
        }
        TradeRequest request = new TradeRequest(ids.next(), listingId, listing.kind(), userId,
                listing.kind() == ListingKind.EXCHANGE ? offeredListingId : null, TradeRequest.Status.PENDING,
                clock.instant(), null);
        if (!trades.request(request)) {
            throw ListingTickets.notOpen();
        }
        return request;
    }

    private void requireExchangeOffer(String userId, Listing wanted, String offeredListingId) {
        if (offeredListingId == null || offeredListingId.isBlank()) {
            throw DomainException.invalid("an exchange offers one of your exchange listings", List.of(
                    new FieldError("offeredListingId", "your OPEN exchange listing of the same round")));
        }
        Listing offered = TradeBoard.own(board.trades(), userId, offeredListingId)
                .orElseThrow(() -> DomainException.notFound("listing", offeredListingId));
        if (offered.kind() != ListingKind.EXCHANGE || !offered.isOpen()) {
            throw DomainException.conflict("offered-listing-not-open",
                    "the listing you offer must be one of your OPEN exchange listings");
        }
        requireExchangeable(wanted, offered);
    }

    /** Only tickets of the same round and the same price are exchanged: no money moves in a swap. */
    static void requireExchangeable(Listing a, Listing b) {
        if (!a.roundId().equals(b.roundId())) {
            throw DomainException.ruleViolated("exchange-other-round", "only tickets of the same round are "
                    + "exchanged", List.of(new FieldError("offeredListingId", "a listing of round " + a.roundId())));
        }
        if (a.price() != b.price()) {
            throw DomainException.ruleViolated("exchange-price-mismatch", "only tickets of the same price are "
                    + "exchanged (" + b.price() + " won offered for " + a.price() + " won)", List.of(
                    new FieldError("offeredListingId", "a ticket of " + a.price() + " won")));
        }
    }

    public TradeRequest decline(String ownerId, String listingId, String requestId) {
        Listing listing = TradeBoard.own(board.trades(), ownerId, listingId)
                .orElseThrow(() -> DomainException.notFound("listing", listingId));
        TradeRequest request = board.trades().request(listing.id(), requestId)
                .orElseThrow(() -> DomainException.notFound("request", requestId));
        Instant now = clock.instant();
        if (request.status() != TradeRequest.Status.PENDING || !board.trades().decline(request, now)) {
            throw notPending();
        }
        return request.withStatus(TradeRequest.Status.DECLINED, null);
    }

    /** The fan's requests, newest first, each with the listing as the fan may see it now (empty if they may not). */
    public List<SentRequest> mine(String userId, int limit) {
        List<TradeRequest> requests = board.trades().requestsBy(userId, limit);
        Map<String, Listing> listings = requests.stream().map(TradeRequest::listingId).distinct()
                .map(board.trades()::listing).flatMap(Optional::stream)
                .collect(Collectors.toMap(Listing::id, Function.identity()));
        Map<String, TradeBoard.Situation> situations = listings.values().stream().map(Listing::roundId).distinct()
                .collect(Collectors.toMap(Function.identity(), round -> board.situation(userId, round)));
        return requests.stream().filter(r -> listings.containsKey(r.listingId())).map(r -> {
            Listing l = listings.get(r.listingId());
            // a request on a listing the fan no longer may see in full (they withdrew their exchange listing)
            // still shows the listing, approximately: it is theirs to follow
            Visibility.Sight sight = Visibility.of(situations.get(l.roundId()).searcher(), l.kind())
                    .orElse(Visibility.Sight.APPROXIMATE);
            return new SentRequest(r, new Sighted(l, sight, false, false));
        }).toList();
    }

    static DomainException notPending() {
        return DomainException.conflict("request-not-pending", "the request was answered already");
    }
}
