package dev.madang.domain.trade;

import dev.madang.domain.cancellation.TicketCancellation;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.Ticket;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where listings and trade requests are kept, beside the tickets they move. Every change that touches a ticket is one
 * all-or-nothing write whose conditions name the ticket's status and holder, so a trade, a cancellation and a check-in
 * of one ticket at once cannot both win, and no seat ever has two holders.
 */
public interface Trades {

    enum ListOutcome { LISTED, TICKET_NOT_ISSUED, ALREADY_LISTED }

    /** Stores the listing and marks its ticket listed, only while the ticket is ISSUED, the lister's, and unlisted. */
    ListOutcome list(Listing listing);

    Optional<Listing> listing(String listingId);

    /** The round's OPEN listings, oldest first. */
    List<Listing> openIn(String roundId);

    /** The fan's listings, newest first. */
    List<Listing> ofOwner(String ownerId, int limit);

    /** OPEN → WITHDRAWN and the ticket unlisted; false when the listing was not OPEN. */
    boolean withdraw(Listing listing, Instant at);

    /** The tickets' statuses now (a listing whose ticket is no longer ISSUED is void); unknown ids are left out. */
    Map<String, Ticket.TicketStatus> ticketStatuses(Collection<String> ticketIds);

    /** Stores a PENDING request, only while its listing is OPEN; false otherwise. */
    boolean request(TradeRequest request);

    Optional<TradeRequest> request(String listingId, String requestId);

    /** A listing's requests, oldest first. */
    List<TradeRequest> requestsOn(String listingId);

    /** The fan's own requests, newest first. */
    List<TradeRequest> requestsBy(String requesterId, int limit);

    /** PENDING → DECLINED; false when the request was not PENDING. */
    boolean decline(TradeRequest request, Instant at);

    enum SwapOutcome { SWAPPED, MOVED, TICKET_ID_TAKEN }

    /**
     * An exchange, all or nothing: both tickets (each ISSUED, held by its lister, listed by its listing) become
     * REISSUED and join their round's revocation list; the two replacements are issued (each in its holder's own
     * order, so refunds stay with the money that paid); each seat's record passes to its new ticket; both listings
     * OPEN → DONE; the request PENDING → DONE. MOVED when any of those conditions failed (nothing written);
     * TICKET_ID_TAKEN when a replacement's id was taken meanwhile (choose again).
     */
    SwapOutcome swap(Swap swap);

    /** {@code listed} is the accepting holder's ticket, {@code offered} the requester's. */
    record Swap(TradeRequest request, Listing listing, Listing offeredListing, Ticket listed, Ticket offered,
                Ticket listedReplacement, Ticket offeredReplacement, Instant at) {
    }

    /**
     * A transfer accepted, all or nothing: the listing OPEN → PENDING, the request PENDING → ACCEPTED until
     * {@code payBy}, the ticket ISSUED (the holder's, listed by this listing) → TRANSFERRING. False when any moved.
     */
    boolean acceptTransfer(TradeRequest request, Listing listing, Instant payBy, Instant at);

    /**
     * The buyer pays, all or nothing: the request ACCEPTED (before its deadline) → PAYING and the buyer's order
     * stored. False when the request was not ACCEPTED or its deadline passed.
     */
    boolean startPayment(TradeRequest request, Order order, Instant now);

    /**
     * A transfer that will not complete ({@code to}: LAPSED unpaid, FAILED): the request → {@code to} from ACCEPTED or
     * PAYING; the listing PENDING → OPEN; the ticket TRANSFERRING → ISSUED, the seller's again. False when the request
     * had moved on (harmless to repeat).
     */
    boolean giveBack(TradeRequest request, Listing listing, TradeRequest.Status to, Instant at);

    /** ACCEPTED transfers whose payment deadline is before {@code cutoff}, at most {@code limit}. */
    List<TradeRequest> acceptedDueBefore(Instant cutoff, int limit);

    /**
     * A paid transfer, all or nothing: the seller's ticket TRANSFERRING (for this request) → TRANSFERRED, with its
     * revocation entry; the seat's record passes to the buyer's ticket; the buyer's order APPROVED → PAID with that
     * ticket; the listing PENDING → DONE; the request PAYING → DONE; and the seller's refund (less the transfer fee)
     * begun against the seller's order, within what that order was paid. False when any moved.
     */
    boolean handOver(Handover handover);

    record Handover(TradeRequest request, Listing listing, Ticket sellersTicket, Ticket buyersTicket,
                    TicketCancellation sellersRefund, long sellersPaidAmount, Instant at) {
    }
}
