package dev.madang.domain.coupon;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.common.DomainException;

import java.time.Instant;
import java.util.List;

/**
 * The price of an order being created, from the held seats' prices (fixed when they were held) and the coupon the fan
 * chose, if any: the breakdown whose total the PG must be asked for. Reads the fan's coupon and its batch; writes
 * nothing (the order's store marks the coupon used in the same write that creates the order).
 */
public final class PricingOrders {

    private final CouponWallets wallets;
    private final CouponBatches batches;

    public PricingOrders(CouponWallets wallets, CouponBatches batches) {
        this.wallets = wallets;
        this.batches = batches;
    }

    /**
     * @throws DomainException 404 {@code couponId} not in the fan's wallet; 409 {@code coupon-used} by another order;
     *                         422 {@code coupon-not-applicable} (validity, performance, minimum order, grades)
     */
    public PriceBreakdown price(String userId, String orderId, String performanceId, List<HeldSeat> seats,
                                String couponId, Instant at) {
        PriceBreakdown seatsOnly = PriceBreakdown.of(seats);
        if (couponId == null) {
            return seatsOnly;
        }
        WalletCoupon coupon = wallets.find(userId, couponId)
                .orElseThrow(() -> DomainException.notFound("coupon", couponId));
        if (coupon.status() == WalletCoupon.Status.USED && !orderId.equals(coupon.orderId())) {
            throw DomainException.conflict("coupon-used", "coupon " + couponId + " is used by another order");
        }
        CouponBatch batch = batches.find(coupon.batchId())
                .orElseThrow(() -> new IllegalStateException("coupon " + couponId + " of a batch that is gone"));
        long off = Discounts.couponDiscount(batch, performanceId, seats, at);
        return seatsOnly.with(new PriceBreakdown.Discount(PriceBreakdown.COUPON, couponId, off));
    }
}
