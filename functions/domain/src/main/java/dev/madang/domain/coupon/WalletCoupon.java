package dev.madang.domain.coupon;

import java.time.Instant;

/** A coupon in a fan's wallet: one claim of a batch, with the quota units it took (to give back if it is withdrawn). */
public record WalletCoupon(String couponId, String userId, String batchId, Status status, Instant claimedAt, String quotaTake) {

    public enum Status { AVAILABLE, USED }
}
