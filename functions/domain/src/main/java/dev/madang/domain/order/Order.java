package dev.madang.domain.order;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.coupon.Discounts;
import dev.madang.domain.coupon.PriceBreakdown;
import dev.madang.domain.payment.RefundAccount;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A fan paying for a hold. The order's id IS the hold's id: one hold is paid for by at most one order, a repeated
 * "create order" finds the first one, and the PG's {@code orderId} names the very seats being paid for. The amount is
 * the sum of the held seats' prices, fixed by the server when the seats were held (pre-verification: the PG confirm
 * must carry exactly this amount). {@code payBy} is when the payment wait ends: the hold's expiry for a card, the
 * deposit deadline once a virtual account is issued. {@code refundAccount} is where a virtual account's money goes
 * back if it must (asked for up front, as Korean PGs refund deposits only to an account the customer names); null
 * for cards. {@code listingId} names the transfer listing an order buys from (its id is then the transfer request's
 * id, and its one seat is another fan's ticket, never on sale: {@link SeatHandovers}); null for an ordinary order.
 * {@code discounts} are what came off the seats' total when the order was created (a coupon): the amount is the seats'
 * total less them, fixed then and never recomputed.
 */
public record Order(String id, String userId, String roundId, List<HeldSeat> seats, long amount, String orderName,
                    PaymentMethod method, OrderStatus status, Instant createdAt, Instant payBy, String paymentKey,
                    CloseReason closeReason, RefundAccount refundAccount, String listingId,
                    List<PriceBreakdown.Discount> discounts, String membershipId) {

    /** What a membership order's {@code roundId} says: it is for no round. */
    public static final String NO_ROUND = "MEMBERSHIP";

    /** An order of seats (or a transfer), with its discounts. */
    public Order(String id, String userId, String roundId, List<HeldSeat> seats, long amount, String orderName,
                 PaymentMethod method, OrderStatus status, Instant createdAt, Instant payBy, String paymentKey,
                 CloseReason closeReason, RefundAccount refundAccount, String listingId,
                 List<PriceBreakdown.Discount> discounts) {
        this(id, userId, roundId, seats, amount, orderName, method, status, createdAt, payBy, paymentKey, closeReason,
                refundAccount, listingId, discounts, null);
    }

    /** A fan buying (or renewing) a membership: no round, no seats, no tickets; paying grants the membership. */
    public static Order forMembership(String id, String userId, String membershipId, long amount, String orderName,
                                      PaymentMethod method, Instant createdAt, Instant payBy,
                                      RefundAccount refundAccount) {
        return new Order(id, userId, NO_ROUND, List.of(), amount, orderName, method, OrderStatus.AWAITING_PAYMENT,
                createdAt, payBy, null, null, refundAccount, null, List.of(), membershipId);
    }

    /** Whether the order buys a membership rather than seats. */
    public boolean isMembership() {
        return membershipId != null;
    }

    /** An order without discounts. */
    public Order(String id, String userId, String roundId, List<HeldSeat> seats, long amount, String orderName,
                 PaymentMethod method, OrderStatus status, Instant createdAt, Instant payBy, String paymentKey,
                 CloseReason closeReason, RefundAccount refundAccount, String listingId) {
        this(id, userId, roundId, seats, amount, orderName, method, status, createdAt, payBy, paymentKey, closeReason,
                refundAccount, listingId, List.of(), null);
    }

    /** An ordinary order, paying for a hold. */
    public Order(String id, String userId, String roundId, List<HeldSeat> seats, long amount, String orderName,
                 PaymentMethod method, OrderStatus status, Instant createdAt, Instant payBy, String paymentKey,
                 CloseReason closeReason, RefundAccount refundAccount) {
        this(id, userId, roundId, seats, amount, orderName, method, status, createdAt, payBy, paymentKey, closeReason,
                refundAccount, null);
    }

    /** Whether the order buys a ticket handed on by another fan. */
    public boolean isTransfer() {
        return listingId != null;
    }

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        seats = List.copyOf(seats);
        discounts = discounts == null ? List.of() : List.copyOf(discounts);
    }

    /** The coupon the order spends, if any. */
    public java.util.Optional<String> couponId() {
        return discounts.stream().filter(d -> PriceBreakdown.COUPON.equals(d.source())).map(PriceBreakdown.Discount::id)
                .findFirst();
    }

    /**
     * What each seat was paid, in the seats' order: its price, or for a discounted order its share of the amount
     * ({@link Discounts#paidPerSeat}). Tickets carry these, so a partial cancellation refunds what was paid.
     */
    public List<Long> paidPrices() {
        return Discounts.paidPerSeat(seats, amount);
    }

    public String holdId() {
        return id;
    }
}
