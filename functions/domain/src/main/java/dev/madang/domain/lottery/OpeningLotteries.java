package dev.madang.domain.lottery;

import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An organiser opens a round's lottery: when entries open and close, the winners' payment deadline and how many
 * redraws. The round needs a LOTTERY section; the times must come in the order opens &lt; closes &lt; payment
 * deadline &lt; the round's start; the settings can change until entries open and are fixed from then on.
 */
public final class OpeningLotteries {

    private final Rounds rounds;
    private final Lotteries lotteries;
    private final LotteryWorkflows workflows;
    private final Clock clock;

    public OpeningLotteries(Rounds rounds, Lotteries lotteries, LotteryWorkflows workflows, Clock clock) {
        this.rounds = rounds;
        this.lotteries = lotteries;
        this.workflows = workflows;
        this.clock = clock;
    }

    public record Schedule(Instant entriesOpenAt, Instant entriesCloseAt, Instant paymentDeadline, Integer redraws) {
    }

    public Lottery open(String roundId, Schedule s) {
        new Violations().check(s.entriesOpenAt() != null, "entriesOpenAt", "required")
                .check(s.entriesCloseAt() != null, "entriesCloseAt", "required")
                .check(s.paymentDeadline() != null, "paymentDeadline", "required")
                .check(s.redraws() != null, "redraws", "required")
                .throwIfInvalid("the lottery schedule is incomplete");
        Round round = rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
        if (round.sections().values().stream().noneMatch(p -> p.mode() == BookingMode.LOTTERY)) {
            throw DomainException.ruleViolated("no-lottery-section", "round " + roundId
                    + " has no section sold by lottery; set a section's booking mode to LOTTERY first", List.of());
        }
        LotterySettings settings = new LotterySettings(roundId, s.entriesOpenAt(), s.entriesCloseAt(),
                s.paymentDeadline(), s.redraws());
        Instant now = clock.instant();
        new Violations()
                .check(settings.entriesOpenAt().isBefore(settings.entriesCloseAt()), "entriesCloseAt",
                        "entries must close after they open")
                .check(settings.entriesCloseAt().isBefore(settings.paymentDeadline()), "paymentDeadline",
                        "the payment deadline must come after entries close")
                .check(settings.paymentDeadline().isBefore(round.startsAt()), "paymentDeadline",
                        "the payment deadline must come before the round starts")
                .check(settings.entriesCloseAt().isAfter(now), "entriesCloseAt", "entries would be closed already")
                .check(s.redraws() >= 0 && s.redraws() <= LotterySettings.MAX_REDRAWS, "redraws",
                        "0-" + LotterySettings.MAX_REDRAWS + " redraws")
                .throwIfRuleViolated("invalid-lottery-schedule", "the lottery schedule breaks a rule");
        Optional<Lottery> before = lotteries.find(roundId);
        if (before.map(l -> l.settings().locked(now)).orElse(false) || !lotteries.save(settings, now)) {
            throw locked(roundId);
        }
        // the draw starts by itself when the entries close; a schedule replaced before they opened ends its wait
        workflows.start(roundId, settings.entriesCloseAt(),
                Math.max(1, Duration.between(now, settings.entriesCloseAt()).toSeconds()));
        before.map(l -> l.settings().entriesCloseAt()).filter(closeAt -> !closeAt.equals(settings.entriesCloseAt()))
                .ifPresent(closeAt -> workflows.cancel(roundId, closeAt));
        return lotteries.find(roundId).orElseThrow();
    }

    /** The round's lottery with its entry counts; 404 when none was opened. */
    public Lottery get(String roundId) {
        return lotteries.find(roundId).orElseThrow(() -> DomainException.notFound("lottery of round", roundId));
    }

    private static DomainException locked(String roundId) {
        return DomainException.ruleViolated("lottery-locked", "entries to the lottery of round " + roundId
                + " have opened; its settings can no longer change", List.of());
    }
}
