package dev.madang.localstack;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler {@code ScheduleExpression}: {@code rate(value unit)}, {@code cron(fields)} (see
 * {@link CronExpression}) or {@code at(yyyy-mm-ddThh:mm:ss)}.
 *
 * <p>When each fires, as {@link SchedulerStandIn} applies it (all within {@code [StartDate, EndDate)}):
 * <ul>
 *   <li>{@link Rate}: at its anchor (the schedule's {@code StartDate}, else the time the schedule was created or
 *       its expression last changed: "starts invoking immediately") and every interval after it. A day is 24
 *       hours, whatever daylight saving time does to the clock.</li>
 *   <li>{@link Cron}: at every matching minute of the wall clock of {@code ScheduleExpressionTimezone}.</li>
 *   <li>{@link At}: once, at that wall-clock time of the time zone; {@code StartDate} and {@code EndDate} are
 *       ignored, as AWS does.</li>
 * </ul>
 */
public sealed interface ScheduleExpression permits ScheduleExpression.Rate, ScheduleExpression.Cron,
        ScheduleExpression.At {

    /** The expression as written. */
    String text();

    /**
     * The first occurrence at or after {@code from}, or {@code null} if there is none.
     *
     * @param zone   the schedule's time zone
     * @param anchor a rate's first occurrence (ignored by cron and at)
     */
    Instant atOrAfter(Instant from, ZoneId zone, Instant anchor);

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static ScheduleExpression parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        if (t.startsWith("rate(") && t.endsWith(")")) {
            return Rate.parse(t);
        }
        if (t.startsWith("cron(") && t.endsWith(")")) {
            return new Cron(t, CronExpression.parse(t));
        }
        if (t.startsWith("at(") && t.endsWith(")")) {
            return At.parse(t);
        }
        throw new IllegalArgumentException("a schedule expression is rate(value unit), cron(fields) or "
                + "at(yyyy-mm-ddThh:mm:ss): " + text);
    }

    /** {@code rate(value unit)}, unit {@code minute(s)}, {@code hour(s)} or {@code day(s)}. */
    record Rate(String text, Duration interval) implements ScheduleExpression {
        private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minutes?|hours?|days?)\\s*\\)");

        static Rate parse(String text) {
            Matcher m = RATE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("a rate expression is rate(value unit) with a positive whole "
                        + "value and unit minute(s), hour(s) or day(s): " + text);
            }
            long value;
            try {
                value = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rate value too large: " + text);
            }
            if (value < 1) {
                throw new IllegalArgumentException("a rate value is positive: " + text);
            }
            Duration unit = switch (m.group(2).charAt(0)) {
                case 'm' -> Duration.ofMinutes(1);
                case 'h' -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return new Rate(text, unit.multipliedBy(value));
        }

        @Override
        public Instant atOrAfter(Instant from, ZoneId zone, Instant anchor) {
            if (!from.isAfter(anchor)) {
                return anchor;
            }
            long intervalNanos = interval.toNanos();
            long elapsed = Duration.between(anchor, from).toNanos();
            long periods = (elapsed + intervalNanos - 1) / intervalNanos;
            return anchor.plus(interval.multipliedBy(periods));
        }
    }

    /** {@code cron(minutes hours day-of-month month day-of-week year)}. */
    record Cron(String text, CronExpression cron) implements ScheduleExpression {
        @Override
        public Instant atOrAfter(Instant from, ZoneId zone, Instant anchor) {
            return cron.atOrAfter(from, zone);
        }
    }

    /** {@code at(yyyy-mm-ddThh:mm:ss)}: one wall-clock time. */
    record At(String text, LocalDateTime time) implements ScheduleExpression {
        private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

        static At parse(String text) {
            String inner = text.substring(3, text.length() - 1).trim();
            try {
                return new At(text, LocalDateTime.parse(inner, FORMAT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("an at expression is at(yyyy-mm-ddThh:mm:ss), a wall-clock time "
                        + "of the schedule's time zone without offset: " + text);
            }
        }

        /** The instant it names in {@code zone} (a time skipped by daylight saving moves forward by the gap). */
        public Instant instant(ZoneId zone) {
            return ZonedDateTime.ofLocal(time, zone, null).toInstant();
        }

        @Override
        public Instant atOrAfter(Instant from, ZoneId zone, Instant anchor) {
            Instant at = instant(zone);
            return at.isBefore(from) ? null : at;
        }
    }
}
