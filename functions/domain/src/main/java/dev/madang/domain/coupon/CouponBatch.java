package dev.madang.domain.coupon;

import dev.madang.domain.common.Violations;

import java.time.Instant;
import java.util.Set;

/**
 * A batch of coupons an admin issues: what each coupon takes off, on which orders, when, how many there are, and how
 * fans get one (by typing its code, or by downloading it from the list of open batches).
 *
 * @param kind          {@link Kind#FIXED}: {@code value} won off; {@link Kind#PERCENT}: {@code value}% off, at most
 *                      {@code maxDiscount} won (0: no cap)
 * @param minimumOrder  the order's seat total (before any discount) must be at least this
 * @param grades        the seat grades it applies to (empty: all); the discount is on those seats' prices only
 * @param performanceIds the performances it applies to (empty: all)
 * @param perPerson     how many of the batch one fan may claim
 * @param total         how many the batch has (its quota, {@code COUPONBATCH#id})
 * @param code          what a fan types to claim one ({@code WINTER-2026}: 4-20 capitals, digits and hyphens; unique
 *                      among batches), or null for a batch claimed by download only
 * @param downloadable  listed for fans to download (a batch with a code may be both)
 * @param returnOnCancel whether cancelling every ticket of a paid order puts the coupon back in the wallet (an order
 *                      closed unpaid always gives it back: it never used it)
 */
public record CouponBatch(String id, String name, Kind kind, long value, long maxDiscount, long minimumOrder,
                          Set<String> grades, Set<String> performanceIds, Instant validFrom, Instant validUntil,
                          int perPerson, int total, String code, boolean downloadable, boolean returnOnCancel) {

    public enum Kind { FIXED, PERCENT }

    /** At most this many coupons in one batch (its quota's shards are sized for a rush of claims, not for more). */
    public static final int MAX_TOTAL = 1_000_000;

    /** A downloadable batch without a code that is not given back on cancellation. */
    public CouponBatch(String id, String name, Kind kind, long value, long maxDiscount, long minimumOrder,
                       Set<String> grades, Set<String> performanceIds, Instant validFrom, Instant validUntil,
                       int perPerson, int total) {
        this(id, name, kind, value, maxDiscount, minimumOrder, grades, performanceIds, validFrom, validUntil,
                perPerson, total, null, true, false);
    }

    public CouponBatch {
        grades = Set.copyOf(grades);
        performanceIds = Set.copyOf(performanceIds);
        new Violations()
                .check(name != null && !name.isBlank() && name.length() <= 60, "name", "1-60 characters")
                .check(kind != null, "kind", "FIXED or PERCENT")
                .check(code == null || code.matches("[A-Z0-9-]{4,20}"), "code",
                        "4-20 capital letters, digits and hyphens")
                .check(code != null || downloadable, "downloadable", "a batch without a code must be downloadable")
                .check(total <= MAX_TOTAL, "total", "at most " + MAX_TOTAL)
                .check(validFrom != null && validUntil != null, "validUntil", "validFrom and validUntil are required")
                .throwIfInvalid("the coupon batch breaks a rule");
        new Violations()
                .check(kind != Kind.PERCENT || value >= 1 && value <= 100, "value", "a percent discount is between 1 and 100")
                .check(kind != Kind.FIXED || value >= 1, "value", "a fixed discount is at least 1 won")
                .check(maxDiscount >= 0, "maxDiscount", "must not be negative")
                .check(minimumOrder >= 0, "minimumOrder", "must not be negative")
                .check(validUntil.isAfter(validFrom), "validUntil", "must be after validFrom")
                .check(perPerson >= 1, "perPerson", "must be at least 1")
                .check(total >= 1, "total", "must be at least 1")
                .throwIfInvalid("the coupon batch breaks a rule");
    }

    /** Codes are typed by hand: compared in capitals, without surrounding blanks. */
    public static String normalCode(String typed) {
        return typed == null ? null : typed.strip().toUpperCase(java.util.Locale.ROOT);
    }

    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && at.isBefore(validUntil);
    }

    /** The quota its claims are taken from. */
    public String quotaName() {
        return "COUPONBATCH#" + id;
    }
}
