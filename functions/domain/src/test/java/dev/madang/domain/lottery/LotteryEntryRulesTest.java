package dev.madang.domain.lottery;

import dev.madang.domain.booking.BookingFakes.InMemoryRounds;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.testing.MovableClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening a lottery and entering it, on in-memory fakes: every rule, and that a refusal writes nothing. */
class LotteryEntryRulesTest {

    static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
    static final String ROUND = "01JROUND000000000000000000";
    static final String PLAIN = "01JPLAIN000000000000000000";

    final MovableClock clock = new MovableClock(NOW);
    final InMemoryRounds rounds = new InMemoryRounds();
    final InMemoryLotteries lotteries = new InMemoryLotteries();
    /** What the workflow engine was asked: "start <round> <close epoch> <wait s>" and "cancel <round> <close epoch>". */
    final List<String> workflowCalls = new java.util.ArrayList<>();
    final LotteryWorkflows workflows = new LotteryWorkflows() {
        @Override
        public void start(String roundId, Instant entriesCloseAt, long closeWaitSeconds) {
            workflowCalls.add("start " + roundId + " " + entriesCloseAt.getEpochSecond() + " " + closeWaitSeconds);
        }

        @Override
        public void cancel(String roundId, Instant entriesCloseAt) {
            workflowCalls.add("cancel " + roundId + " " + entriesCloseAt.getEpochSecond());
        }
    };
    final OpeningLotteries opening = new OpeningLotteries(rounds, lotteries, workflows, clock);
    final EnteringLotteries entering = new EnteringLotteries(rounds, lotteries, new EntryIds(), clock);

    LotteryEntryRulesTest() {
        rounds.create(round(ROUND, Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "VIP"),
                "B", new SectionPlan(BookingMode.LOTTERY, "R"), "C", new SectionPlan(BookingMode.LOTTERY, "R"))));
        rounds.create(round(PLAIN, Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "VIP"))));
    }

    static Round round(String id, Map<String, SectionPlan> sections) {
        return new Round(id, "01JPERF0000000000000000000", "01JVENUE000000000000000000", 1,
                NOW.plus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)), 4,
                List.of(new GradePrice("VIP", 170000), new GradePrice("R", 140000)), sections, 1);
    }

    static OpeningLotteries.Schedule schedule(Duration opensIn, Duration closesIn, Duration payIn, int redraws) {
        return new OpeningLotteries.Schedule(NOW.plus(opensIn), NOW.plus(closesIn), NOW.plus(payIn), redraws);
    }

    Lottery openNow() {
        return opening.open(ROUND, schedule(Duration.ZERO, Duration.ofDays(3), Duration.ofDays(5), 2));
    }

    static EnteringLotteries.Entering entering(String fan, String section, Integer party) {
        return new EnteringLotteries.Entering(fan, true, ROUND, section, party);
    }

    static void refused(ThrowingCallable call, DomainException.Kind kind, String type) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.type()).isEqualTo(type);
        });
    }

    @Test
    void settings_change_until_entries_open_and_are_locked_after() {
        Lottery first = opening.open(ROUND, schedule(Duration.ofHours(1), Duration.ofDays(3), Duration.ofDays(5), 0));
        assertThat(first.settings().redraws()).isZero();
        assertThat(opening.open(ROUND, schedule(Duration.ofHours(2), Duration.ofDays(3), Duration.ofDays(5), 3))
                .settings().redraws()).isEqualTo(3);
        clock.advance(Duration.ofHours(2));
        int writes = lotteries.writes;
        refused(() -> opening.open(ROUND, schedule(Duration.ofHours(4), Duration.ofDays(3), Duration.ofDays(5), 1)),
                DomainException.Kind.RULE_VIOLATED, "lottery-locked");
        assertThat(lotteries.writes).isEqualTo(writes);
        assertThat(opening.get(ROUND).settings().redraws()).isEqualTo(3);
    }

    @Test
    void a_schedule_out_of_order_or_without_a_lottery_section_is_refused_and_writes_nothing() {
        refused(() -> opening.open(ROUND, schedule(Duration.ofDays(3), Duration.ofDays(1), Duration.ofDays(5), 0)),
                DomainException.Kind.RULE_VIOLATED, "invalid-lottery-schedule");
        refused(() -> opening.open(ROUND, schedule(Duration.ZERO, Duration.ofDays(5), Duration.ofDays(4), 0)),
                DomainException.Kind.RULE_VIOLATED, "invalid-lottery-schedule");
        refused(() -> opening.open(ROUND, schedule(Duration.ZERO, Duration.ofDays(3), Duration.ofDays(31), 0)),
                DomainException.Kind.RULE_VIOLATED, "invalid-lottery-schedule");
        refused(() -> opening.open(ROUND, schedule(Duration.ZERO, Duration.ofDays(3), Duration.ofDays(5), 4)),
                DomainException.Kind.RULE_VIOLATED, "invalid-lottery-schedule");
        refused(() -> opening.open(ROUND, schedule(Duration.ZERO, Duration.ofDays(3), Duration.ofDays(5), -1)),
                DomainException.Kind.RULE_VIOLATED, "invalid-lottery-schedule");
        refused(() -> opening.open(PLAIN, schedule(Duration.ZERO, Duration.ofDays(3), Duration.ofDays(5), 0)),
                DomainException.Kind.RULE_VIOLATED, "no-lottery-section");
        refused(() -> opening.open("01JNONE0000000000000000000", schedule(Duration.ZERO, Duration.ofDays(3),
                Duration.ofDays(5), 0)), DomainException.Kind.NOT_FOUND, "not-found");
        refused(() -> opening.open(ROUND, new OpeningLotteries.Schedule(NOW, null, NOW, 0)),
                DomainException.Kind.INVALID, "invalid-request");
        assertThat(lotteries.writes).isZero();
        refused(() -> opening.get(ROUND), DomainException.Kind.NOT_FOUND, "not-found");
    }

    @Test
    void a_fan_enters_once_changes_and_withdraws_and_the_counters_follow() {
        openNow();
        FanEntry entry = entering.enter(entering("fan-1", "B", 2));
        assertThat(entry.entryId()).hasSize(26).doesNotContain("fan-1");
        assertThat(entry.state()).isEqualTo(EntryState.ENTERED);
        entering.enter(entering("fan-2", "B", 2));
        entering.enter(entering("fan-3", "C", 1));
        refused(() -> entering.enter(entering("fan-1", "C", 1)), DomainException.Kind.CONFLICT, "already-entered");

        Lottery lottery = opening.get(ROUND);
        assertThat(lottery.entries("B", 2)).isEqualTo(2);
        assertThat(lottery.entries("C", 1)).isEqualTo(1);
        assertThat(lottery.entries()).isEqualTo(3);

        FanEntry changed = entering.change(entering("fan-1", "C", 4));
        assertThat(changed.entryId()).isEqualTo(entry.entryId());
        assertThat(opening.get(ROUND).entries("B", 2)).isEqualTo(1);
        assertThat(opening.get(ROUND).entries("C", 4)).isEqualTo(1);
        assertThat(entering.mine("fan-1")).containsExactly(changed);
        assertThat(lotteries.entriesIn(ROUND, "C")).extracting(LotteryEntry::entryId).contains(entry.entryId());

        entering.withdraw("fan-1", true, ROUND);
        assertThat(entering.mine("fan-1")).isEmpty();
        assertThat(opening.get(ROUND).entries()).isEqualTo(2);
        refused(() -> entering.withdraw("fan-1", true, ROUND), DomainException.Kind.NOT_FOUND, "not-found");
        refused(() -> entering.change(entering("fan-1", "B", 1)), DomainException.Kind.NOT_FOUND, "not-found");
    }

    @Test
    void bad_entries_are_refused_and_write_nothing() {
        openNow();
        int writes = lotteries.writes;
        refused(() -> entering.enter(new EnteringLotteries.Entering("fan-1", false, ROUND, "B", 1)),
                DomainException.Kind.FORBIDDEN, "identity-verification-required");
        refused(() -> entering.enter(entering("fan-1", "A", 1)), DomainException.Kind.RULE_VIOLATED,
                "not-a-lottery-section");
        refused(() -> entering.enter(entering("fan-1", "Z", 1)), DomainException.Kind.RULE_VIOLATED,
                "not-a-lottery-section");
        refused(() -> entering.enter(entering("fan-1", "B", 0)), DomainException.Kind.RULE_VIOLATED, "per-person-limit");
        refused(() -> entering.enter(entering("fan-1", "B", 5)), DomainException.Kind.RULE_VIOLATED, "per-person-limit");
        refused(() -> entering.enter(entering("fan-1", "B", null)), DomainException.Kind.INVALID, "invalid-request");
        refused(() -> entering.enter(new EnteringLotteries.Entering("fan-1", true, "01JNONE0000000000000000000", "B", 1)),
                DomainException.Kind.NOT_FOUND, "not-found");
        assertThat(lotteries.writes).isEqualTo(writes);
        assertThat(opening.get(ROUND).entries()).isZero();
    }

    @Test
    void entries_are_taken_only_between_open_and_close() {
        opening.open(ROUND, schedule(Duration.ofHours(1), Duration.ofHours(2), Duration.ofDays(5), 0));
        refused(() -> entering.enter(entering("fan-1", "B", 1)), DomainException.Kind.RULE_VIOLATED, "entries-closed");
        clock.advance(Duration.ofHours(1));
        entering.enter(entering("fan-1", "B", 1));
        clock.advance(Duration.ofHours(1));
        int writes = lotteries.writes;
        refused(() -> entering.enter(entering("fan-2", "B", 1)), DomainException.Kind.RULE_VIOLATED, "entries-closed");
        refused(() -> entering.change(entering("fan-1", "C", 1)), DomainException.Kind.RULE_VIOLATED, "entries-closed");
        refused(() -> entering.withdraw("fan-1", true, ROUND), DomainException.Kind.RULE_VIOLATED, "entries-closed");
        assertThat(lotteries.writes).isEqualTo(writes);
        assertThat(entering.mine("fan-1")).hasSize(1);
    }

    @Test
    void a_round_without_a_lottery_takes_no_entries() {
        refused(() -> entering.enter(entering("fan-1", "B", 1)), DomainException.Kind.RULE_VIOLATED, "entries-closed");
    }

    @Test
    void opening_starts_the_draw_to_run_when_entries_close_and_a_replaced_schedule_cancels_the_old_wait() {
        Instant closes = NOW.plus(Duration.ofDays(3));
        opening.open(ROUND, schedule(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5), 1));
        assertThat(workflowCalls).containsExactly("start " + ROUND + " " + closes.getEpochSecond() + " "
                + Duration.ofDays(3).toSeconds());

        // the same schedule again: the same execution (the engine ignores a second start of one name), nothing stopped
        opening.open(ROUND, schedule(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5), 1));
        assertThat(workflowCalls).hasSize(2).allMatch(c -> c.startsWith("start "));

        // entries now close a day later: the new wait starts, the old one is stopped
        opening.open(ROUND, schedule(Duration.ofDays(1), Duration.ofDays(4), Duration.ofDays(5), 1));
        assertThat(workflowCalls.subList(2, 4)).containsExactly(
                "start " + ROUND + " " + NOW.plus(Duration.ofDays(4)).getEpochSecond() + " "
                        + Duration.ofDays(4).toSeconds(),
                "cancel " + ROUND + " " + closes.getEpochSecond());

        // a refused schedule starts nothing
        workflowCalls.clear();
        refused(() -> opening.open(PLAIN, schedule(Duration.ZERO, Duration.ofDays(3), Duration.ofDays(5), 0)),
                DomainException.Kind.RULE_VIOLATED, "no-lottery-section");
        assertThat(workflowCalls).isEmpty();
    }
}
