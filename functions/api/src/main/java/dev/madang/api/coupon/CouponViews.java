package dev.madang.api.coupon;

import dev.madang.api.support.Times;
import dev.madang.domain.coupon.CouponBatch;
import dev.madang.domain.coupon.IssuingCoupons;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** The JSON of coupon batches and wallets. */
final class CouponViews {

    private CouponViews() {
    }

    /** What a coupon takes off and where: the fan's view of a batch (no totals, no code). */
    public record TermsView(
            @Schema(required = true) String batchId,
            @Schema(required = true) String name,
            @Schema(required = true, enumeration = {"FIXED", "PERCENT"}) String kind,
            @Schema(required = true, description = "Won off (FIXED) or percent off (PERCENT)") long value,
            @Schema(required = true, description = "The most a PERCENT coupon takes off, in won; 0: no cap") long maxDiscount,
            @Schema(required = true, description = "The seats' total must be at least this") long minimumOrder,
            @Schema(required = true, description = "Seat grades it applies to; empty: all") List<String> grades,
            @Schema(required = true, description = "Performances it applies to; empty: all") List<String> performanceIds,
            @Schema(required = true) OffsetDateTime validFrom,
            @Schema(required = true) OffsetDateTime validUntil,
            @Schema(required = true) boolean returnOnCancel) {

        static TermsView of(CouponBatch b) {
            return new TermsView(b.id(), b.name(), b.kind().name(), b.value(), b.maxDiscount(), b.minimumOrder(),
                    b.grades().stream().sorted().toList(), b.performanceIds().stream().sorted().toList(),
                    Times.seoul(b.validFrom()), Times.seoul(b.validUntil()), b.returnOnCancel());
        }
    }

    /** A batch as admins see it, with its code, totals and claims. */
    public record BatchView(
            @Schema(required = true) TermsView terms,
            @Schema(nullable = true) String code,
            @Schema(required = true) boolean downloadable,
            @Schema(required = true) int perPerson,
            @Schema(required = true) int total,
            @Schema(required = true) long claimed) {

        static BatchView of(CouponBatch b, long claimed) {
            return new BatchView(TermsView.of(b), b.code(), b.downloadable(), b.perPerson(), b.total(), claimed);
        }
    }

    public record BatchList(@Schema(required = true) List<TermsView> items) {
    }

    /** A coupon of my wallet. */
    public record CouponView(
            @Schema(required = true) String couponId,
            @Schema(required = true, enumeration = {"AVAILABLE", "USED"}) String status,
            @Schema(nullable = true, description = "The order that uses it") String orderId,
            @Schema(required = true) OffsetDateTime claimedAt,
            @Schema(required = true) TermsView terms) {

        static CouponView of(IssuingCoupons.Owned owned) {
            return new CouponView(owned.coupon().couponId(), owned.coupon().status().name(), owned.coupon().orderId(),
                    Times.seoul(owned.coupon().claimedAt()), TermsView.of(owned.batch()));
        }
    }

    public record Wallet(@Schema(required = true) List<CouponView> items) {
    }
}
