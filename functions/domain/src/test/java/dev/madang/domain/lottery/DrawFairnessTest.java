package dev.madang.domain.lottery;

import dev.madang.domain.catalog.Seat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.madang.domain.lottery.DrawingLotteryTest.rows;
import static dev.madang.domain.lottery.DrawingLotteryTest.seed;
import static dev.madang.domain.lottery.DrawingLotteryTest.singles;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statistical tests of the draw's fairness. The seeds are fixed ("fairness-0" ...), so the tests are deterministic;
 * what they show is that on 2,000 draws the outcomes look like a fair lottery's, which a biased shuffle, a biased
 * bounded number or a rotating scheme would not.
 */
class DrawFairnessTest {

    static final int DRAWS = 2_000;

    /**
     * 20 single-seat entries for 10 seats: each should win with p = 1/2, so E = 1,000 wins each.
     *
     * <p>The statistic: within one draw exactly 10 of 20 win (drawing without replacement), so the win counts are
     * negatively correlated and Pearson's plain sum of (W - E)^2 / E would be too small (its mean is 10, not 19).
     * Scaled by the variance of a count under the finite-population correction,
     * sigma^2 = N p (1 - p) n / (n - 1), X^2 = sum (W_i - E)^2 / sigma^2 is chi-square with n - 1 = 19 degrees of
     * freedom when the draw is fair (the counts are sums of 2,000 independent draws, so the normal approximation
     * holds well).
     *
     * <p>Critical values of chi-square(19), from the standard table: upper 0.1 % 43.820, lower 0.1 % 5.407. Above
     * the upper one the draw favours some entries (p &lt; 0.001); below the lower one the counts are more even than
     * chance allows, as with a scheme that rotates winners.
     */
    @Test
    void every_single_entry_wins_about_half_the_draws_by_a_chi_square_test() {
        int entries = 20;
        int seats = 10;
        List<LotteryEntry> singles = singles("A", entries);
        List<Seat> free = rows("A", 1, seats);
        Map<String, Integer> wins = new HashMap<>();

        for (int d = 0; d < DRAWS; d++) {
            DrawResult result = DrawingLottery.draw(singles, free, seed("fairness-" + d));
            assertThat(result.winners()).hasSize(seats);
            result.winners().keySet().forEach(id -> wins.merge(id, 1, Integer::sum));
        }

        double p = (double) seats / entries;
        double expected = DRAWS * p;
        double variance = DRAWS * p * (1 - p) * entries / (entries - 1.0);
        double chiSquare = singles.stream()
                .mapToDouble(e -> Math.pow(wins.getOrDefault(e.entryId(), 0) - expected, 2) / variance).sum();
        System.out.printf("lottery fairness: %d draws, %d entries, %d seats: chi-square = %.3f (df 19, "
                + "accepted between 5.407 and 43.820 at p = 0.001 each side)%n", DRAWS, entries, seats, chiSquare);

        assertThat(chiSquare).isBetween(5.407, 43.820);
    }

    /**
     * Parties of 1, 2 and 4 for one section of 12 seats in rows of 4: every winner gets exactly its party's seats,
     * and entries of the same size win equally often. That is checked per size by Pearson's chi-square test of
     * homogeneity on the 2 x m table of wins and losses (m - 1 degrees of freedom); entries compete within a draw,
     * so their outcomes are negatively correlated and the test is if anything conservative. Upper 0.1 % critical
     * values from the table: df 7 24.322, df 5 20.515, df 3 16.266.
     */
    @Test
    void mixed_parties_win_as_a_whole_and_equal_parties_equally_often() {
        List<LotteryEntry> entries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            entries.add(new LotteryEntry("one-" + i, "A", 1));
        }
        for (int i = 0; i < 6; i++) {
            entries.add(new LotteryEntry("two-" + i, "A", 2));
        }
        for (int i = 0; i < 4; i++) {
            entries.add(new LotteryEntry("four-" + i, "A", 4));
        }
        List<Seat> free = rows("A", 3, 4);
        Map<String, Integer> wins = new HashMap<>();

        for (int d = 0; d < DRAWS; d++) {
            DrawResult result = DrawingLottery.draw(entries, free, seed("mixed-" + d));
            for (LotteryEntry entry : entries) {
                List<String> seats = result.winners().get(entry.entryId());
                if (seats != null) {
                    assertThat(seats).hasSize(entry.partySize());
                    wins.merge(entry.entryId(), 1, Integer::sum);
                }
            }
            assertThat(result.counts().seatsAssigned()).isLessThanOrEqualTo(12);
        }

        Map<Integer, Double> critical = Map.of(1, 24.322, 2, 20.515, 4, 16.266);
        for (int size : List.of(1, 2, 4)) {
            List<Integer> counts = entries.stream().filter(e -> e.partySize() == size)
                    .map(e -> wins.getOrDefault(e.entryId(), 0)).toList();
            double chiSquare = homogeneity(counts);
            System.out.printf("lottery fairness: parties of %d, wins %s: chi-square = %.3f (df %d, critical %.3f)%n",
                    size, counts, chiSquare, counts.size() - 1, critical.get(size));
            assertThat(counts).allSatisfy(c -> assertThat(c).isPositive());
            assertThat(chiSquare).isLessThan(critical.get(size));
        }
    }

    /** Pearson's chi-square for a 2 x m table: each entry's wins and losses out of DRAWS. */
    static double homogeneity(List<Integer> wins) {
        double pooled = wins.stream().mapToInt(Integer::intValue).sum() / (double) (wins.size() * DRAWS);
        double expectedWins = DRAWS * pooled;
        double expectedLosses = DRAWS * (1 - pooled);
        return wins.stream().mapToDouble(w -> Math.pow(w - expectedWins, 2) / expectedWins
                + Math.pow((DRAWS - w) - expectedLosses, 2) / expectedLosses).sum();
    }
}
