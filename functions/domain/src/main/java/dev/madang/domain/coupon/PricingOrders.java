package dev.madang.domain.coupon;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.common.DomainException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The price of an order being created, from the held seats' prices (fixed when they were held; a time sale's price if
 * one ran then), the member discount the fan's token earns on the round, and the coupon the fan chose, if any: the
 * breakdown whose total the PG must be asked for. Reads the fan's coupon and its batch; writes
 * nothing (the order's store marks the coupon used in the same write that creates the order).
 */
public final class PricingOrders {

    private final CouponWallets wallets;
    private final CouponBatches batches;

    public PricingOrders(CouponWallets wallets, CouponBatches batches) {
        this.wallets = wallets;
        this.batches = batches;
    }

    /** A member discount the order gets: the membership that earns it and its percent (the round's member sale). */
    public record MemberDiscount(String membershipId, int percent) {
    }

    /**
     * The seats' total, less the member discount (each seat's price less its percent, rounded down to the won), less
     * the coupon computed on what the member discount left (its minimum order checked against the seats' total).
     *
     * @param member null when the fan gets none
     * @throws DomainException 404 {@code couponId} not in the fan's wallet; 409 {@code coupon-used} by another order;
     *                         422 {@code coupon-not-applicable} (validity, performance, minimum order, grades)
     */
    public PriceBreakdown price(String userId, String orderId, String performanceId, List<HeldSeat> seats,
                                String couponId, MemberDiscount member, Instant at) {
        PriceBreakdown breakdown = PriceBreakdown.of(seats);
        List<HeldSeat> left = seats;
        if (member != null && member.percent() > 0) {
            left = new ArrayList<>();
            long off = 0;
            for (HeldSeat seat : seats) {
                long cut = seat.price() * member.percent() / 100;
                off += cut;
                left.add(new HeldSeat(seat.seatId(), seat.sectionId(), seat.grade(), seat.price() - cut));
            }
            breakdown = breakdown.with(new PriceBreakdown.Discount(PriceBreakdown.MEMBER, member.membershipId(), off));
        }
        if (couponId == null) {
            return breakdown;
        }
        WalletCoupon coupon = wallets.find(userId, couponId)
                .orElseThrow(() -> DomainException.notFound("coupon", couponId));
        if (coupon.status() == WalletCoupon.Status.USED && !orderId.equals(coupon.orderId())) {
            throw DomainException.conflict("coupon-used", "coupon " + couponId + " is used by another order");
        }
        CouponBatch batch = batches.find(coupon.batchId())
                .orElseThrow(() -> new IllegalStateException("coupon " + couponId + " of a batch that is gone"));
        long off = Discounts.couponDiscount(batch, performanceId, left, breakdown.seatsTotal(), at);
        return breakdown.with(new PriceBreakdown.Discount(PriceBreakdown.COUPON, couponId, off));
    }
}
