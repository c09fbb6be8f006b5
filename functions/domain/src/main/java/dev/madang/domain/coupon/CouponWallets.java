package dev.madang.domain.coupon;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Fans' coupon wallets (port). */
public interface CouponWallets {

    /** Why a claim got nothing. */
    enum Refusal { PER_PERSON_LIMIT, SOLD_OUT }

    /** The answer of a claim: the coupon, or why not. */
    record Claim(Optional<WalletCoupon> coupon, Optional<Refusal> refusal) {
    }

    /**
     * Claims one coupon of the batch into the fan's wallet, within the batch's per-person limit (held under parallel
     * claims of one fan) and its total (the batch's quota, held under a rush of many).
     */
    Claim claim(CouponBatch batch, String userId, String couponId, Instant at);

    /** The fan's own coupons, newest first. */
    List<WalletCoupon> wallet(String userId);
}
