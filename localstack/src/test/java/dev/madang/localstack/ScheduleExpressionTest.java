package dev.madang.localstack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cron, rate and at expressions as EventBridge Scheduler evaluates them: parsing and the next occurrence. */
class ScheduleExpressionTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Every occurrence in [from, to). */
    static List<ZonedDateTime> occurrences(String cron, ZonedDateTime from, ZonedDateTime to) {
        CronExpression c = CronExpression.parse(cron);
        List<ZonedDateTime> out = new ArrayList<>();
        for (ZonedDateTime t = c.next(from.minusNanos(1)); t != null && t.isBefore(to); t = c.next(t)) {
            out.add(t);
        }
        return out;
    }

    static ZonedDateTime seoul(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, SEOUL);
    }

    // ------------------------------------------------------------------------------------------------------
    // the dawn window
    // ------------------------------------------------------------------------------------------------------

    @Test
    void dawn_window_fires_every_minute_from_0200_to_0459_seoul_and_not_at_0159_or_0500() {
        List<ZonedDateTime> night = occurrences("cron(* 2-4 * * ? *)", seoul(2026, 3, 10, 0, 0),
                seoul(2026, 3, 11, 0, 0));
        assertThat(night).hasSize(180);
        assertThat(night.get(0)).isEqualTo(seoul(2026, 3, 10, 2, 0));
        assertThat(night.get(179)).isEqualTo(seoul(2026, 3, 10, 4, 59));
        for (int i = 1; i < night.size(); i++) {
            assertThat(Duration.between(night.get(i - 1), night.get(i))).isEqualTo(Duration.ofMinutes(1));
        }
        CronExpression dawn = CronExpression.parse("* 2-4 * * ? *");
        assertThat(dawn.matches(LocalDateTime.of(2026, 3, 10, 1, 59))).isFalse();
        assertThat(dawn.matches(LocalDateTime.of(2026, 3, 10, 2, 0))).isTrue();
        assertThat(dawn.matches(LocalDateTime.of(2026, 3, 10, 4, 59))).isTrue();
        assertThat(dawn.matches(LocalDateTime.of(2026, 3, 10, 5, 0))).isFalse();
        // after the last minute of a night comes the first of the next
        assertThat(dawn.next(seoul(2026, 3, 10, 4, 59))).isEqualTo(seoul(2026, 3, 11, 2, 0));
        assertThat(dawn.next(seoul(2026, 3, 10, 1, 59))).isEqualTo(seoul(2026, 3, 10, 2, 0));
        // the zone is applied: 02:00 in Seoul is 17:00 UTC the day before
        assertThat(dawn.atOrAfter(Instant.parse("2026-03-09T12:00:00Z"), SEOUL))
                .isEqualTo(Instant.parse("2026-03-09T17:00:00Z"));
        assertThat(dawn.atOrAfter(Instant.parse("2026-03-09T12:00:00Z"), ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-03-10T02:00:00Z"));
    }

    @Test
    void at_or_after_includes_a_whole_minute_and_rounds_a_partial_one_up() {
        CronExpression every = CronExpression.parse("* * * * ? *");
        assertThat(every.atOrAfter(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(every.atOrAfter(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    }

    // ------------------------------------------------------------------------------------------------------
    // fields and wildcards
    // ------------------------------------------------------------------------------------------------------

    @Test
    void day_of_week_with_question_mark_in_day_of_month() {
        // 2026-03-13 is a Friday
        CronExpression weekdays = CronExpression.parse("cron(0 10 ? * MON-FRI *)");
        assertThat(weekdays.next(seoul(2026, 3, 13, 10, 0))).isEqualTo(seoul(2026, 3, 16, 10, 0));
        assertThat(weekdays.next(seoul(2026, 3, 13, 9, 59))).isEqualTo(seoul(2026, 3, 13, 10, 0));
        // 1 is Sunday, 7 Saturday
        CronExpression sundays = CronExpression.parse("0 0 ? * 1 *");
        assertThat(sundays.next(seoul(2026, 3, 10, 0, 0))).isEqualTo(seoul(2026, 3, 15, 0, 0));
        CronExpression saturdays = CronExpression.parse("0 0 ? * SAT *");
        assertThat(saturdays.next(seoul(2026, 3, 10, 0, 0))).isEqualTo(seoul(2026, 3, 14, 0, 0));
        assertThat(CronExpression.parse("0 0 ? * 7 *").next(seoul(2026, 3, 10, 0, 0)))
                .isEqualTo(seoul(2026, 3, 14, 0, 0));
        // lists of days
        List<ZonedDateTime> week = occurrences("0 12 ? * MON,WED,FRI *", seoul(2026, 3, 9, 0, 0),
                seoul(2026, 3, 16, 0, 0));
        assertThat(week).extracting(ZonedDateTime::getDayOfMonth).containsExactly(9, 11, 13);
    }

    @Test
    void day_of_month_with_question_mark_in_day_of_week() {
        CronExpression fifteenth = CronExpression.parse("30 9 15 * ? *");
        assertThat(fifteenth.next(seoul(2026, 3, 15, 9, 30))).isEqualTo(seoul(2026, 4, 15, 9, 30));
        // the 31st skips the months without one
        CronExpression thirtyFirst = CronExpression.parse("0 0 31 * ? *");
        assertThat(thirtyFirst.next(seoul(2026, 3, 31, 0, 0))).isEqualTo(seoul(2026, 5, 31, 0, 0));
        // months by name and number
        assertThat(occurrences("0 0 1 JAN,JUL ? *", seoul(2026, 1, 1, 0, 0), seoul(2027, 1, 1, 0, 0)))
                .extracting(ZonedDateTime::getMonthValue).containsExactly(1, 7);
        assertThat(occurrences("0 0 1 */3 ? *", seoul(2026, 1, 1, 0, 0), seoul(2027, 1, 1, 0, 0)))
                .extracting(ZonedDateTime::getMonthValue).containsExactly(1, 4, 7, 10);
    }

    @Test
    void steps_ranges_and_lists() {
        assertThat(occurrences("0/15 3 * * ? *", seoul(2026, 3, 10, 0, 0), seoul(2026, 3, 11, 0, 0)))
                .extracting(ZonedDateTime::getMinute).containsExactly(0, 15, 30, 45);
        assertThat(occurrences("1/10 3 * * ? *", seoul(2026, 3, 10, 0, 0), seoul(2026, 3, 11, 0, 0)))
                .extracting(ZonedDateTime::getMinute).containsExactly(1, 11, 21, 31, 41, 51);
        assertThat(occurrences("*/20 3 * * ? *", seoul(2026, 3, 10, 0, 0), seoul(2026, 3, 11, 0, 0)))
                .extracting(ZonedDateTime::getMinute).containsExactly(0, 20, 40);
        assertThat(occurrences("5 1-9/4 * * ? *", seoul(2026, 3, 10, 0, 0), seoul(2026, 3, 11, 0, 0)))
                .extracting(ZonedDateTime::getHour).containsExactly(1, 5, 9);
        assertThat(occurrences("0 0,12,22-23 * * ? *", seoul(2026, 3, 10, 0, 0), seoul(2026, 3, 11, 0, 0)))
                .extracting(ZonedDateTime::getHour).containsExactly(0, 12, 22, 23);
    }

    @Test
    void last_day_nearest_weekday_and_nth_day_of_week() {
        // L: the last day of the month, February of a leap year included
        assertThat(CronExpression.parse("0 12 L * ? *").next(seoul(2028, 2, 1, 0, 0)))
                .isEqualTo(seoul(2028, 2, 29, 12, 0));
        assertThat(CronExpression.parse("0 12 L * ? *").next(seoul(2026, 2, 1, 0, 0)))
                .isEqualTo(seoul(2026, 2, 28, 12, 0));
        // 15W: 2026-08-15 is a Saturday, so Friday the 14th; 2026-11-15 is a Sunday, so Monday the 16th
        assertThat(CronExpression.parse("0 9 15W * ? *").next(seoul(2026, 8, 1, 0, 0)))
                .isEqualTo(seoul(2026, 8, 14, 9, 0));
        assertThat(CronExpression.parse("0 9 15W * ? *").next(seoul(2026, 11, 1, 0, 0)))
                .isEqualTo(seoul(2026, 11, 16, 9, 0));
        // 1W on a Saturday (2026-08-01) stays in the month: Monday the 3rd
        assertThat(CronExpression.parse("0 9 1W * ? *").next(seoul(2026, 7, 31, 0, 0)))
                .isEqualTo(seoul(2026, 8, 3, 9, 0));
        // LW: the last weekday; 2026-05-31 is a Sunday
        assertThat(CronExpression.parse("0 9 LW * ? *").next(seoul(2026, 5, 1, 0, 0)))
                .isEqualTo(seoul(2026, 5, 29, 9, 0));
        // 6L: the last Friday; 2#1: the first Monday; 3#5 the fifth Tuesday, in months that have one
        assertThat(CronExpression.parse("0 18 ? * 6L *").next(seoul(2026, 3, 1, 0, 0)))
                .isEqualTo(seoul(2026, 3, 27, 18, 0));
        assertThat(CronExpression.parse("0 9 ? * 2#1 *").next(seoul(2026, 3, 3, 0, 0)))
                .isEqualTo(seoul(2026, 4, 6, 9, 0));
        assertThat(CronExpression.parse("0 9 ? * 3#5 *").next(seoul(2026, 3, 1, 0, 0)))
                .isEqualTo(seoul(2026, 3, 31, 9, 0));
        assertThat(CronExpression.parse("0 9 ? * 3#5 *").next(seoul(2026, 4, 1, 0, 0)))
                .isEqualTo(seoul(2026, 6, 30, 9, 0));
    }

    @Test
    void the_year_field_ends_a_schedule() {
        CronExpression once = CronExpression.parse("0 0 1 1 ? 2027");
        assertThat(once.next(seoul(2026, 6, 1, 0, 0))).isEqualTo(seoul(2027, 1, 1, 0, 0));
        assertThat(once.next(seoul(2027, 1, 1, 0, 0))).isNull();
        assertThat(CronExpression.parse("0 0 1 1 ? 2020-2021").next(seoul(2026, 1, 1, 0, 0))).isNull();
        // a date that never comes
        assertThat(CronExpression.parse("0 0 30 2 ? *").next(seoul(2026, 1, 1, 0, 0))).isNull();
    }

    @Test
    void daylight_saving_skips_a_missing_time_and_fires_a_repeated_one_once() {
        // New York springs forward on 2026-03-08 (02:00 becomes 03:00): 02:30 does not happen that day
        CronExpression half = CronExpression.parse("30 2 * * ? *");
        ZonedDateTime march7 = ZonedDateTime.of(2026, 3, 7, 2, 30, 0, 0, NEW_YORK);
        assertThat(half.next(march7).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 3, 9, 2, 30));
        // and falls back on 2026-11-01 (01:00-01:59 twice): 01:30 fires once, the first time
        CronExpression oneThirty = CronExpression.parse("30 1 * * ? *");
        Instant first = Instant.parse("2026-11-01T05:30:00Z"); // 01:30 EDT
        assertThat(oneThirty.atOrAfter(Instant.parse("2026-11-01T00:00:00Z"), NEW_YORK)).isEqualTo(first);
        assertThat(oneThirty.atOrAfter(first.plusSeconds(1), NEW_YORK)).isEqualTo(Instant.parse(
                "2026-11-02T06:30:00Z")); // 01:30 EST the next day, not 01:30 EST the same day
        assertThat(occurrences("* 1 * * ? *", ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, NEW_YORK),
                ZonedDateTime.of(2026, 11, 1, 4, 0, 0, 0, NEW_YORK))).hasSize(60);
    }

    @Test
    void malformed_expressions_are_refused() {
        for (String bad : List.of("* * * * *", "* * * * ? * *", "* * ? * ? *", "0 10 * * MON *", "60 * * * ? *",
                "* 24 * * ? *", "* * 0 * ? *", "* * * 13 ? *", "* * ? * 8 *", "* * * * ? 1969", "* 22-2 * * ? *",
                "* * ? * 3#1,6#3 *", "* * ? * 3#6 *", "* * 1,L * ? *", "x * * * ? *", "*/0 * * * ? *", "1,,2 * * * ? *")) {
            assertThatThrownBy(() -> CronExpression.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        for (String bad : List.of("rate(0 minutes)", "rate(5 seconds)", "rate(minutes)", "rate(1.5 hours)",
                "at(2026-03-10 02:00:00)", "at(2026-03-10T02:00:00Z)", "at(2026-03-10T02:00)", "every 5 minutes",
                "cron(* * * * *)")) {
            assertThatThrownBy(() -> ScheduleExpression.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // rate and at
    // ------------------------------------------------------------------------------------------------------

    @Test
    void rate_fires_at_its_anchor_and_every_interval_after_it() {
        ScheduleExpression fiveMinutes = ScheduleExpression.parse("rate(5 minutes)");
        assertThat(fiveMinutes).isInstanceOfSatisfying(ScheduleExpression.Rate.class,
                r -> assertThat(r.interval()).isEqualTo(Duration.ofMinutes(5)));
        Instant anchor = Instant.parse("2026-03-10T00:00:10Z");
        assertThat(fiveMinutes.atOrAfter(anchor.minusSeconds(60), SEOUL, anchor)).isEqualTo(anchor);
        assertThat(fiveMinutes.atOrAfter(anchor, SEOUL, anchor)).isEqualTo(anchor);
        assertThat(fiveMinutes.atOrAfter(anchor.plusNanos(1), SEOUL, anchor)).isEqualTo(anchor.plusSeconds(300));
        assertThat(fiveMinutes.atOrAfter(anchor.plusSeconds(3000), SEOUL, anchor)).isEqualTo(anchor.plusSeconds(3000));
        assertThat(ScheduleExpression.parse("rate(1 minute)")).isInstanceOfSatisfying(ScheduleExpression.Rate.class,
                r -> assertThat(r.interval()).isEqualTo(Duration.ofMinutes(1)));
        assertThat(ScheduleExpression.parse("rate(2 hours)")).isInstanceOfSatisfying(ScheduleExpression.Rate.class,
                r -> assertThat(r.interval()).isEqualTo(Duration.ofHours(2)));
        // a day is 24 hours, across New York's spring-forward too
        Instant evening = ZonedDateTime.of(2026, 3, 7, 20, 0, 0, 0, NEW_YORK).toInstant();
        Instant next = ScheduleExpression.parse("rate(1 day)").atOrAfter(evening.plusNanos(1), NEW_YORK, evening);
        assertThat(next).isEqualTo(evening.plus(Duration.ofHours(24)));
        assertThat(next.atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(21, 0));
    }

    @Test
    void at_is_a_wall_clock_time_of_the_zone_and_fires_once() {
        ScheduleExpression christmasEve = ScheduleExpression.parse("at(2026-12-24T20:00:00)");
        assertThat(christmasEve).isInstanceOfSatisfying(ScheduleExpression.At.class, at -> {
            assertThat(at.time()).isEqualTo(LocalDateTime.of(LocalDate.of(2026, 12, 24), LocalTime.of(20, 0)));
            assertThat(at.instant(SEOUL)).isEqualTo(Instant.parse("2026-12-24T11:00:00Z"));
        });
        Instant at = Instant.parse("2026-12-24T11:00:00Z");
        assertThat(christmasEve.atOrAfter(at.minusSeconds(3600), SEOUL, null)).isEqualTo(at);
        assertThat(christmasEve.atOrAfter(at, SEOUL, null)).isEqualTo(at);
        assertThat(christmasEve.atOrAfter(at.plusSeconds(1), SEOUL, null)).isNull();
    }
}
