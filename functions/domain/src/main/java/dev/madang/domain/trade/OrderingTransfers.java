package dev.madang.domain.trade;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.Orders;
import dev.madang.domain.order.Payers;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.PaymentWorkflows;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.payment.RefundAccount;
import dev.madang.domain.ticket.Tickets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The buyer of an accepted transfer creates the order that pays its face value, through the ordinary payment
 * workflow: the order (its id is the request's; its amount the ticket's face value, fixed by the server; its one seat
 * the listed one) is stored in the same write that moves the request ACCEPTED → PAYING, before the deadline the
 * acceptance set. Paying it is then paying any order; when it is paid, {@link HandingOverTickets} passes the seat.
 */
public final class OrderingTransfers {

    private final Trades trades;
    private final Tickets tickets;
    private final Orders orders;
    private final PaymentWorkflows workflows;
    private final Clock clock;

    public OrderingTransfers(Trades trades, Tickets tickets, Orders orders, PaymentWorkflows workflows, Clock clock) {
        this.trades = trades;
        this.tickets = tickets;
        this.orders = orders;
        this.workflows = workflows;
        this.clock = clock;
    }

    /** As for any order: a virtual account needs the account its deposit is refunded to. */
    public record TransferOrder(String buyerId, boolean identityVerified, String listingId, String requestId,
                                PaymentMethod method, RefundAccount refundAccount) {
    }

    /** The buyer's order for an accepted transfer; again for the same request answers the same order. */
    public Order placeOrder(TransferOrder r) {
        Payers.check(r.identityVerified(), r.method(), r.refundAccount(), "buying a ticket");
        TradeRequest request = trades.request(r.listingId(), r.requestId())
                .filter(q -> q.requesterId().equals(r.buyerId()) && q.kind() == ListingKind.TRANSFER)
                .orElseThrow(() -> DomainException.notFound("request", r.requestId()));
        Optional<Order> existing = orders.byId(request.id());
        if (existing.isPresent()) {
            return again(existing.get());
        }
        Instant now = clock.instant();
        if (request.status() != TradeRequest.Status.ACCEPTED || !request.payBy().isAfter(now)) {
            throw notPayable(request);
        }
        Listing listing = trades.listing(r.listingId()).orElseThrow();
        Ticket ticket = tickets.byId(listing.ticketId()).orElseThrow();
        Order order = new Order(request.id(), r.buyerId(), listing.roundId(),
                List.of(new HeldSeat(listing.seat().seatId(), listing.seat().sectionId(), listing.grade(),
                        listing.price())), listing.price(), orderName(ticket), r.method(),
                OrderStatus.AWAITING_PAYMENT, now, request.payBy(), null, null,
                r.method() == PaymentMethod.VIRTUAL_ACCOUNT ? r.refundAccount() : null, listing.id());
        if (!trades.startPayment(request, order, now)) {
            Optional<Order> twin = orders.byId(request.id()); // a double click made it first
            if (twin.isPresent()) {
                return again(twin.get());
            }
            throw notPayable(trades.request(r.listingId(), r.requestId()).orElse(request));
        }
        startWorkflow(order, now);
        return order;
    }

    private Order again(Order order) {
        if (order.status() == OrderStatus.AWAITING_PAYMENT) {
            startWorkflow(order, clock.instant()); // in case the first attempt stopped short of it
        }
        return order;
    }

    private void startWorkflow(Order order, Instant now) {
        workflows.start(order.id(), Math.max(1, Duration.between(now, order.payBy()).toSeconds()));
    }

    /** "레미제라블 R석 양도 1매": what the PG shows the buyer. */
    static String orderName(Ticket ticket) {
        String name = (ticket.performanceTitle() == null ? "공연" : ticket.performanceTitle()) + " "
                + ticket.grade() + "석 양도 1매";
        return name.length() <= 100 ? name : name.substring(0, 100);
    }

    private static DomainException notPayable(TradeRequest request) {
        return DomainException.conflict("transfer-not-payable", switch (request.status()) {
            case PENDING -> "the seller has not accepted your request yet";
            case ACCEPTED, LAPSED -> "the time to pay for this transfer has passed";
            default -> "this transfer is " + request.status().name().toLowerCase();
        });
    }
}
