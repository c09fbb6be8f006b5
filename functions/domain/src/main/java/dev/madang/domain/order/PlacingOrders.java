package dev.madang.domain.order;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.booking.HoldLedgers;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.SeatHold;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.coupon.PriceBreakdown;
import dev.madang.domain.coupon.PricingOrders;
import dev.madang.domain.membership.MemberSale;
import dev.madang.domain.payment.RefundAccount;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * From a live hold, the fan creates the order they will pay: the server fixes the amount from the hold's prices
 * (pre-verification; the client never sends one), names it, stores it, and starts the payment workflow, whose first
 * step waits for the PG's result until the hold expires. Creating the order for the same hold again answers the same
 * order, so a double click or a retried request never makes two. The performance's title and the seats' places come
 * through the hold path's catalog cache; the round itself is read uncached (below).
 */
public final class PlacingOrders {

    private final HoldingSeats holding;
    private final Orders orders;
    private final Rounds rounds;
    private final PaymentWorkflows workflows;
    private final PricingOrders pricing;
    private final Clock clock;

    /**
     * {@code holding}'s catalog cache must know the performances (it names them on the order and the tickets);
     * {@code pricing} applies the member discount the fan's token earns and the coupon the fan chooses.
     */
    public PlacingOrders(HoldingSeats holding, Orders orders, Rounds rounds, PaymentWorkflows workflows,
                         PricingOrders pricing, Clock clock) {
        this.holding = holding;
        this.orders = orders;
        this.rounds = rounds;
        this.workflows = workflows;
        this.pricing = pricing;
        this.clock = clock;
    }

    /**
     * For wirings that sell without coupons or member discounts (the payment steps' tests, the cost benchmark): an
     * order that would need them fails with an IllegalStateException.
     */
    public PlacingOrders(HoldingSeats holding, Orders orders, Rounds rounds, PaymentWorkflows workflows, Clock clock) {
        this(holding, orders, rounds, workflows, null, clock);
    }

    /**
     * {@code identityVerified} comes from the caller's signed token; paying needs a verified identity as holding does.
     * A virtual account needs {@code refundAccount}: a deposit that must go back (the order closed, the seats were
     * lost) can only be refunded to an account the customer named. {@code couponId} is a coupon of the fan's wallet
     * to apply, or null.
     */
    public record PlaceOrder(String userId, boolean identityVerified, String holdId, PaymentMethod method,
                             RefundAccount refundAccount, String couponId, Set<String> memberships) {

        /** {@code memberships}: what the caller's signed token names (a round's member discount reads nothing). */
        public PlaceOrder {
            memberships = memberships == null ? Set.of() : Set.copyOf(memberships);
        }

        public PlaceOrder(String userId, boolean identityVerified, String holdId, PaymentMethod method,
                          RefundAccount refundAccount) {
            this(userId, identityVerified, holdId, method, refundAccount, null, Set.of());
        }

        public PlaceOrder(String userId, boolean identityVerified, String holdId, PaymentMethod method) {
            this(userId, identityVerified, holdId, method, null, null, Set.of());
        }
    }

    public Order place(PlaceOrder request) {
        Payers.check(request.identityVerified(), request.method(), request.refundAccount(), "booking");

        // The fan's ledger (read anyway, to find the hold) says whether an order can exist: only for a hold an order
        // has taken, or one gone from the ledger (its order closed). Only then is the order looked up.
        Optional<HoldLedgers.Recorded> recorded = holding.recorded(request.userId(), request.holdId());
        if (recorded.isEmpty() || recorded.get().ordered()) {
            Optional<Order> existing = orders.byId(request.holdId());
            if (existing.isPresent()) {
                return again(existing.get(), request.userId());
            }
        }
        if (recorded.isEmpty()) {
            throw DomainException.notFound("hold", request.holdId()); // not this fan's hold
        }
        // from here the hold is the order's: the fan's release is refused, only cancelling the order frees it
        SeatHold hold = holding.reserveForOrder(recorded.get().hold());
        Instant now = clock.instant();
        Round round = rounds.find(hold.roundId()).orElseThrow(() -> DomainException.notFound("round", hold.roundId()));
        if (round.cancelled()) {
            // read uncached: a hold taken in the seconds the catalog cache still showed the round on sale ends here
            // (its seats are of no use any more; the hold simply expires)
            throw DomainException.ruleViolated("round-cancelled", "this round was cancelled by the organiser",
                    java.util.List.of());
        }
        String title = holding.catalog().performance(round.performanceId()).map(Performance::title).orElse(null);
        PriceBreakdown price = price(request, hold, round, now);
        Order order = new Order(hold.holdId(), request.userId(), hold.roundId(), hold.seats(), price.total(),
                orderName(title == null ? "공연" : title, hold.seats()), request.method(),
                OrderStatus.AWAITING_PAYMENT, now, hold.expiresAt(), null, null,
                request.method() == PaymentMethod.VIRTUAL_ACCOUNT ? request.refundAccount() : null, null,
                price.discounts());
        if (!orders.create(order)) { // with a coupon, the same write marks it used (409 coupon-used if it is not free)
            return again(orders.byId(request.holdId()).orElseThrow(), request.userId()); // a racing twin made it
        }
        workflows.start(order.id(), paymentWaitSeconds(order, now), booking(order, round, title));
        return order;
    }

    /**
     * The seats' prices as held, less the member discount the round gives the fan's memberships and the fan's coupon;
     * the order's amount is this total and nothing else.
     */
    private PriceBreakdown price(PlaceOrder request, SeatHold hold, Round round, Instant now) {
        PricingOrders.MemberDiscount member = memberDiscount(round.memberSale(), request.memberships());
        if (request.couponId() == null && member == null) {
            return PriceBreakdown.of(hold.seats());
        }
        if (pricing == null) {
            throw new IllegalStateException("this wiring sells without coupons or member discounts");
        }
        return pricing.price(request.userId(), hold.holdId(), round.performanceId(), hold.seats(), request.couponId(),
                member, now);
    }

    /** The round's member discount if the fan holds one of its memberships (the first, by id, names the line). */
    private static PricingOrders.MemberDiscount memberDiscount(MemberSale sale, Set<String> memberships) {
        if (sale == null || sale.discountPercent() == 0 || !sale.admits(memberships)) {
            return null;
        }
        String membershipId = memberships.stream().filter(sale.membershipIds()::contains).sorted().findFirst()
                .orElseThrow();
        return new PricingOrders.MemberDiscount(membershipId, sale.discountPercent());
    }

    /** What the tickets will say, from what this request read already: the workflow carries it to Issue Tickets. */
    private PaymentWorkflows.Booking booking(Order order, Round round, String title) {
        SeatLayout layout = holding.catalog().layout(round);
        List<Long> paid = order.paidPrices(); // a discounted order's tickets carry their share of what was paid
        List<PaymentWorkflows.BookedSeat> seats = new java.util.ArrayList<>();
        for (int i = 0; i < order.seats().size(); i++) {
            HeldSeat held = order.seats().get(i);
            seats.add(new PaymentWorkflows.BookedSeat(layout.seat(held.seatId()).orElseThrow(), held.grade(),
                    paid.get(i)));
        }
        return new PaymentWorkflows.Booking(order.userId(), round.id(), round.performanceId(), title,
                round.startsAt(), seats);
    }

    /**
     * The order exists: it is answered again (and its workflow started, in case the first attempt stopped short;
     * without the booking, which that rare start's steps read for themselves).
     */
    private Order again(Order order, String userId) {
        if (!order.userId().equals(userId)) {
            throw DomainException.notFound("hold", order.holdId());
        }
        if (order.status() == OrderStatus.AWAITING_PAYMENT) {
            workflows.start(order.id(), paymentWaitSeconds(order, clock.instant()));
        }
        return order;
    }

    private static long paymentWaitSeconds(Order order, Instant now) {
        return Math.max(1, Duration.between(now, order.payBy()).toSeconds());
    }

    /** "레미제라블 VIP석 2매": what the PG shows the fan in its window and on the receipt. */
    static String orderName(String title, List<HeldSeat> seats) {
        String grade = seats.get(0).grade();
        boolean oneGrade = seats.stream().allMatch(s -> s.grade().equals(grade));
        String name = title + " " + (oneGrade ? grade + "석 " : "") + seats.size() + "매";
        return name.length() <= 100 ? name : name.substring(0, 100); // Toss allows 100 characters
    }
}
