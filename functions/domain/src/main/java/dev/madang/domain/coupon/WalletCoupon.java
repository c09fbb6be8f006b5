package dev.madang.domain.coupon;

import java.time.Instant;

/**
 * A coupon in a fan's wallet: one claim of a batch, with the quota units it took. {@code orderId} names the order that
 * uses it while it is {@link Status#USED} (an order applies at most one coupon, and a coupon serves one order).
 */
public record WalletCoupon(String couponId, String userId, String batchId, Status status, Instant claimedAt,
                           String quotaTake, String orderId) {

    public enum Status { AVAILABLE, USED }

    /** A coupon just claimed, unused. */
    public WalletCoupon(String couponId, String userId, String batchId, Status status, Instant claimedAt,
                        String quotaTake) {
        this(couponId, userId, batchId, status, claimedAt, quotaTake, null);
    }
}
