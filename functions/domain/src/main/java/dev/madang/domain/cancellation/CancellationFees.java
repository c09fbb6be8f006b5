package dev.madang.domain.cancellation;

import dev.madang.domain.cancellation.CancellationQuote.Refusal;
import dev.madang.domain.cancellation.CancellationQuote.Rule;
import dev.madang.domain.cancellation.CancellationQuote.TicketFee;
import dev.madang.domain.common.Violations;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Quotes the fee and refund of cancelling tickets under a {@link CancellationPolicy}, in Korea time whatever the
 * machine's zone: fans, organisers and the consumer-dispute standard all count days on the Seoul calendar.
 * Pure arithmetic on its arguments; the public holidays are the only state, injected because they are decided
 * yearly by the government (and substitute holidays are announced during the year).
 *
 * <p>The order of decisions (docs/cancellation.md): started → performance day → after the cut-off → booking-day
 * grace → the fee of D-n. Fees are rounded down to the won per ticket, so the fan is never charged a fraction of a won
 * too much and a booking cancelled a few tickets at a time is never refunded more than was paid.
 */
public final class CancellationFees {

    public static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

    /** Korea's longest run of days off is Chuseok or Seollal next to a weekend; a month means a broken calendar. */
    private static final int MAX_DAYS_WITHOUT_CUTOFF = 31;

    private final Set<LocalDate> publicHolidays;

    /** No public holidays: the cut-off only skips Sundays. */
    public CancellationFees() {
        this(Set.of());
    }

    /** @param publicHolidays Korean public holidays (Korea-time dates), substitute holidays included */
    public CancellationFees(Set<LocalDate> publicHolidays) {
        this.publicHolidays = Set.copyOf(publicHolidays);
    }

    /**
     * The last moment to cancel a ticket for a round starting at {@code performanceStart}: the start itself when the
     * policy allows same-day cancellation; otherwise the cut-off day's time, the cut-off day being the last day before
     * the performance date that has a cut-off time under the policy (a weekday at its weekday time, a Saturday at its
     * Saturday time, a Sunday or a public holiday at the Sunday-and-holiday time, skipped when there is none).
     */
    public Instant cutoff(CancellationPolicy policy, Instant performanceStart) {
        checkForm(policy);
        if (policy.allowsSameDay()) {
            return performanceStart;
        }
        LocalDate day = performanceStart.atZone(KOREA).toLocalDate();
        for (int i = 0; i < MAX_DAYS_WITHOUT_CUTOFF; i++) {
            day = day.minusDays(1);
            LocalTime time = cutoffTime(policy, day);
            if (time != null) {
                return day.atTime(time).atZone(KOREA).toInstant();
            }
        }
        throw new IllegalStateException("no day with a cut-off in the " + MAX_DAYS_WITHOUT_CUTOFF
                + " days before " + performanceStart + ": the holiday calendar is wrong");
    }

    /**
     * What cancelling tickets priced {@code ticketPrices} (what was paid for each, in won) would cost at {@code now},
     * for a round starting at {@code performanceStart} booked (paid) at {@code bookedAt}. The same tickets quoted
     * together or a few at a time at one moment give the same fees, since each ticket is rounded on its own.
     *
     * @throws IllegalArgumentException no tickets, a negative price, a booking after {@code now}, or a malformed
     *                                  policy (a stored policy is validated when the organiser sets it)
     */
    public CancellationQuote quote(CancellationPolicy policy, Instant performanceStart, Instant bookedAt, Instant now,
                                   List<Long> ticketPrices) {
        if (ticketPrices == null || ticketPrices.isEmpty()) {
            throw new IllegalArgumentException("a quote is for at least one ticket");
        }
        if (bookedAt.isAfter(now)) {
            throw new IllegalArgumentException("booked at " + bookedAt + ", after the quote's moment " + now);
        }
        long totalPrice = 0;
        for (Long price : ticketPrices) {
            if (price == null || price < 0) {
                throw new IllegalArgumentException("a ticket price is whole won, never negative: " + price);
            }
            totalPrice = Math.addExact(totalPrice, price);
        }
        Instant cutoff = cutoff(policy, performanceStart);
        LocalDate today = now.atZone(KOREA).toLocalDate();
        LocalDate performanceDay = performanceStart.atZone(KOREA).toLocalDate();
        long daysBefore = ChronoUnit.DAYS.between(today, performanceDay);

        Refusal refusal = null;
        Rule rule = null;
        if (!now.isBefore(performanceStart)) {
            refusal = Refusal.STARTED;
        } else if (daysBefore == 0) {
            if (policy.allowsSameDay()) {
                // the booking-day grace never reaches the performance day: a ticket bought on the day is bought to
                // be used, and the big sites refund nothing for it
                rule = Rule.sameDay(policy.sameDayFeePercent());
            } else {
                refusal = Refusal.PERFORMANCE_DAY;
            }
        } else if (!now.isBefore(cutoff)) {
            refusal = Refusal.AFTER_CUTOFF;
        } else if (policy.bookingDayGrace() && bookedAt.atZone(KOREA).toLocalDate().equals(today)) {
            rule = Rule.BOOKING_DAY_GRACE;
        } else {
            rule = policy.ruleFor((int) Math.min(daysBefore, Integer.MAX_VALUE));
        }
        if (refusal != null) {
            return new CancellationQuote(cutoff, daysBefore, refusal, null, List.of(), totalPrice, 0, 0);
        }

        List<TicketFee> tickets = new ArrayList<>(ticketPrices.size());
        long totalFee = 0;
        for (long price : ticketPrices) {
            long fee = feeOf(price, rule.feePercent());
            tickets.add(new TicketFee(price, fee, price - fee));
            totalFee += fee;
        }
        return new CancellationQuote(cutoff, daysBefore, null, rule, tickets, totalPrice, totalFee,
                totalPrice - totalFee);
    }

    /** Rounded down to the won: the fan is never charged more than the percentage says. */
    static long feeOf(long price, int feePercent) {
        return Math.multiplyExact(price, feePercent) / 100;
    }

    private LocalTime cutoffTime(CancellationPolicy policy, LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        if (weekday == DayOfWeek.SATURDAY) {
            return policy.saturdayCutoff();
        }
        if (weekday == DayOfWeek.SUNDAY || publicHolidays.contains(day)) {
            return policy.sundayAndHolidayCutoff();
        }
        return policy.weekdayCutoff();
    }

    private static void checkForm(CancellationPolicy policy) {
        Violations v = new Violations();
        policy.checkForm(v);
        if (!v.isEmpty()) {
            throw new IllegalArgumentException("a malformed cancellation policy: " + v.errors());
        }
    }
}
