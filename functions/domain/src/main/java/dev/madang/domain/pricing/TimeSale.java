package dev.madang.domain.pricing;

import dev.madang.domain.common.Violations;

import java.time.Duration;
import java.time.Instant;

/**
 * A time sale (타임 세일) an organiser sets on one grade of a round: "when less than {@code soldBelowPercent}% of the
 * grade is sold {@code startDaysBefore} days before the show, sell it {@code discountPercent}% off until
 * {@code endDaysBefore} days before". The time-sale job ({@link RunningTimeSales}) decides once, at the start, whether
 * it applies, and changes the grade's price then (the price at that moment less the discount) and back at the end;
 * the round's price history ({@link PriceChange}) records both.
 */
public record TimeSale(String id, String roundId, String grade, int soldBelowPercent, int startDaysBefore,
                       int discountPercent, int endDaysBefore, Status status, Instant createdAt) {

    /** SCHEDULED → ACTIVE (started) → ENDED, or SCHEDULED → SKIPPED (sold well enough, or its window passed). */
    public enum Status { SCHEDULED, ACTIVE, ENDED, SKIPPED }

    public TimeSale {
        new Violations()
                .check(soldBelowPercent >= 1 && soldBelowPercent <= 100, "soldBelowPercent", "1-100")
                .check(startDaysBefore >= 1 && startDaysBefore <= 90, "startDaysBefore", "1-90")
                .check(discountPercent >= 1 && discountPercent <= 90, "discountPercent", "1-90")
                .check(endDaysBefore >= 0 && endDaysBefore < startDaysBefore, "endDaysBefore",
                        "0 or more, and fewer than startDaysBefore")
                .throwIfInvalid("the time sale breaks a rule");
    }

    /** The price while the sale runs: the discount off the original, rounded down to a 100 won. */
    public static long salePrice(long originalPrice, int discountPercent) {
        return originalPrice * (100 - discountPercent) / 100 / 100 * 100;
    }

    public Instant startsAt(Instant showStartsAt) {
        return showStartsAt.minus(Duration.ofDays(startDaysBefore));
    }

    public Instant endsAt(Instant showStartsAt) {
        return showStartsAt.minus(Duration.ofDays(endDaysBefore));
    }

    public TimeSale in(Status next) {
        return new TimeSale(id, roundId, grade, soldBelowPercent, startDaysBefore, discountPercent, endDaysBefore,
                next, createdAt);
    }
}
