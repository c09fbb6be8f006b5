package dev.madang.domain.coupon;

import dev.madang.domain.common.Violations;

import java.time.Instant;
import java.util.Set;

/**
 * A batch of coupons an admin issues: what each coupon takes off, on which orders, when, and how many there are.
 * Not yet on a route (issue 18's claims and checkout come next); the rules are here so they are fixed and tested
 * first.
 *
 * @param kind          {@link Kind#FIXED}: {@code value} won off; {@link Kind#PERCENT}: {@code value}% off, at most
 *                      {@code maxDiscount} won (0: no cap)
 * @param minimumOrder  the order's seat total (before any discount) must be at least this
 * @param grades        the seat grades it applies to (empty: all); the discount is on those seats' prices only
 * @param performanceIds the performances it applies to (empty: all)
 * @param perPerson     how many of the batch one fan may claim
 * @param total         how many the batch has (its quota, {@code COUPONBATCH#id})
 */
public record CouponBatch(String id, String name, Kind kind, long value, long maxDiscount, long minimumOrder,
                          Set<String> grades, Set<String> performanceIds, Instant validFrom, Instant validUntil,
                          int perPerson, int total) {

    public enum Kind { FIXED, PERCENT }

    public CouponBatch {
        grades = Set.copyOf(grades);
        performanceIds = Set.copyOf(performanceIds);
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

    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && at.isBefore(validUntil);
    }

    /** The quota its claims are taken from. */
    public String quotaName() {
        return "COUPONBATCH#" + id;
    }
}
