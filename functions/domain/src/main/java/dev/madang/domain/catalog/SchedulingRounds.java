package dev.madang.domain.catalog;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** An organiser schedules rounds of a performance, prices their grades and sets each section's booking mode. */
public final class SchedulingRounds {

    private static final int SUMMARY_ATTEMPTS = 5;

    private final Performances performances;
    private final Rounds rounds;
    private final Venues venues;
    private final Ids ids;
    private final Clock clock;
    private final CatalogEvents events;

    /** Scheduling that announces nothing (tests, demo data, benchmarks). */
    public SchedulingRounds(Performances performances, Rounds rounds, Venues venues, Ids ids, Clock clock) {
        this(performances, rounds, venues, ids, clock, CatalogEvents.NONE);
    }

    public SchedulingRounds(Performances performances, Rounds rounds, Venues venues, Ids ids, Clock clock,
                            CatalogEvents events) {
        this.performances = performances;
        this.rounds = rounds;
        this.venues = venues;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    public Round schedule(String performanceId, String venueId, Round.Schedule schedule, Map<String, SectionPlan> plans) {
        Violations v = new Violations();
        v.check(venueId != null, "venueId", "a venue is required");
        schedule.validate(clock.instant(), v);
        v.throwIfInvalid("the round is not valid");
        Performance performance = performances.find(performanceId)
                .orElseThrow(() -> DomainException.notFound("performance", performanceId));
        Venue venue = venues.find(venueId).orElseThrow(() -> DomainException.ruleViolated("unknown-venue",
                "the venue does not exist", List.of(new FieldError("venueId", "no venue " + venueId))));
        SeatLayout layout = venues.layout(venue.id(), venue.layoutVersion()).orElseThrow();
        Violations rules = new Violations();
        schedule.checkTimes(clock.instant(), rules);
        Round.checkPlans(plans, layout, schedule.grades(), rules);
        rules.throwIfRuleViolated("invalid-round", "the round breaks a scheduling rule");

        Round round = new Round(ids.next(), performance.id(), venue.id(), venue.layoutVersion(), schedule.startsAt(),
                schedule.saleOpensAt(),
                schedule.perPersonLimit() == null ? Round.DEFAULT_PER_PERSON_LIMIT : schedule.perPersonLimit(),
                schedule.grades(), plans, 1, null, schedule.memberSale());
        rounds.create(round);
        refreshRunSummary(performance.id());
        if (performance.run().firstRoundAt() == null) {
            // the first round makes the performance visible to fans: its genre's followers hear of it now (the
            // round is stored already, so the adapter reports a failed announcement instead of failing the request)
            events.performanceScheduled(performance, round.saleOpensAt());
        }
        return round;
    }

    /** Moves a round or changes its prices; refused once its sale has opened, because fans already paid those prices. */
    public Round reschedule(String roundId, Round.Schedule schedule) {
        Violations v = new Violations();
        schedule.validate(clock.instant(), v);
        v.throwIfInvalid("the round is not valid");
        Round current = rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
        if (!current.saleOpensAt().isAfter(clock.instant())) {
            throw DomainException.ruleViolated("sale-open", "round " + roundId + " is already on sale; its time and prices are fixed",
                    List.of());
        }
        Violations rules = new Violations();
        schedule.checkTimes(clock.instant(), rules);
        SeatLayout layout = venues.layout(current.venueId(), current.layoutVersion()).orElseThrow();
        Round.checkPlans(current.sections(), layout, schedule.grades(), rules);
        rules.throwIfRuleViolated("invalid-round", "the round breaks a scheduling rule");
        Round next = current.withSchedule(schedule);
        rounds.update(next, current.version());
        refreshRunSummary(current.performanceId());
        return next;
    }

    /**
     * Sets how each section is sold and at which grade. A section's booking mode is fixed once the round's sale has
     * opened: fans may already hold seats, enter or wait in it by that mode, and a seat sold one way must never be on
     * offer another way mid-sale. Grades may still change (prices are the schedule's, locked the same way).
     */
    public Round planSections(String roundId, Map<String, SectionPlan> plans) {
        Round current = rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
        SeatLayout layout = venues.layout(current.venueId(), current.layoutVersion()).orElseThrow();
        Violations rules = new Violations();
        Round.checkPlans(plans, layout, current.grades(), rules);
        rules.throwIfRuleViolated("invalid-round", "the section plan breaks a rule");
        if (!clock.instant().isBefore(current.saleOpensAt())) {
            Violations locked = new Violations();
            plans.forEach((sectionId, plan) -> {
                SectionPlan before = current.sections().get(sectionId);
                locked.check(before == null || before.mode() == plan.mode(), "sections." + sectionId + ".mode",
                        "the sale opened at " + current.saleOpensAt() + "; the section stays " + before.mode());
            });
            locked.throwIfRuleViolated("mode-locked", "booking modes cannot change once the sale has opened");
        }
        Round next = current.withSections(plans);
        rounds.update(next, current.version());
        return next;
    }

    /** Recomputes the performance's run dates from its rounds; retried on a concurrent edit of the performance. */
    private void refreshRunSummary(String performanceId) {
        for (int attempt = 1; ; attempt++) {
            Performance p = performances.find(performanceId).orElseThrow();
            Performance next = p.withRunSummary(Performance.RunSummary.NONE);
            for (Round r : rounds.ofPerformance(performanceId)) {
                next = next.withRound(r);
            }
            try {
                performances.update(next, p.version());
                return;
            } catch (DomainException e) {
                if (e.kind() != DomainException.Kind.CONFLICT || attempt >= SUMMARY_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
