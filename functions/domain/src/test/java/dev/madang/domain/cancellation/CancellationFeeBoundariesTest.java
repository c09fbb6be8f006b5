package dev.madang.domain.cancellation;

import dev.madang.domain.cancellation.CancellationPolicy.FeeTier;
import dev.madang.domain.cancellation.CancellationQuote.Refusal;
import dev.madang.domain.cancellation.CancellationQuote.RuleKind;
import dev.madang.domain.cancellation.CancellationQuote.TicketFee;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The standard's fees and cut-offs at every boundary, each moment written in Korea time so the test means the same on
 * a machine in any zone. The Wednesday performance of 2026-12-16 19:30 has D-10 on Sunday 12-06, D-9 Monday 12-07,
 * D-7 Wednesday 12-09, D-6 Thursday 12-10, D-3 Sunday 12-13, D-2 Monday 12-14, D-1 Tuesday 12-15.
 */
class CancellationFeeBoundariesTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final CancellationPolicy STANDARD = CancellationPolicy.koreanStandard();
    static final Instant WEDNESDAY_SHOW = kst(2026, 12, 16, 19, 30, 0);
    /** Booked well before any fee applies, so no quote below is on the booking day unless it says so. */
    static final Instant BOOKED_EARLY = kst(2026, 11, 1, 12, 0, 0);
    static final List<Long> TWO_SEATS = List.of(150_000L, 99_000L);

    final CancellationFees fees = new CancellationFees();

    static Instant kst(int year, int month, int day, int hour, int minute, int second) {
        return ZonedDateTime.of(year, month, day, hour, minute, second, 0, SEOUL).toInstant();
    }

    CancellationQuote standardAt(Instant now) {
        return fees.quote(STANDARD, WEDNESDAY_SHOW, BOOKED_EARLY, now, TWO_SEATS);
    }

    static void charged(CancellationQuote quote, String rule, long fee150k, long fee99k) {
        assertThat(quote.allowed()).as("allowed").isTrue();
        assertThat(quote.refusal()).isNull();
        assertThat(quote.rule().code()).isEqualTo(rule);
        assertThat(quote.tickets()).containsExactly(new TicketFee(150_000, fee150k, 150_000 - fee150k),
                new TicketFee(99_000, fee99k, 99_000 - fee99k));
        assertThat(quote.totalPrice()).isEqualTo(249_000);
        assertThat(quote.totalFee()).isEqualTo(fee150k + fee99k);
        assertThat(quote.totalRefund()).isEqualTo(249_000 - fee150k - fee99k);
    }

    static void refused(CancellationQuote quote, Refusal why) {
        assertThat(quote.allowed()).as("allowed").isFalse();
        assertThat(quote.refusal()).isEqualTo(why);
        assertThat(quote.rule()).isNull();
        assertThat(quote.tickets()).isEmpty();
        assertThat(quote.totalFee()).isZero();
        assertThat(quote.totalRefund()).isZero();
        assertThat(quote.totalPrice()).isEqualTo(249_000);
    }

    @Test
    void d10_is_free_from_its_first_to_its_last_second() {
        charged(standardAt(kst(2026, 12, 6, 0, 0, 0)), "FREE_UNTIL_D10", 0, 0);
        charged(standardAt(kst(2026, 12, 6, 23, 59, 59)), "FREE_UNTIL_D10", 0, 0);
        assertThat(standardAt(kst(2026, 12, 6, 23, 59, 59)).daysBefore()).isEqualTo(10);
        charged(standardAt(kst(2026, 11, 20, 9, 0, 0)), "FREE_UNTIL_D10", 0, 0);
    }

    @Test
    void ten_percent_from_d9_midnight_through_d7() {
        CancellationQuote d9 = standardAt(kst(2026, 12, 7, 0, 0, 0));
        charged(d9, "D9_TO_D7_10PCT", 15_000, 9_900);
        assertThat(d9.daysBefore()).isEqualTo(9);
        assertThat(d9.rule().kind()).isEqualTo(RuleKind.FEE_TIER);
        assertThat(d9.rule().feePercent()).isEqualTo(10);
        charged(standardAt(kst(2026, 12, 9, 23, 59, 59)), "D9_TO_D7_10PCT", 15_000, 9_900);
    }

    @Test
    void twenty_percent_from_d6_through_d3() {
        charged(standardAt(kst(2026, 12, 10, 0, 0, 0)), "D6_TO_D3_20PCT", 30_000, 19_800);
        charged(standardAt(kst(2026, 12, 13, 23, 59, 59)), "D6_TO_D3_20PCT", 30_000, 19_800);
    }

    @Test
    void thirty_percent_from_d2_until_the_cutoff_on_d1() {
        charged(standardAt(kst(2026, 12, 14, 0, 0, 0)), "D2_TO_D1_30PCT", 45_000, 29_700);
        charged(standardAt(kst(2026, 12, 15, 0, 0, 0)), "D2_TO_D1_30PCT", 45_000, 29_700);
        charged(standardAt(kst(2026, 12, 15, 16, 59, 59)), "D2_TO_D1_30PCT", 45_000, 29_700);
    }

    @Test
    void weekday_cutoff_is_17_00_the_day_before() {
        assertThat(fees.cutoff(STANDARD, WEDNESDAY_SHOW)).isEqualTo(kst(2026, 12, 15, 17, 0, 0));
        CancellationQuote last = standardAt(kst(2026, 12, 15, 16, 59, 59));
        assertThat(last.cutoff()).isEqualTo(kst(2026, 12, 15, 17, 0, 0));
        refused(standardAt(kst(2026, 12, 15, 17, 0, 0)), Refusal.AFTER_CUTOFF);
        refused(standardAt(kst(2026, 12, 15, 23, 59, 59)), Refusal.AFTER_CUTOFF);
    }

    @Test
    void performance_day_is_refused_until_the_start_then_started() {
        refused(standardAt(kst(2026, 12, 16, 0, 0, 0)), Refusal.PERFORMANCE_DAY);
        refused(standardAt(kst(2026, 12, 16, 19, 29, 59)), Refusal.PERFORMANCE_DAY);
        refused(standardAt(kst(2026, 12, 16, 19, 30, 0)), Refusal.STARTED);
        refused(standardAt(kst(2026, 12, 17, 9, 0, 0)), Refusal.STARTED);
        assertThat(standardAt(kst(2026, 12, 17, 9, 0, 0)).daysBefore()).isEqualTo(-1);
    }

    @Test
    void booked_today_is_free_even_at_d5_and_not_the_day_after() {
        Instant bookedD5 = kst(2026, 12, 11, 9, 15, 0);
        CancellationQuote sameDay = fees.quote(STANDARD, WEDNESDAY_SHOW, bookedD5, kst(2026, 12, 11, 23, 59, 59),
                TWO_SEATS);
        charged(sameDay, "BOOKING_DAY_GRACE", 0, 0);
        assertThat(sameDay.rule().kind()).isEqualTo(RuleKind.BOOKING_DAY_GRACE);
        // the grace is the booking's Korea date, not 24 hours: the next midnight charges D-4's fee
        charged(fees.quote(STANDARD, WEDNESDAY_SHOW, bookedD5, kst(2026, 12, 12, 0, 0, 0), TWO_SEATS),
                "D6_TO_D3_20PCT", 30_000, 19_800);
    }

    @Test
    void booking_day_grace_stops_at_the_cutoff() {
        Instant bookedD1 = kst(2026, 12, 15, 16, 0, 0);
        charged(fees.quote(STANDARD, WEDNESDAY_SHOW, bookedD1, kst(2026, 12, 15, 16, 59, 59), TWO_SEATS),
                "BOOKING_DAY_GRACE", 0, 0);
        refused(fees.quote(STANDARD, WEDNESDAY_SHOW, bookedD1, kst(2026, 12, 15, 17, 0, 0), TWO_SEATS),
                Refusal.AFTER_CUTOFF);
        Instant bookedAfterCutoff = kst(2026, 12, 15, 18, 0, 0);
        refused(fees.quote(STANDARD, WEDNESDAY_SHOW, bookedAfterCutoff, bookedAfterCutoff, TWO_SEATS),
                Refusal.AFTER_CUTOFF);
    }

    @Test
    void booked_on_the_performance_day_cannot_be_cancelled() {
        Instant booked = kst(2026, 12, 16, 10, 0, 0);
        refused(fees.quote(STANDARD, WEDNESDAY_SHOW, booked, booked.plusSeconds(60), TWO_SEATS),
                Refusal.PERFORMANCE_DAY);
    }

    @Test
    void a_booking_day_counts_in_korea_not_in_utc() {
        // 2026-12-10 23:30 KST is 14:30 UTC on 12-10; 12-11 00:30 KST is still 12-10 in UTC, but a new Korean day
        Instant booked = kst(2026, 12, 10, 23, 30, 0);
        charged(fees.quote(STANDARD, WEDNESDAY_SHOW, booked, kst(2026, 12, 10, 23, 59, 59), TWO_SEATS),
                "BOOKING_DAY_GRACE", 0, 0);
        charged(fees.quote(STANDARD, WEDNESDAY_SHOW, booked, kst(2026, 12, 11, 0, 30, 0), TWO_SEATS),
                "D6_TO_D3_20PCT", 30_000, 19_800);
    }

    @Test
    void saturday_performance_closes_friday_at_17_00() {
        Instant saturdayShow = kst(2026, 12, 19, 14, 0, 0);
        assertThat(fees.cutoff(STANDARD, saturdayShow)).isEqualTo(kst(2026, 12, 18, 17, 0, 0));
        charged(fees.quote(STANDARD, saturdayShow, BOOKED_EARLY, kst(2026, 12, 18, 16, 59, 59), TWO_SEATS),
                "D2_TO_D1_30PCT", 45_000, 29_700);
        refused(fees.quote(STANDARD, saturdayShow, BOOKED_EARLY, kst(2026, 12, 18, 17, 0, 0), TWO_SEATS),
                Refusal.AFTER_CUTOFF);
    }

    @Test
    void sunday_performance_closes_saturday_at_11_00() {
        Instant sundayShow = kst(2026, 12, 20, 18, 0, 0);
        assertThat(fees.cutoff(STANDARD, sundayShow)).isEqualTo(kst(2026, 12, 19, 11, 0, 0));
        charged(fees.quote(STANDARD, sundayShow, BOOKED_EARLY, kst(2026, 12, 19, 10, 59, 59), TWO_SEATS),
                "D2_TO_D1_30PCT", 45_000, 29_700);
        refused(fees.quote(STANDARD, sundayShow, BOOKED_EARLY, kst(2026, 12, 19, 11, 0, 0), TWO_SEATS),
                Refusal.AFTER_CUTOFF);
    }

    @Test
    void monday_performance_closes_the_saturday_before_at_11_00() {
        Instant mondayShow = kst(2026, 12, 21, 19, 30, 0);
        assertThat(fees.cutoff(STANDARD, mondayShow)).isEqualTo(kst(2026, 12, 19, 11, 0, 0));
        CancellationQuote saturdayMorning = fees.quote(STANDARD, mondayShow, BOOKED_EARLY,
                kst(2026, 12, 19, 10, 59, 0), TWO_SEATS);
        charged(saturdayMorning, "D2_TO_D1_30PCT", 45_000, 29_700);
        assertThat(saturdayMorning.daysBefore()).isEqualTo(2);
        refused(fees.quote(STANDARD, mondayShow, BOOKED_EARLY, kst(2026, 12, 19, 11, 0, 0), TWO_SEATS),
                Refusal.AFTER_CUTOFF);
        // Sunday is D-1 by the calendar, but past the cut-off; booked on the Sunday, the grace cannot help
        refused(fees.quote(STANDARD, mondayShow, BOOKED_EARLY, kst(2026, 12, 20, 9, 0, 0), TWO_SEATS),
                Refusal.AFTER_CUTOFF);
        Instant bookedSunday = kst(2026, 12, 20, 9, 0, 0);
        refused(fees.quote(STANDARD, mondayShow, bookedSunday, bookedSunday.plusSeconds(1), TWO_SEATS),
                Refusal.AFTER_CUTOFF);
    }

    @Test
    void public_holidays_move_the_cutoff_to_the_working_day_before() {
        LocalDate christmas = LocalDate.of(2026, 12, 25); // a Friday
        CancellationFees withChristmas = new CancellationFees(Set.of(christmas));
        assertThat(withChristmas.cutoff(STANDARD, kst(2026, 12, 26, 15, 0, 0)))
                .as("Saturday show after a Friday holiday").isEqualTo(kst(2026, 12, 24, 17, 0, 0));
        assertThat(fees.cutoff(STANDARD, kst(2026, 12, 26, 15, 0, 0)))
                .as("without the holiday").isEqualTo(kst(2026, 12, 25, 17, 0, 0));
        assertThat(withChristmas.cutoff(STANDARD, kst(2026, 12, 28, 19, 30, 0)))
                .as("Monday show: Saturday as usual").isEqualTo(kst(2026, 12, 26, 11, 0, 0));
    }

    @Test
    void a_saturday_holiday_keeps_its_saturday_cutoff() {
        CancellationFees saturdayHoliday = new CancellationFees(Set.of(LocalDate.of(2026, 12, 19)));
        assertThat(saturdayHoliday.cutoff(STANDARD, kst(2026, 12, 20, 18, 0, 0)))
                .isEqualTo(kst(2026, 12, 19, 11, 0, 0));
    }

    @Test
    void a_run_of_holidays_reaches_back_to_the_saturday() {
        // Chuseok-like: Monday to Wednesday off, a Thursday show closes on the Saturday before
        CancellationFees chuseok = new CancellationFees(Set.of(LocalDate.of(2026, 12, 21), LocalDate.of(2026, 12, 22),
                LocalDate.of(2026, 12, 23)));
        Instant thursdayShow = kst(2026, 12, 24, 19, 30, 0);
        assertThat(chuseok.cutoff(STANDARD, thursdayShow)).isEqualTo(kst(2026, 12, 19, 11, 0, 0));
        CancellationQuote beforeCutoff = chuseok.quote(STANDARD, thursdayShow, BOOKED_EARLY,
                kst(2026, 12, 19, 10, 0, 0), TWO_SEATS);
        charged(beforeCutoff, "D6_TO_D3_20PCT", 30_000, 19_800);
        refused(chuseok.quote(STANDARD, thursdayShow, BOOKED_EARLY, kst(2026, 12, 22, 10, 0, 0), TWO_SEATS),
                Refusal.AFTER_CUTOFF);
    }

    @Test
    void a_sunday_cutoff_time_keeps_sunday_as_the_cutoff_day() {
        CancellationPolicy sundayToo = new CancellationPolicy(STANDARD.tiers(), null, true, LocalTime.of(17, 0),
                LocalTime.of(11, 0), LocalTime.of(15, 0)).validated();
        Instant mondayShow = kst(2026, 12, 21, 19, 30, 0);
        assertThat(fees.cutoff(sundayToo, mondayShow)).isEqualTo(kst(2026, 12, 20, 15, 0, 0));
        charged(fees.quote(sundayToo, mondayShow, BOOKED_EARLY, kst(2026, 12, 20, 14, 59, 59), TWO_SEATS),
                "D2_TO_D1_30PCT", 45_000, 29_700);
        assertThat(new CancellationFees(Set.of(LocalDate.of(2026, 12, 22))).cutoff(sundayToo,
                kst(2026, 12, 23, 19, 30, 0))).as("a weekday holiday too").isEqualTo(kst(2026, 12, 22, 15, 0, 0));
    }

    @Test
    void same_day_cancellation_when_the_policy_allows_it_until_the_start() {
        CancellationPolicy sameDay = new CancellationPolicy(STANDARD.tiers(), 90, true, LocalTime.of(17, 0),
                LocalTime.of(11, 0), null).validated();
        assertThat(fees.cutoff(sameDay, WEDNESDAY_SHOW)).isEqualTo(WEDNESDAY_SHOW);
        charged(fees.quote(sameDay, WEDNESDAY_SHOW, BOOKED_EARLY, kst(2026, 12, 15, 20, 0, 0), TWO_SEATS),
                "D2_TO_D1_30PCT", 45_000, 29_700);
        CancellationQuote onTheDay = fees.quote(sameDay, WEDNESDAY_SHOW, BOOKED_EARLY, kst(2026, 12, 16, 19, 29, 59),
                TWO_SEATS);
        charged(onTheDay, "SAME_DAY_90PCT", 135_000, 89_100);
        assertThat(onTheDay.rule().kind()).isEqualTo(RuleKind.SAME_DAY);
        refused(fees.quote(sameDay, WEDNESDAY_SHOW, BOOKED_EARLY, WEDNESDAY_SHOW, TWO_SEATS), Refusal.STARTED);
        // bought on the day: the same-day fee, not the booking-day grace
        Instant boughtOnTheDay = kst(2026, 12, 16, 10, 0, 0);
        charged(fees.quote(sameDay, WEDNESDAY_SHOW, boughtOnTheDay, kst(2026, 12, 16, 10, 5, 0), TWO_SEATS),
                "SAME_DAY_90PCT", 135_000, 89_100);
    }

    @Test
    void fees_are_rounded_down_to_the_won_per_ticket() {
        CancellationQuote d8 = fees.quote(STANDARD, WEDNESDAY_SHOW, BOOKED_EARLY, kst(2026, 12, 8, 12, 0, 0),
                List.of(55_555L, 55_555L, 9L));
        assertThat(d8.tickets()).containsExactly(new TicketFee(55_555, 5_555, 50_000),
                new TicketFee(55_555, 5_555, 50_000), new TicketFee(9, 0, 9));
        assertThat(d8.totalFee()).as("not 11,111 from rounding the sum").isEqualTo(11_110);
        CancellationQuote d1 = fees.quote(STANDARD, WEDNESDAY_SHOW, BOOKED_EARLY, kst(2026, 12, 15, 9, 0, 0),
                List.of(33_333L, 0L));
        assertThat(d1.tickets()).containsExactly(new TicketFee(33_333, 9_999, 23_334), new TicketFee(0, 0, 0));
    }

    @Test
    void a_free_until_d3_policy_charges_nothing_before_d2() {
        CancellationPolicy generous = new CancellationPolicy(List.of(new FeeTier(2, 1, 30)), null, true,
                LocalTime.of(17, 0), LocalTime.of(11, 0), null).validated();
        charged(fees.quote(generous, WEDNESDAY_SHOW, BOOKED_EARLY, kst(2026, 12, 13, 23, 59, 59), TWO_SEATS),
                "FREE_UNTIL_D3", 0, 0);
        charged(fees.quote(generous, WEDNESDAY_SHOW, BOOKED_EARLY, kst(2026, 12, 14, 0, 0, 0), TWO_SEATS),
                "D2_TO_D1_30PCT", 45_000, 29_700);
        CancellationPolicy allFree = new CancellationPolicy(List.of(), null, true, LocalTime.of(17, 0),
                LocalTime.of(11, 0), null).validated();
        charged(fees.quote(allFree, WEDNESDAY_SHOW, BOOKED_EARLY, kst(2026, 12, 15, 16, 0, 0), TWO_SEATS),
                "FREE_UNTIL_D1", 0, 0);
    }

    @Test
    void the_cutoff_follows_the_policys_later_times() {
        CancellationPolicy later = new CancellationPolicy(STANDARD.tiers(), null, true, LocalTime.of(23, 59, 59),
                LocalTime.of(18, 0), null).validated();
        assertThat(fees.cutoff(later, WEDNESDAY_SHOW)).isEqualTo(kst(2026, 12, 15, 23, 59, 59));
        assertThat(fees.cutoff(later, kst(2026, 12, 20, 18, 0, 0))).isEqualTo(kst(2026, 12, 19, 18, 0, 0));
    }

    @Test
    void a_quote_needs_tickets_real_prices_a_past_booking_and_a_well_formed_policy() {
        Instant now = kst(2026, 12, 8, 12, 0, 0);
        assertThatThrownBy(() -> fees.quote(STANDARD, WEDNESDAY_SHOW, BOOKED_EARLY, now, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fees.quote(STANDARD, WEDNESDAY_SHOW, BOOKED_EARLY, now, List.of(1_000L, -1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fees.quote(STANDARD, WEDNESDAY_SHOW, now.plusSeconds(1), now, TWO_SEATS))
                .isInstanceOf(IllegalArgumentException.class);
        CancellationPolicy gap = new CancellationPolicy(List.of(new FeeTier(9, 7, 10), new FeeTier(5, 1, 20)), null,
                true, LocalTime.of(17, 0), LocalTime.of(11, 0), null);
        assertThatThrownBy(() -> fees.quote(gap, WEDNESDAY_SHOW, BOOKED_EARLY, now, TWO_SEATS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tiers[1].fromDaysBefore");
    }
}
