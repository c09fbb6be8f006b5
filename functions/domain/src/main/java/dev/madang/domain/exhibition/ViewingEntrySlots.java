package dev.madang.domain.exhibition;

import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.catalog.ViewingSeatMap;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The slots of one day of an exhibition with the entries each has left, for the detail page. Nothing here reads the
 * entries themselves: the remaining count of a slot is its round's availability ({@link ViewingSeatMap}), counted from
 * the taken-seat snapshot the refresher rebuilds every second and each instance re-reads at most every 250 ms; the
 * exhibition's slot list is one query re-run at most once per {@code freshness} per instance. So a crowd watching a
 * day costs a few reads a second per instance, whatever its size (and the HTTP answer is cacheable for a second).
 */
public final class ViewingEntrySlots {

    private final Rounds rounds;
    private final ViewingSeatMap seatMaps;
    private final Clock clock;
    private final Duration freshness;
    private final Map<String, Listed> listed = new ConcurrentHashMap<>();

    public ViewingEntrySlots(Rounds rounds, ViewingSeatMap seatMaps, Clock clock, Duration freshness) {
        this.rounds = rounds;
        this.seatMaps = seatMaps;
        this.clock = clock;
        this.freshness = freshness;
    }

    /** One slot: when it starts and ends, its price, and its quota and remaining entries as of {@code asOf}. */
    public record Slot(Round round, Instant endsAt, long price, int quota, int remaining, boolean onSale,
                       Instant asOf) {
    }

    /** A day's slots in start order; {@code days} are the dates that have any slot (for the day picker). */
    public record Day(LocalDate date, List<LocalDate> days, List<Slot> slots) {
    }

    public Day day(String performanceId, LocalDate date) {
        new Violations().check(date != null, "date", "a date (YYYY-MM-DD)").throwIfInvalid("the date is not valid");
        Instant now = clock.instant();
        List<Round> all = slotsOf(performanceId, now);
        List<LocalDate> days = all.stream().map(r -> localDate(r.startsAt())).distinct().toList();
        List<Round> ofDay = all.stream().filter(r -> localDate(r.startsAt()).equals(date)).toList();
        List<Slot> slots = ofDay.stream().map(r -> {
            int i = all.indexOf(r);
            Instant endsAt = i + 1 < all.size() && localDate(all.get(i + 1).startsAt()).equals(date)
                    ? all.get(i + 1).startsAt() : null;
            ViewingSeatMap.Availability availability = seatMaps.availability(r.id());
            // a round without the entry grade (not a slot made here) shows no room rather than failing the page
            ViewingSeatMap.Count count = availability.byGrade().getOrDefault(EntrySlots.GRADE,
                    new ViewingSeatMap.Count(0, 0));
            return new Slot(r, endsAt, r.priceOf(EntrySlots.GRADE).orElse(0L), count.total(), count.remaining(),
                    r.saleOpen(now), availability.asOf());
        }).toList();
        return new Day(date, days, slots);
    }

    private List<Round> slotsOf(String performanceId, Instant now) {
        Listed hit = listed.get(performanceId);
        if (hit == null || !hit.loadedAt().plus(freshness).isAfter(now)) {
            List<Round> slots = rounds.ofPerformance(performanceId).stream().filter(EntrySlots::isSlot)
                    .filter(r -> !r.cancelled()).sorted(Comparator.comparing(Round::startsAt)).toList();
            hit = new Listed(slots, now);
            listed.put(performanceId, hit);
        }
        return hit.slots();
    }

    private static LocalDate localDate(Instant at) {
        return at.atZone(EntrySlots.ZONE).toLocalDate();
    }

    private record Listed(List<Round> slots, Instant loadedAt) {
    }
}
