package dev.madang.domain.coupon;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import dev.madang.domain.quota.QuotaCount;
import dev.madang.domain.quota.Quotas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coupons from issue to wallet: an admin issues a batch (its total opened as a sharded quota), fans claim coupons of it
 * by code or by download, and see their wallet. Checkout ({@link PricingOrders}) spends them.
 */
public final class IssuingCoupons {

    /**
     * A batch's quota is spread over this many shards (fewer for a smaller batch), so that a claim rush of 5,000 a
     * second writes no shard more than 500 times a second, the per-key target the seat holds keep. Not 10, which the
     * average suggests: bursts and the second write of a claim refused by a full shard put the busiest of 10 at 675 a
     * second in CouponRushBenchmark's model, of 20 at 366 (docs/commerce.md).
     */
    public static final int SHARDS = 20;

    /** Fans see at most this many open batches to download. */
    static final int DOWNLOADABLE = 50;

    private final CouponBatches batches;
    private final CouponWallets wallets;
    private final Quotas quotas;
    private final Ids ids;
    private final Clock clock;

    public IssuingCoupons(CouponBatches batches, CouponWallets wallets, Quotas quotas, Clock clock) {
        this.batches = batches;
        this.wallets = wallets;
        this.quotas = quotas;
        this.ids = new Ids(clock);
        this.clock = clock;
    }

    /** A batch and how many of it fans have claimed. */
    public record Issued(CouponBatch batch, long claimed) {
    }

    /** A coupon of a fan's wallet with its batch's rules (what it takes off, where, until when). */
    public record Owned(WalletCoupon coupon, CouponBatch batch) {
    }

    /**
     * Issues a batch: {@code draft}'s id is replaced by a new one. The quota is opened first, so a batch fans can see
     * always has its coupons to claim.
     *
     * @throws DomainException 409 {@code coupon-code-taken} when another batch has the code
     */
    public CouponBatch issue(CouponBatch draft) {
        CouponBatch batch = new CouponBatch(ids.next(), draft.name(), draft.kind(), draft.value(), draft.maxDiscount(),
                draft.minimumOrder(), draft.grades(), draft.performanceIds(), draft.validFrom(), draft.validUntil(),
                draft.perPerson(), draft.total(), draft.code(), draft.downloadable(), draft.returnOnCancel());
        quotas.open(batch.quotaName(), batch.total(), Math.min(SHARDS, batch.total()));
        if (!batches.create(batch)) {
            throw DomainException.conflict("coupon-code-taken", "another coupon batch has the code " + batch.code());
        }
        return batch;
    }

    public Issued batch(String batchId) {
        CouponBatch batch = batches.find(batchId).orElseThrow(() -> DomainException.notFound("coupon batch", batchId));
        long claimed = quotas.count(batch.quotaName()).map(QuotaCount::taken).orElse(0L);
        return new Issued(batch, claimed);
    }

    /** The batches a fan can download now (valid now or later), newest first. */
    public List<CouponBatch> downloadable() {
        Instant now = clock.instant();
        return batches.downloadable(DOWNLOADABLE).stream().filter(b -> now.isBefore(b.validUntil())).toList();
    }

    /**
     * Claims one coupon into the fan's wallet, by the typed {@code code} or by downloading {@code batchId} (exactly
     * one of them). {@code idempotencyKey} (the client's, or null) names the claim: the same key again answers the
     * same coupon and takes nothing more.
     *
     * @throws DomainException 400 neither or both; 404 no batch of that code, or no downloadable batch of that id;
     *                         422 {@code coupon-not-valid-now} outside its validity; 409 {@code coupon-limit-reached}
     *                         (the fan has the batch's per-person limit), {@code coupons-sold-out}
     */
    public Owned claim(String userId, String code, String batchId, String idempotencyKey) {
        if ((code == null) == (batchId == null)) {
            throw DomainException.invalid("claim by a code or by a batch id, one of them", List.of(
                    new FieldError(code == null ? "code" : "batchId", "give either code or batchId")));
        }
        CouponBatch batch = code != null
                ? batches.byCode(CouponBatch.normalCode(code)).orElseThrow(() -> DomainException.notFound("coupon code", code))
                : batches.find(batchId).filter(CouponBatch::downloadable)
                        .orElseThrow(() -> DomainException.notFound("coupon batch", batchId));
        String couponId = couponId(userId, idempotencyKey);
        // only a key can name a coupon claimed before; without one the id is new, and a rush's claims read nothing more
        Optional<WalletCoupon> earlier = idempotencyKey == null ? Optional.empty() : wallets.find(userId, couponId);
        if (earlier.isPresent()) {
            return new Owned(earlier.get(), batch);
        }
        Instant now = clock.instant();
        if (!now.isBefore(batch.validUntil())) {
            throw DomainException.ruleViolated("coupon-not-valid-now", "the coupon batch ended at " + batch.validUntil(),
                    List.of(new FieldError(code != null ? "code" : "batchId", "expired")));
        }
        CouponWallets.Claim claim = wallets.claim(batch, userId, couponId, now);
        return claim.coupon().map(c -> new Owned(c, batch)).orElseThrow(() -> switch (claim.refusal().orElseThrow()) {
            case PER_PERSON_LIMIT -> DomainException.conflict("coupon-limit-reached",
                    "you have claimed this batch's limit of " + batch.perPerson());
            case SOLD_OUT -> DomainException.conflict("coupons-sold-out", "every coupon of this batch is claimed");
        });
    }

    /** The fan's wallet, newest first, each coupon with its batch. */
    public List<Owned> wallet(String userId) {
        Map<String, Optional<CouponBatch>> byId = new HashMap<>(); // a fan holds a few batches' coupons: one read each
        List<Owned> owned = new ArrayList<>();
        for (WalletCoupon coupon : wallets.wallet(userId)) {
            byId.computeIfAbsent(coupon.batchId(), batches::find).ifPresent(batch -> owned.add(new Owned(coupon, batch)));
        }
        owned.sort(Comparator.comparing((Owned o) -> o.coupon().claimedAt()).reversed());
        return owned;
    }

    /** True for an id {@link #couponId} makes: lets routes answer 400 for a malformed one instead of looking it up. */
    public static boolean isCouponId(String id) {
        return id != null && id.matches("K[0-9A-Z]{24,26}");
    }

    /**
     * A claim's coupon id: derived from the fan and the client's key (so the same key finds the same coupon, and two
     * fans' keys never collide), or new when no key is given. Ids sort by nothing: the wallet sorts by claim time.
     */
    private String couponId(String userId, String idempotencyKey) {
        if (idempotencyKey == null) {
            return "K" + ids.next();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((userId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return "K" + HexFormat.of().formatHex(digest, 0, 12).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
