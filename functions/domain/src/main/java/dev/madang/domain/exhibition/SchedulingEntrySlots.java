package dev.madang.domain.exhibition;

import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.Performances;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An organiser cuts the days of an exhibition or pop-up store into time slots, each with an entry quota: the entry
 * hall is registered as a venue of its own ({@link EntrySlots#hall}) and every slot is scheduled as a round on it,
 * through the same {@link SchedulingRounds} as any showing (so the catalog, the run summary and every rule on rounds
 * apply unchanged).
 */
public final class SchedulingEntrySlots {

    /** Slots one request may create: each is a round written on its own. */
    public static final int MAX_SLOTS = 200;

    private final Performances performances;
    private final ManagingVenues venues;
    private final SchedulingRounds rounds;
    private final Clock clock;

    public SchedulingEntrySlots(Performances performances, ManagingVenues venues, SchedulingRounds rounds, Clock clock) {
        this.performances = performances;
        this.venues = venues;
        this.rounds = rounds;
        this.clock = clock;
    }

    /**
     * The slots of {@code days}: either every {@code slotMinutes} from {@code opensAt} while a slot still starts
     * before {@code closesAt}, or the explicit {@code slotTimes}. {@code saleOpensAt} null means on sale now.
     */
    public record SlotPlan(List<LocalDate> days, LocalTime opensAt, LocalTime closesAt, Integer slotMinutes,
                           List<LocalTime> slotTimes, Integer quota, Long price, Integer perPersonLimit,
                           Instant saleOpensAt) {
    }

    public record Scheduled(String venueId, List<Round> slots) {
    }

    public Scheduled schedule(String performanceId, SlotPlan plan) {
        Instant now = clock.instant();
        List<Instant> starts = validate(plan, now);
        Performance performance = performances.find(performanceId)
                .orElseThrow(() -> DomainException.notFound("performance", performanceId));
        String venueId = venues.register(hallName(performance.title()), null, EntrySlots.hall(plan.quota()))
                .venue().id();
        Instant saleOpensAt = plan.saleOpensAt() == null ? now : plan.saleOpensAt();
        List<Round> slots = new ArrayList<>();
        for (Instant start : starts) {
            slots.add(rounds.schedule(performanceId, venueId,
                    new Round.Schedule(start, saleOpensAt, plan.perPersonLimit(),
                            List.of(new GradePrice(EntrySlots.GRADE, plan.price()))),
                    Map.of(EntrySlots.SECTION, new SectionPlan(BookingMode.BEST_AVAILABLE, EntrySlots.GRADE))));
        }
        return new Scheduled(venueId, slots);
    }

    private static String hallName(String title) {
        String name = title + " 입장";
        return name.length() <= 100 ? name : name.substring(0, 100);
    }

    /** Every field checked before anything is written; the slot start times, in order. */
    static List<Instant> validate(SlotPlan plan, Instant now) {
        Violations v = new Violations();
        v.check(plan.days() != null && !plan.days().isEmpty() && plan.days().size() <= 62, "days",
                "1-62 days (YYYY-MM-DD)");
        boolean explicit = plan.slotTimes() != null && !plan.slotTimes().isEmpty();
        if (explicit) {
            v.check(plan.slotMinutes() == null, "slotMinutes", "either slotMinutes or slotTimes, not both");
            v.check(new HashSet<>(plan.slotTimes()).size() == plan.slotTimes().size(), "slotTimes", "a time repeats");
        } else {
            v.check(plan.slotMinutes() != null && plan.slotMinutes() >= 10 && plan.slotMinutes() <= 720,
                    "slotMinutes", "a slot length of 10-720 minutes, or explicit slotTimes");
            v.check(plan.opensAt() != null, "opensAt", "the opening time (HH:MM)");
            v.check(plan.closesAt() != null && (plan.opensAt() == null || plan.closesAt().isAfter(plan.opensAt())),
                    "closesAt", "a closing time after the opening time");
        }
        v.check(plan.quota() != null && plan.quota() >= 1 && plan.quota() <= EntrySlots.MAX_QUOTA, "quota",
                "an entry quota of 1-" + EntrySlots.MAX_QUOTA + " per slot");
        v.check(plan.price() != null && plan.price() >= 0 && plan.price() <= Round.MAX_PRICE, "price",
                "a price per entry of 0-" + Round.MAX_PRICE + " won");
        v.check(plan.perPersonLimit() != null && plan.perPersonLimit() >= 1 && plan.perPersonLimit() <= 10,
                "perPersonLimit", "a per-person limit of 1-10 entries per slot");
        v.throwIfInvalid("the time slots are not valid");

        List<LocalTime> times = explicit ? plan.slotTimes().stream().sorted().toList() : every(plan);
        Set<LocalDate> days = new java.util.TreeSet<>(plan.days());
        List<Instant> starts = new ArrayList<>();
        for (LocalDate day : days) {
            for (LocalTime time : times) {
                starts.add(day.atTime(time).atZone(EntrySlots.ZONE).toInstant());
            }
        }
        Violations rules = new Violations();
        rules.check(starts.size() <= MAX_SLOTS, "days", "at most " + MAX_SLOTS + " slots per request ("
                + starts.size() + " asked)");
        rules.check(starts.stream().allMatch(now::isBefore), "days", "every slot must start in the future");
        rules.check(plan.saleOpensAt() == null || starts.stream().allMatch(plan.saleOpensAt()::isBefore),
                "saleOpensAt", "the sale must open before the first slot");
        rules.throwIfRuleViolated("invalid-slots", "the time slots break a scheduling rule");
        return starts;
    }

    private static List<LocalTime> every(SlotPlan plan) {
        List<LocalTime> times = new ArrayList<>();
        for (LocalTime t = plan.opensAt(); t.isBefore(plan.closesAt()) && times.size() <= MAX_SLOTS;
             t = t.plusMinutes(plan.slotMinutes())) {
            times.add(t);
            if (t.plusMinutes(plan.slotMinutes()).isBefore(t)) {
                break; // past midnight
            }
        }
        return times;
    }
}
