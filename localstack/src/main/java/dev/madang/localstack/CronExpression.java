package dev.madang.localstack;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An EventBridge (Scheduler) cron expression: six fields, {@code minutes hours day-of-month month day-of-week year},
 * evaluated on the wall clock of a time zone.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>Field</th><th>Values</th><th>Wildcards</th></tr>
 *   <tr><td>Minutes</td><td>0-59</td><td>{@code , - * /}</td></tr>
 *   <tr><td>Hours</td><td>0-23</td><td>{@code , - * /}</td></tr>
 *   <tr><td>Day-of-month</td><td>1-31</td><td>{@code , - * ? / L W}</td></tr>
 *   <tr><td>Month</td><td>1-12 or JAN-DEC</td><td>{@code , - * /}</td></tr>
 *   <tr><td>Day-of-week</td><td>1-7 or SUN-SAT (1 = Sunday)</td><td>{@code , - * ? L #}</td></tr>
 *   <tr><td>Year</td><td>1970-2199</td><td>{@code , - * /}</td></tr>
 * </table>
 *
 * <p>Exactly one of day-of-month and day-of-week is {@code ?}. {@code a/n} is every n-th value from a to the
 * field's maximum, {@code *}{@code /n} the same from the minimum. Day-of-month {@code L} is the month's last day,
 * {@code nW} the weekday (Monday to Friday) nearest day n within the month, {@code LW} the last weekday;
 * day-of-week {@code L} is Saturday, {@code nL} the month's last day n of the week, {@code n#k} its k-th day n
 * ({@code L}, {@code W} and {@code #} stand alone in their field, as AWS requires for {@code #}). Ranges ascend:
 * a wrap-around range such as {@code 22-2} is refused (write {@code 22-23,0-2}).
 *
 * <p>Daylight saving time as EventBridge Scheduler handles it: a wall-clock time that does not exist (the hour
 * skipped in spring) does not fire; one that occurs twice (the hour repeated in autumn) fires once, the first
 * time.
 */
public final class CronExpression {

    /** Years beyond this have no occurrence (EventBridge's range). */
    public static final int MAX_YEAR = 2199;
    public static final int MIN_YEAR = 1970;

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final DayOfMonth dayOfMonth;
    private final BitSet months;
    private final DayOfWeekField dayOfWeek;
    private final BitSet years;

    private CronExpression(String text, BitSet minutes, BitSet hours, DayOfMonth dayOfMonth, BitSet months,
                           DayOfWeekField dayOfWeek, BitSet years) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.dayOfMonth = dayOfMonth;
        this.months = months;
        this.dayOfWeek = dayOfWeek;
        this.years = years;
    }

    /**
     * Parses the six fields, with or without the {@code cron( )} around them: {@code "0 10 * * ? *"} or
     * {@code "cron(0 10 * * ? *)"}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static CronExpression parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        String fields = expression.trim();
        if (fields.startsWith("cron(") && fields.endsWith(")")) {
            fields = fields.substring(5, fields.length() - 1).trim();
        }
        String[] f = fields.split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("a cron expression has six fields (minutes hours day-of-month month "
                    + "day-of-week year), not " + (fields.isEmpty() ? 0 : f.length) + ": " + expression);
        }
        boolean domAny = f[2].equals("?");
        boolean dowAny = f[4].equals("?");
        if (domAny == dowAny) {
            throw new IllegalArgumentException("exactly one of day-of-month and day-of-week must be '?': "
                    + expression);
        }
        return new CronExpression(String.join(" ", f),
                values(f[0], "minutes", 0, 59, null),
                values(f[1], "hours", 0, 23, null),
                domAny ? null : DayOfMonth.parse(f[2]),
                values(f[3], "month", 1, 12, MONTHS),
                dowAny ? null : DayOfWeekField.parse(f[4]),
                values(f[5], "year", MIN_YEAR, MAX_YEAR, null));
    }

    /** The six fields, single-spaced. */
    public String fields() {
        return text;
    }

    /** Whether this wall-clock minute (seconds ignored) is one of the expression's. */
    public boolean matches(LocalDateTime time) {
        return minutes.get(time.getMinute()) && hours.get(time.getHour()) && matchesDay(time.toLocalDate());
    }

    /**
     * The first time strictly after {@code after} at which the expression fires in {@code after}'s zone, or
     * {@code null} if there is none before the end of {@value #MAX_YEAR}.
     */
    public ZonedDateTime next(ZonedDateTime after) {
        Instant found = atOrAfter(after.toInstant().plusNanos(1), after.getZone());
        return found == null ? null : found.atZone(after.getZone());
    }

    /**
     * The first instant at or after {@code from} at which the expression fires on the wall clock of {@code zone}
     * ({@code from} itself only if it is a whole minute), or {@code null} if none before the end of
     * {@value #MAX_YEAR}.
     */
    public Instant atOrAfter(Instant from, ZoneId zone) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(zone, "zone");
        Instant start = from.truncatedTo(ChronoUnit.MINUTES).equals(from) ? from
                : from.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        // search the wall clock from where 'start' reads; in the second pass of a repeated hour the candidates map
        // to the first pass (earlier instants) and are skipped, so that hour fires once
        LocalDateTime local = LocalDateTime.ofInstant(start, zone);
        while (true) {
            LocalDateTime candidate = nextLocal(local);
            if (candidate == null) {
                return null;
            }
            ZoneOffsetTransition transition = zone.getRules().getTransition(candidate);
            if (transition != null && transition.isGap()) {
                local = candidate.plusMinutes(1); // this wall-clock time never happens: skipped
                continue;
            }
            // in a repeated hour the first (earlier-offset) instant is the one that fires
            Instant instant = ZonedDateTime.ofLocal(candidate, zone, transition == null ? null
                    : transition.getOffsetBefore()).toInstant();
            if (!instant.isBefore(start)) {
                return instant;
            }
            local = candidate.plusMinutes(1);
        }
    }

    /** The first wall-clock minute at or after {@code from} (seconds dropped) that matches, or null. */
    private LocalDateTime nextLocal(LocalDateTime from) {
        LocalDate date = from.toLocalDate();
        int hour = from.getHour();
        int minute = from.getMinute();
        while (date.getYear() <= MAX_YEAR) {
            if (!years.get(date.getYear())) {
                int year = years.nextSetBit(date.getYear() + 1);
                if (year < 0 || year > MAX_YEAR) {
                    return null;
                }
                date = LocalDate.of(year, 1, 1);
                hour = 0;
                minute = 0;
                continue;
            }
            if (!months.get(date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
                hour = 0;
                minute = 0;
                continue;
            }
            if (matchesDay(date)) {
                LocalTime time = timeAtOrAfter(hour, minute);
                if (time != null) {
                    return LocalDateTime.of(date, time);
                }
            }
            date = date.plusDays(1);
            hour = 0;
            minute = 0;
        }
        return null;
    }

    private LocalTime timeAtOrAfter(int hour, int minute) {
        for (int h = hours.nextSetBit(hour); h >= 0; h = hours.nextSetBit(h + 1)) {
            int m = minutes.nextSetBit(h == hour ? minute : 0);
            if (m >= 0) {
                return LocalTime.of(h, m);
            }
        }
        return null;
    }

    private boolean matchesDay(LocalDate date) {
        return dayOfMonth != null ? dayOfMonth.matches(date) : dayOfWeek.matches(date);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronExpression c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "cron(" + text + ")";
    }

    // ------------------------------------------------------------------------------------------------------
    // Fields
    // ------------------------------------------------------------------------------------------------------

    /** A plain field: a comma list of {@code *}, {@code a}, {@code a-b}, each optionally {@code /step}. */
    private static BitSet values(String field, String name, int min, int max, List<String> names) {
        BitSet set = new BitSet(max + 1);
        for (String item : field.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException(name + " field '" + field + "' has an empty list item");
            }
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), name, 1, max - min + 1, null);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                if (dash > 0) {
                    from = number(range.substring(0, dash), name, min, max, names);
                    to = number(range.substring(dash + 1), name, min, max, names);
                    if (to < from) {
                        throw new IllegalArgumentException(name + " range '" + range + "' runs backwards; write it "
                                + "as two ascending ranges");
                    }
                } else {
                    from = number(range, name, min, max, names);
                    to = slash >= 0 ? max : from;
                }
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String text, String name, int min, int max, List<String> names) {
        if (names != null) {
            int index = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (index >= 0) {
                return index + 1;
            }
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " value '" + text + "' is not a number"
                    + (names == null ? "" : " or one of " + names));
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " value " + value + " is outside " + min + "-" + max);
        }
        return value;
    }

    /** Day-of-month: a plain field, or {@code L}, {@code LW}, {@code nW}. */
    private record DayOfMonth(BitSet days, boolean last, boolean lastWeekday, int nearestWeekdayTo) {

        static DayOfMonth parse(String field) {
            String f = field.toUpperCase(Locale.ROOT);
            if (f.equals("L")) {
                return new DayOfMonth(null, true, false, 0);
            }
            if (f.equals("LW")) {
                return new DayOfMonth(null, false, true, 0);
            }
            if (f.endsWith("W")) {
                return new DayOfMonth(null, false, false, number(f.substring(0, f.length() - 1), "day-of-month", 1,
                        31, null));
            }
            if (f.contains("L") || f.contains("W")) {
                throw new IllegalArgumentException("day-of-month 'L' and 'W' stand alone in their field: " + field);
            }
            return new DayOfMonth(values(field, "day-of-month", 1, 31, null), false, false, 0);
        }

        boolean matches(LocalDate date) {
            int length = date.lengthOfMonth();
            if (last) {
                return date.getDayOfMonth() == length;
            }
            if (lastWeekday) {
                LocalDate d = date.withDayOfMonth(length);
                while (isWeekend(d)) {
                    d = d.minusDays(1);
                }
                return d.equals(date);
            }
            if (nearestWeekdayTo > 0) {
                if (nearestWeekdayTo > length) {
                    return false;
                }
                return nearestWeekday(date.withDayOfMonth(nearestWeekdayTo)).equals(date);
            }
            return days.get(date.getDayOfMonth());
        }

        /** The weekday nearest {@code day} without leaving its month. */
        private static LocalDate nearestWeekday(LocalDate day) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
                return day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
            }
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                return day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
            }
            return day;
        }

        private static boolean isWeekend(LocalDate d) {
            return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
        }
    }

    /** Day-of-week (1 = Sunday): a plain field, or {@code L}, {@code nL}, {@code n#k}. */
    private record DayOfWeekField(BitSet days, int lastOf, int nth, int nthDay) {

        static DayOfWeekField parse(String field) {
            String f = field.toUpperCase(Locale.ROOT);
            if (f.equals("L")) {
                return new DayOfWeekField(values("7", "day-of-week", 1, 7, DAYS), 0, 0, 0);
            }
            if (f.endsWith("L")) {
                return new DayOfWeekField(null, number(f.substring(0, f.length() - 1), "day-of-week", 1, 7, DAYS),
                        0, 0);
            }
            int hash = f.indexOf('#');
            if (hash >= 0) {
                if (f.contains(",") || f.contains("-") || f.contains("/")) {
                    throw new IllegalArgumentException("a day-of-week with '#' is a single expression: " + field);
                }
                return new DayOfWeekField(null, 0, number(f.substring(hash + 1), "day-of-week '#'", 1, 5, null),
                        number(f.substring(0, hash), "day-of-week", 1, 7, DAYS));
            }
            if (f.contains("L")) {
                throw new IllegalArgumentException("day-of-week 'L' stands alone in its field: " + field);
            }
            return new DayOfWeekField(values(f, "day-of-week", 1, 7, DAYS), 0, 0, 0);
        }

        boolean matches(LocalDate date) {
            int day = cronDay(date.getDayOfWeek());
            if (lastOf > 0) {
                return day == lastOf && date.plusWeeks(1).getMonthValue() != date.getMonthValue();
            }
            if (nth > 0) {
                return day == nthDay && date.equals(date.with(TemporalAdjusters.dayOfWeekInMonth(nth,
                        date.getDayOfWeek())));
            }
            return days.get(day);
        }

        /** 1 = Sunday ... 7 = Saturday. */
        private static int cronDay(DayOfWeek d) {
            return d.getValue() % 7 + 1;
        }
    }
}
