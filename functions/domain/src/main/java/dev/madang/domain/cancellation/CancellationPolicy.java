package dev.madang.domain.cancellation;

import dev.madang.domain.common.Violations;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What cancelling a ticket of one performance costs, and until when it is possible: data an organiser may set, never
 * harsher than {@link #koreanStandard()}. Days are Korea-time calendar days (docs/cancellation.md): "D-n" is a
 * cancellation on the date {@code n} days before the round's date in Asia/Seoul, whatever the hour.
 *
 * <ul>
 *   <li>{@code tiers}: the fee on the days just before the performance, farthest first, contiguous and ending at D-1;
 *   every day farther than the first tier is free. The standard's tiers are D-9..D-7 10%, D-6..D-3 20%, D-2..D-1
 *   30%, so D-10 and earlier is free.</li>
 *   <li>{@code sameDayFeePercent}: the fee for cancelling on the performance day itself, until the round starts;
 *   {@code null} refuses any cancellation on that day and puts the cut-off on an earlier day (the standard).</li>
 *   <li>{@code bookingDayGrace}: a cancellation on the Korea-time date of the booking is free, short of the cut-off
 *   and never on the performance day.</li>
 *   <li>{@code weekdayCutoff}, {@code saturdayCutoff}, {@code sundayAndHolidayCutoff}: the last moment to cancel,
 *   on the cut-off day (the last day before the performance date that has a cut-off time); {@code null} for Sundays
 *   and public holidays means such a day has no cut-off time and the cut-off falls on the day before it (the
 *   standard: a Monday performance's cut-off is Saturday 11:00). A Saturday is a Saturday even when it is a public
 *   holiday. Unused while same-day cancellation is allowed (the cut-off is then the round's start).</li>
 * </ul>
 */
public record CancellationPolicy(List<FeeTier> tiers, Integer sameDayFeePercent, boolean bookingDayGrace,
                                 LocalTime weekdayCutoff, LocalTime saturdayCutoff,
                                 LocalTime sundayAndHolidayCutoff) {

    /** How far ahead a tier may reach; a year is beyond any sale, and the bound keeps every check a short loop. */
    public static final int MAX_DAYS_BEFORE = 365;

    private static final CancellationPolicy KOREAN_STANDARD = new CancellationPolicy(
            List.of(new FeeTier(9, 7, 10), new FeeTier(6, 3, 20), new FeeTier(2, 1, 30)), null, true,
            LocalTime.of(17, 0), LocalTime.of(11, 0), null);

    /** The fee on the days {@code fromDaysBefore} down to {@code toDaysBefore} (both included, from ≥ to ≥ 1). */
    public record FeeTier(int fromDaysBefore, int toDaysBefore, int feePercent) {
    }

    public CancellationPolicy {
        tiers = tiers == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(tiers));
    }

    /**
     * The Korean consumer-dispute standard for performances (소비자분쟁해결기준, as the big Korean ticket sites
     * apply it): free until D-10, 10% from D-9 to D-7, 20% from D-6 to D-3, 30% from D-2 to D-1, nothing on the
     * day; free on the day of booking; cut-off the day before at 17:00 on weekdays and 11:00 on Saturdays, and no
     * cut-off on a Sunday or public holiday (the one before it applies).
     */
    public static CancellationPolicy koreanStandard() {
        return KOREAN_STANDARD;
    }

    /**
     * An organiser's policy as it may be stored, or a refusal: a malformed one (400 {@code invalid-request}, every
     * field named), then one harsher than the standard at some moment (422 {@code cancellation-policy-too-harsh}).
     * Harsher is checked part by part, which is the same as moment by moment because each part alone decides the
     * fee or the cut-off of some moment: a fee above the standard's on any day D-n (n from 1 to beyond both
     * policies' farthest tiers), the booking-day grace switched off, or a weekday, Saturday or Sunday-and-holiday
     * cut-off earlier than the standard's (a Sunday time where the standard has none is later, never earlier: it
     * moves the cut-off to a later day). The cut-off times are checked even when same-day cancellation leaves them
     * unused, so the policy stays valid if the organiser later withdraws same-day cancellation. Any same-day fee is
     * allowed: the standard refunds nothing on the day.
     */
    public CancellationPolicy validated() {
        Violations form = new Violations();
        checkForm(form);
        form.throwIfInvalid("the cancellation policy is not valid");
        Violations rules = new Violations();
        checkAtLeastAsGenerousAs(koreanStandard(), rules);
        rules.throwIfRuleViolated("cancellation-policy-too-harsh",
                "an organiser's cancellation policy may not charge more or close earlier than the Korean standard");
        return this;
    }

    /** The fee in percent for a cancellation {@code daysBefore} (≥ 1) calendar days before the performance date. */
    public int feePercent(int daysBefore) {
        FeeTier tier = tierFor(daysBefore);
        return tier == null ? 0 : tier.feePercent();
    }

    /** The rule that sets the fee of D-{@code daysBefore}: {@code FREE_UNTIL_D10} or {@code D9_TO_D7_10PCT}. */
    public CancellationQuote.Rule ruleFor(int daysBefore) {
        FeeTier tier = tierFor(daysBefore);
        if (tier == null) {
            return new CancellationQuote.Rule(CancellationQuote.RuleKind.FREE_PERIOD,
                    "FREE_UNTIL_D" + (farthestDay() + 1), 0);
        }
        return new CancellationQuote.Rule(CancellationQuote.RuleKind.FEE_TIER, "D" + tier.fromDaysBefore() + "_TO_D"
                + tier.toDaysBefore() + "_" + tier.feePercent() + "PCT", tier.feePercent());
    }

    public boolean allowsSameDay() {
        return sameDayFeePercent != null;
    }

    /** The farthest day that has a tier; 0 when every day is free. */
    int farthestDay() {
        return tiers.isEmpty() ? 0 : tiers.get(0).fromDaysBefore();
    }

    private FeeTier tierFor(int daysBefore) {
        if (daysBefore < 1) {
            throw new IllegalArgumentException("tiers cover the days before the performance, not D" + daysBefore);
        }
        for (FeeTier tier : tiers) {
            if (daysBefore <= tier.fromDaysBefore() && daysBefore >= tier.toDaysBefore()) {
                return tier;
            }
        }
        return null;
    }

    /** Whether the data describes a policy at all: quoting refuses to guess what a malformed one means. */
    void checkForm(Violations v) {
        v.check(weekdayCutoff != null, "weekdayCutoff", "a cut-off time for weekdays");
        v.check(saturdayCutoff != null, "saturdayCutoff", "a cut-off time for Saturdays");
        v.check(sameDayFeePercent == null || (sameDayFeePercent >= 0 && sameDayFeePercent <= 100),
                "sameDayFeePercent", "a fee of 0-100 percent, or none to refuse cancelling on the day");
        if (tiers == null) {
            v.add("tiers", "a list of fee tiers (empty: free until the cut-off)");
            return;
        }
        int expectedFrom = -1;
        for (int i = 0; i < tiers.size(); i++) {
            FeeTier t = tiers.get(i);
            String field = "tiers[" + i + "]";
            if (t == null) {
                v.add(field, "a fee tier");
                expectedFrom = -1;
                continue;
            }
            v.check(t.toDaysBefore() >= 1 && t.toDaysBefore() <= t.fromDaysBefore()
                            && t.fromDaysBefore() <= MAX_DAYS_BEFORE, field,
                    "from " + MAX_DAYS_BEFORE + " days before at most down to 1 day before at least, from ≥ to");
            v.check(t.feePercent() >= 0 && t.feePercent() <= 100, field + ".feePercent", "a fee of 0-100 percent");
            v.check(expectedFrom == -1 || t.fromDaysBefore() == expectedFrom, field + ".fromDaysBefore",
                    "tiers run farthest first without gaps or overlaps: this one starts at D-" + expectedFrom);
            expectedFrom = t.toDaysBefore() - 1;
        }
        v.check(tiers.isEmpty() || expectedFrom == 0, "tiers", "the last tier ends on D-1");
    }

    /** Adds a violation for every part in which this policy is harsher than {@code floor}; both must be well formed. */
    void checkAtLeastAsGenerousAs(CancellationPolicy floor, Violations v) {
        // farthest first, the order tiers are written in
        for (int day = Math.max(farthestDay(), floor.farthestDay()) + 1; day >= 1; day--) {
            if (feePercent(day) > floor.feePercent(day)) {
                v.add("tiers", "D-" + day + " costs " + feePercent(day) + "%, more than the standard's "
                        + floor.feePercent(day) + "%");
            }
        }
        v.check(bookingDayGrace || !floor.bookingDayGrace, "bookingDayGrace",
                "cancelling on the day of booking stays free");
        v.check(!weekdayCutoff.isBefore(floor.weekdayCutoff), "weekdayCutoff",
                "no earlier than " + floor.weekdayCutoff);
        v.check(!saturdayCutoff.isBefore(floor.saturdayCutoff), "saturdayCutoff",
                "no earlier than " + floor.saturdayCutoff);
        v.check(floor.sundayAndHolidayCutoff == null || (sundayAndHolidayCutoff != null
                        && !sundayAndHolidayCutoff.isBefore(floor.sundayAndHolidayCutoff)), "sundayAndHolidayCutoff",
                "no earlier than " + floor.sundayAndHolidayCutoff);
        if (floor.allowsSameDay()) {
            v.check(allowsSameDay() && sameDayFeePercent <= floor.sameDayFeePercent, "sameDayFeePercent",
                    "at most " + floor.sameDayFeePercent + "% on the day");
        }
    }
}
