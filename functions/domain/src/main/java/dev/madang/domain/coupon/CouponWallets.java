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
     * claims of one fan) and its total (the batch's quota, held under a rush of many). A coupon of this id in the
     * fan's wallet already is answered again, so a repeated claim (the same Idempotency-Key) never takes a second;
     * parallel claims of one id end with one coupon, the others' units given back.
     */
    Claim claim(CouponBatch batch, String userId, String couponId, Instant at);

    /** The fan's own coupons, newest first. */
    List<WalletCoupon> wallet(String userId);

    /** One coupon of the fan's wallet; empty if the fan has none of this id (another fan's coupon is never found). */
    Optional<WalletCoupon> find(String userId, String couponId);
}
