package dev.madang.domain.catalog;

import dev.madang.domain.common.Violations;
import dev.madang.domain.membership.MemberSale;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One showing of a performance (회차) at a venue, on the seat layout version that was current when it was scheduled.
 * Grades and prices and each section's booking mode belong to the round, not to the venue: the same hall sells its
 * front rows as VIP for a musical and as R for a recital.
 */
public record Round(
        String id,
        String performanceId,
        String venueId,
        int layoutVersion,
        Instant startsAt,
        Instant saleOpensAt,
        int perPersonLimit,
        List<GradePrice> grades,
        Map<String, SectionPlan> sections,
        long version,
        Instant cancelledAt,
        MemberSale memberSale) {

    public static final int DEFAULT_PER_PERSON_LIMIT = 4;
    public static final long MAX_PRICE = 10_000_000;

    public Round {
        grades = List.copyOf(grades);
        sections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /** A round without a member sale. */
    public Round(String id, String performanceId, String venueId, int layoutVersion, Instant startsAt,
                 Instant saleOpensAt, int perPersonLimit, List<GradePrice> grades, Map<String, SectionPlan> sections,
                 long version, Instant cancelledAt) {
        this(id, performanceId, venueId, layoutVersion, startsAt, saleOpensAt, perPersonLimit, grades, sections,
                version, cancelledAt, null);
    }

    /** A round as scheduled, not cancelled. */
    public Round(String id, String performanceId, String venueId, int layoutVersion, Instant startsAt,
                 Instant saleOpensAt, int perPersonLimit, List<GradePrice> grades, Map<String, SectionPlan> sections,
                 long version) {
        this(id, performanceId, venueId, layoutVersion, startsAt, saleOpensAt, perPersonLimit, grades, sections,
                version, null);
    }

    /** A cancelled round (the show will not take place) sells nothing and takes no orders. */
    public boolean saleOpen(Instant now) {
        return cancelledAt == null && !saleOpensAt.isAfter(now) && startsAt.isAfter(now);
    }

    /** In the members' presale: it has opened and the general sale has not (only members may hold seats now). */
    public boolean presaleOpen(Instant now) {
        return cancelledAt == null && memberSale != null && memberSale.presaleOpensAt() != null
                && !memberSale.presaleOpensAt().isAfter(now) && saleOpensAt.isAfter(now);
    }

    /** Seats can be held now by someone: in the general sale, or in the members' presale. */
    public boolean selling(Instant now) {
        return saleOpen(now) || presaleOpen(now);
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }

    /** The round called off by the organiser at {@code at} (issue 12: every paid order refunded in full). */
    public Round cancelledAt(Instant at) {
        return new Round(id, performanceId, venueId, layoutVersion, startsAt, saleOpensAt, perPersonLimit, grades,
                sections, version, at, memberSale);
    }

    /**
     * The round with {@code grade} at {@code price}; {@code originalPrice} is the price before a time sale (null when
     * the grade is back at its own price).
     */
    public Round repriced(String grade, long price, Long originalPrice) {
        List<GradePrice> repriced = grades.stream().map(g -> g.grade().equals(grade)
                ? new GradePrice(grade, price, originalPrice) : g).toList();
        return new Round(id, performanceId, venueId, layoutVersion, startsAt, saleOpensAt, perPersonLimit, repriced,
                sections, version, cancelledAt, memberSale);
    }

    public Optional<GradePrice> gradePrice(String grade) {
        return grades.stream().filter(g -> g.grade().equals(grade)).findFirst();
    }

    public Optional<Long> priceOf(String grade) {
        return grades.stream().filter(g -> g.grade().equals(grade)).map(GradePrice::price).findFirst();
    }

    /** The schedule and prices an organiser proposes; validated against the layout and the clock. */
    public record Schedule(Instant startsAt, Instant saleOpensAt, Integer perPersonLimit, List<GradePrice> grades,
                           MemberSale memberSale) {

        /** A schedule without a member sale. */
        public Schedule(Instant startsAt, Instant saleOpensAt, Integer perPersonLimit, List<GradePrice> grades) {
            this(startsAt, saleOpensAt, perPersonLimit, grades, null);
        }

        void validate(Instant now, Violations v) {
            v.check(startsAt != null, "startsAt", "a start time is required");
            v.check(saleOpensAt != null, "saleOpensAt", "a sale opening time is required");
            v.check(perPersonLimit == null || (perPersonLimit >= 1 && perPersonLimit <= 10), "perPersonLimit",
                    "a per-person limit of 1-10 seats");
            v.check(grades != null && !grades.isEmpty(), "grades", "at least one grade with its price");
            if (grades != null) {
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < grades.size(); i++) {
                    GradePrice g = grades.get(i);
                    v.check(g.grade() != null && g.grade().matches("[A-Za-z0-9가-힣]{1,10}"), "grades[" + i + "].grade",
                            "a grade code of 1-10 letters or digits");
                    v.check(g.price() >= 0 && g.price() <= MAX_PRICE, "grades[" + i + "].price",
                            "a price of 0-" + MAX_PRICE + " won");
                    v.check(g.grade() == null || seen.add(g.grade()), "grades[" + i + "].grade", "grade repeats");
                }
            }
        }

        void checkTimes(Instant now, Violations v) {
            if (startsAt == null || saleOpensAt == null) {
                return;
            }
            v.check(startsAt.isAfter(now), "startsAt", "the round starts in the past");
            v.check(saleOpensAt.isBefore(startsAt), "saleOpensAt", "the sale must open before the round starts");
            v.check(memberSale == null || memberSale.presaleOpensAt() == null
                            || memberSale.presaleOpensAt().isBefore(saleOpensAt), "memberSale.presaleOpensAt",
                    "the presale must open before the general sale");
        }
    }

    /** Every section of the layout needs a plan whose grade the round prices; no plan may name a foreign section. */
    static void checkPlans(Map<String, SectionPlan> plans, SeatLayout layout, List<GradePrice> grades, Violations v) {
        if (plans == null) {
            v.add("sections", "a booking mode and grade for every section");
            return;
        }
        Set<String> gradeCodes = new HashSet<>();
        if (grades != null) {
            grades.forEach(g -> gradeCodes.add(g.grade()));
        }
        for (Section s : layout.sections()) {
            if (!plans.containsKey(s.id())) {
                v.add("sections." + s.id(), "section " + s.id() + " needs a booking mode and a grade");
            }
        }
        plans.forEach((sectionId, plan) -> {
            String field = "sections." + sectionId;
            if (layout.section(sectionId).isEmpty()) {
                v.add(field, "the venue has no section " + sectionId);
                return;
            }
            v.check(plan != null && plan.mode() != null, field + ".mode", "a booking mode is required");
            v.check(plan != null && plan.grade() != null && gradeCodes.contains(plan.grade()), field + ".grade",
                    "a grade that the round prices");
        });
    }

    Round withSchedule(Schedule s) {
        return new Round(id, performanceId, venueId, layoutVersion, s.startsAt(), s.saleOpensAt(),
                s.perPersonLimit() == null ? perPersonLimit : s.perPersonLimit(), s.grades(), sections, version,
                cancelledAt, s.memberSale());
    }

    /**
     * The round once its lottery is over: every {@code LOTTERY} section sold first come, first served by seat
     * selection, at the same grade (the lottery's last step; the organiser cannot change a mode once the sale opened).
     */
    public Round withLotteryReleased() {
        Map<String, SectionPlan> plans = new LinkedHashMap<>();
        sections.forEach((id, plan) -> plans.put(id, plan.mode() == BookingMode.LOTTERY
                ? new SectionPlan(BookingMode.SEAT_SELECTION, plan.grade()) : plan));
        return withSections(plans);
    }

    Round withSections(Map<String, SectionPlan> plans) {
        return new Round(id, performanceId, venueId, layoutVersion, startsAt, saleOpensAt, perPersonLimit, grades,
                plans, version, cancelledAt, memberSale);
    }
}
