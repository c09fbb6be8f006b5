package dev.madang.domain.membership;

import dev.madang.domain.common.Violations;

import java.time.Instant;

/**
 * A paid membership an organiser offers (a fan club, 팬클럽 멤버십): its price for one period, what it gives (the
 * {@code benefits} text fans read; the rules that act on it are a round's {@link MemberSale}), and its refund policy: a
 * purchase may be cancelled for a full refund within {@code refundDays} of it, never after.
 */
public record Membership(String id, String name, long price, int periodDays, String benefits, int refundDays,
                         Instant createdAt) {

    public static final long MAX_PRICE = 10_000_000;

    public Membership {
        new Violations()
                .check(name != null && !name.isBlank() && name.length() <= 60, "name", "1-60 characters")
                .check(price >= 100 && price <= MAX_PRICE, "price", "100 to " + MAX_PRICE + " won")
                .check(periodDays >= 1 && periodDays <= 366, "periodDays", "1-366 days")
                .check(benefits == null || benefits.length() <= 500, "benefits", "at most 500 characters")
                .check(refundDays >= 0 && refundDays <= 30, "refundDays", "0-30 days")
                .throwIfInvalid("the membership breaks a rule");
        benefits = benefits == null ? "" : benefits;
    }
}
