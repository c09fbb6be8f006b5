package dev.madang.aws.lottery;

import dev.madang.domain.lottery.EntryIds;
import dev.madang.domain.lottery.EntryState;
import dev.madang.domain.lottery.FanEntry;
import dev.madang.domain.lottery.Lotteries.Outcome;
import dev.madang.domain.lottery.Lottery;
import dev.madang.domain.lottery.LotteryEntry;
import dev.madang.domain.lottery.LotterySettings;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lottery store on the local DynamoDB (dynalite, through the project's harness): settings locked once entries
 * open, one entry per fan per round even under parallel requests, the counters following every write, refused
 * writes writing nothing, and the entry items carrying no account. Item counts come from scanning the table, which
 * only a test may do; each test uses its own round, so counting the items of that round is exact.
 */
class DynamoLotteriesTest {

    static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
    static LocalAws aws;
    static String table;
    static DynamoLotteries lotteries;
    static final EntryIds IDS = new EntryIds();

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        table = aws.tableName("LotteryTable");
        lotteries = new DynamoLotteries(aws.dynamo(), table);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static String openRound() {
        String round = IDS.get();
        assertThat(lotteries.save(new LotterySettings(round, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(2)), 1), NOW.minus(Duration.ofHours(2)))).isTrue();
        return round;
    }

    static FanEntry entry(String round, String section, int party) {
        return new FanEntry(round, IDS.get(), section, party, EntryState.ENTERED, NOW);
    }

    /** The items of one round, whatever their key (a test-only scan). */
    static List<Map<String, AttributeValue>> itemsOf(String round) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.dynamo().scanPaginator(r -> r.tableName(table)).items().forEach(item -> {
            if (item.get("pk").s().contains(round)) {
                items.add(item);
            }
        });
        return items;
    }

    @Test
    void settings_save_until_entries_open_then_are_locked() {
        String round = IDS.get();
        LotterySettings first = new LotterySettings(round, NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(2)), 0);
        assertThat(lotteries.save(first, NOW)).isTrue();
        LotterySettings second = new LotterySettings(round, NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(2)), 3);
        assertThat(lotteries.save(second, NOW)).isTrue();
        assertThat(lotteries.find(round)).hasValueSatisfying(l -> assertThat(l.settings()).isEqualTo(second));
        assertThat(lotteries.save(first, NOW.plus(Duration.ofHours(2)))).isFalse();
        assertThat(lotteries.find(round).orElseThrow().settings()).isEqualTo(second);
        assertThat(lotteries.find(IDS.get())).isEmpty();
    }

    @Test
    void enter_change_withdraw_keep_items_and_counters_in_step() {
        String round = openRound();
        FanEntry a = entry(round, "B", 2);
        assertThat(lotteries.enter("acct-a", a, NOW)).isEqualTo(Outcome.DONE);
        assertThat(lotteries.enter("acct-b", entry(round, "B", 2), NOW)).isEqualTo(Outcome.DONE);
        assertThat(lotteries.enter("acct-c", entry(round, "C", 1), NOW)).isEqualTo(Outcome.DONE);
        assertThat(lotteries.enter("acct-a", entry(round, "C", 1), NOW)).isEqualTo(Outcome.ALREADY_ENTERED);

        Lottery lottery = lotteries.find(round).orElseThrow();
        assertThat(lottery.entryCounts()).isEqualTo(Map.of("B", Map.of(2, 2L), "C", Map.of(1, 1L)));
        assertThat(lotteries.entryOf(round, "acct-a")).contains(a);
        assertThat(lotteries.entriesIn(round, "B")).hasSize(2).contains(new LotteryEntry(a.entryId(), "B", 2));
        // the entry the draw reads names no account; only the claim does
        assertThat(itemsOf(round)).filteredOn(i -> i.get("pk").s().startsWith("ENTRIES#"))
                .allSatisfy(i -> assertThat(i.values()).noneMatch(v -> v.s() != null && v.s().startsWith("acct-")));

        FanEntry moved = new FanEntry(round, a.entryId(), "C", 4, EntryState.ENTERED, NOW);
        assertThat(lotteries.change("acct-a", a, moved, NOW)).isEqualTo(Outcome.DONE);
        assertThat(lotteries.change("acct-a", a, moved, NOW)).as("based on an old read").isEqualTo(Outcome.STALE);
        FanEntry resized = new FanEntry(round, a.entryId(), "C", 3, EntryState.ENTERED, NOW);
        assertThat(lotteries.change("acct-a", moved, resized, NOW)).isEqualTo(Outcome.DONE);
        assertThat(lotteries.find(round).orElseThrow().entryCounts())
                .isEqualTo(Map.of("B", Map.of(2, 1L), "C", Map.of(1, 1L, 3, 1L)));
        assertThat(lotteries.entriesIn(round, "B")).extracting(LotteryEntry::entryId).doesNotContain(a.entryId());
        assertThat(lotteries.entriesIn(round, "C")).contains(new LotteryEntry(a.entryId(), "C", 3));
        assertThat(lotteries.entriesOf("acct-a", 10)).containsExactly(resized);

        assertThat(lotteries.withdraw("acct-a", moved, NOW)).isEqualTo(Outcome.STALE);
        assertThat(lotteries.withdraw("acct-a", resized, NOW)).isEqualTo(Outcome.DONE);
        assertThat(lotteries.entryOf(round, "acct-a")).isEmpty();
        assertThat(lotteries.entriesOf("acct-a", 10)).isEmpty();
        assertThat(lotteries.find(round).orElseThrow().entryCounts())
                .isEqualTo(Map.of("B", Map.of(2, 1L), "C", Map.of(1, 1L)));
        // settings + two fans' claim and entry
        assertThat(itemsOf(round)).hasSize(5);
    }

    @Test
    void outside_the_window_nothing_is_written() {
        String round = IDS.get();
        lotteries.save(new LotterySettings(round, NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)),
                NOW.plus(Duration.ofDays(2)), 0), NOW);
        assertThat(lotteries.enter("acct-a", entry(round, "B", 1), NOW)).isEqualTo(Outcome.CLOSED);
        FanEntry a = entry(round, "B", 1);
        assertThat(lotteries.enter("acct-a", a, NOW.plus(Duration.ofMinutes(90)))).isEqualTo(Outcome.DONE);
        Instant late = NOW.plus(Duration.ofHours(2));
        assertThat(lotteries.enter("acct-b", entry(round, "B", 1), late)).isEqualTo(Outcome.CLOSED);
        assertThat(lotteries.change("acct-a", a, new FanEntry(round, a.entryId(), "C", 1, EntryState.ENTERED, NOW),
                late)).isEqualTo(Outcome.CLOSED);
        assertThat(lotteries.withdraw("acct-a", a, late)).isEqualTo(Outcome.CLOSED);
        assertThat(itemsOf(round)).hasSize(3);
        assertThat(lotteries.find(round).orElseThrow().entries()).isEqualTo(1);
        // no lottery at all: closed, nothing written
        String none = IDS.get();
        assertThat(lotteries.enter("acct-a", entry(none, "B", 1), NOW)).isEqualTo(Outcome.CLOSED);
        assertThat(itemsOf(none)).isEmpty();
    }

    @Test
    void twenty_parallel_entries_of_one_fan_make_exactly_one() throws Exception {
        String round = openRound();
        int threads = 20;
        CyclicBarrier start = new CyclicBarrier(threads);
        Map<Outcome, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    Outcome o = lotteries.enter("acct-racer", entry(round, "B", 2), NOW);
                    outcomes.computeIfAbsent(o, k -> new AtomicInteger()).incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<Map<String, AttributeValue>> items = itemsOf(round);
        long written = items.stream().filter(i -> !i.get("sk").s().equals("SETTINGS")).count();
        System.out.println("lottery_concurrent_entries threads=" + threads + " entered="
                + outcomes.getOrDefault(Outcome.DONE, new AtomicInteger()) + " already_entered="
                + outcomes.getOrDefault(Outcome.ALREADY_ENTERED, new AtomicInteger()) + " items_written=" + written
                + " counter=" + lotteries.find(round).orElseThrow().entries("B", 2));
        assertThat(outcomes.get(Outcome.DONE)).hasValue(1);
        assertThat(outcomes.get(Outcome.ALREADY_ENTERED)).hasValue(threads - 1);
        assertThat(written).isEqualTo(2);
        assertThat(lotteries.find(round).orElseThrow().entries("B", 2)).isEqualTo(1);
    }
}
