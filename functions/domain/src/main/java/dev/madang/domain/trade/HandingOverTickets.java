package dev.madang.domain.trade;

import dev.madang.domain.cancellation.CancellingTickets;
import dev.madang.domain.cancellation.TicketCancellation;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.Orders;
import dev.madang.domain.order.SeatHandovers;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.ticket.Tickets;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A paid transfer's seat passes straight from the seller's ticket to the buyer's, never through general sale; a
 * transfer that fails leaves it with the seller.
 * <ul>
 *   <li>{@link #handOver}, the payment workflow's ticket step for a transfer order: one write passes the seat (the
 *       seller's ticket TRANSFERRED and revoked, the buyer's new ticket issued, the order PAID) and begins the
 *       seller's refund of the face value less the organiser's transfer fee; the refund is then made at the PG, or by
 *       the refund sweep if the PG fails.</li>
 *   <li>{@link #giveBack}: a payment that fails, expires or is cancelled closes the order as any other (refunding
 *       whatever was captured), and the ticket is its seller's again (ISSUED, the listing OPEN again).</li>
 *   <li>{@link #lapseOverdue}: a transfer accepted but never ordered lapses at its deadline (the unpaid-order
 *       sweep runs it).</li>
 * </ul>
 */
public final class HandingOverTickets implements SeatHandovers {

    static final int LAPSE_BATCH = 50;

    private final Trades trades;
    private final Tickets tickets;
    private final Orders orders;
    private final TransferFees fees;
    private final CancellingTickets cancelling;
    private final TradeNotifications notifications;
    private final Clock clock;

    public HandingOverTickets(Trades trades, Tickets tickets, Orders orders, TransferFees fees,
                              CancellingTickets cancelling, TradeNotifications notifications, Clock clock) {
        this.notifications = notifications;
        this.trades = trades;
        this.tickets = tickets;
        this.orders = orders;
        this.fees = fees;
        this.cancelling = cancelling;
        this.clock = clock;
    }

    @Override
    public boolean handOver(Order order) {
        TradeRequest request = trades.request(order.listingId(), order.id()).orElseThrow();
        Listing listing = trades.listing(order.listingId()).orElseThrow();
        Ticket sellers = tickets.byId(listing.ticketId()).orElseThrow();
        if (request.status() != TradeRequest.Status.PAYING || sellers.status() != Ticket.TicketStatus.TRANSFERRING) {
            return false;
        }
        Order sellersOrder = orders.byId(sellers.orderId()).orElseThrow();
        Instant now = clock.instant();
        Ticket buyers = new Ticket(order.id() + "-1", order.id(), order.userId(), sellers.performanceId(),
                sellers.performanceTitle(), sellers.roundId(), sellers.startsAt(), sellers.seatId(),
                sellers.sectionId(), sellers.grade(), sellers.price(), Ticket.TicketStatus.ISSUED, now,
                new Ticket.Origin(Ticket.Origin.Via.TRANSFER, request.id(), sellers.ticketId()));
        long fee = feeOf(sellers);
        TicketCancellation refund = new TicketCancellation(sellersRefundId(request), sellers.orderId(),
                sellers.ownerId(), sellers.roundId(), List.of(sellers.ticketId()), List.of(sellers.seatId()),
                sellers.price(), fee, sellers.price() - fee, TicketCancellation.TRANSFER_RULE,
                TicketCancellation.Status.PENDING, now, null);
        if (!trades.handOver(new Trades.Handover(request, listing, sellers, buyers, refund, sellersOrder.amount(),
                now))) {
            return false;
        }
        try {
            cancelling.finishTransferRefund(refund.orderId(), refund.id());
        } catch (RuntimeException pgOrStoreFailed) {
            // the refund is committed and PENDING: the refund sweep finishes it; the buyer's ticket stands
        }
        notifications.transferCompleted(listing, request);
        return true;
    }

    /** The seller's refund keeps back the organiser's transfer fee, in whole won. */
    private long feeOf(Ticket ticket) {
        int percent = fees.feePercent(ticket.performanceId()).orElse(TransferFees.DEFAULT_PERCENT);
        return ticket.price() * percent / 100;
    }

    /** One refund per transfer, named by its request, so a repeated step finds it. */
    static String sellersRefundId(TradeRequest request) {
        return "T" + request.id();
    }

    @Override
    public void giveBack(Order order) {
        trades.request(order.listingId(), order.id()).ifPresent(request -> {
            if (request.status() == TradeRequest.Status.PAYING) {
                trades.listing(order.listingId()).ifPresent(listing -> trades.giveBack(request, listing,
                        TradeRequest.Status.FAILED, clock.instant()));
            }
        });
    }

    /** Accepted transfers past their deadline with no payment started: the sellers hold their tickets again. */
    public int lapseOverdue() {
        int lapsed = 0;
        Instant now = clock.instant();
        for (TradeRequest request : trades.acceptedDueBefore(now, LAPSE_BATCH)) {
            Optional<Listing> listing = trades.listing(request.listingId());
            if (listing.isPresent() && trades.giveBack(request, listing.get(), TradeRequest.Status.LAPSED, now)) {
                lapsed++;
            }
        }
        return lapsed;
    }
}
