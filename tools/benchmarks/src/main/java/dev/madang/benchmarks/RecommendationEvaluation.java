package dev.madang.benchmarks;

import dev.madang.domain.recommendation.FanSignals;
import dev.madang.domain.recommendation.Recommender;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Offline evaluation of the recommender (issue 19): on a synthetic booking history ({@link SyntheticBookings}), each
 * fan's last booking is held out; the recommender, built from the rest (the catalog and the other bookings' counts),
 * makes the fan's "for you" list of {@value Recommender#LIST_SIZE} from their earlier bookings, views and followed
 * genres, and a hit is the held-out performance in it. Beside it, the popularity baseline: the most booked
 * performances the fan has not booked. Prints {@code hit_rate_at_10} and {@code baseline_hit_rate_at_10} (share of
 * fans with a hit) and {@code coverage} (share of the catalog that appears in some fan's list), so that a change to
 * the model is judged by numbers. {@code -Dbench.performances} (600), {@code -Dbench.fans} (4,000),
 * {@code -Dbench.seed} (2026).
 */
public final class RecommendationEvaluation {

    private RecommendationEvaluation() {
    }

    record Result(double hitRate, double coverage, double baselineHitRate, double baselineCoverage, int fans) {
    }

    public static void main(String[] args) {
        int performances = Integer.getInteger("bench.performances", 600);
        int fans = Integer.getInteger("bench.fans", 4000);
        long seed = Long.getLong("bench.seed", 2026);
        long started = System.nanoTime();
        Result r = evaluate(new SyntheticBookings(performances, fans, seed));
        System.out.println("scenario=" + performances + " performances, " + r.fans() + " fans with 3-15 bookings each"
                + " (synthetic, seed " + seed + "); each fan's last booking held out; lists of "
                + Recommender.LIST_SIZE);
        System.out.println(String.format(Locale.ROOT, "hit_rate_at_10=%.3f", r.hitRate()));
        System.out.println(String.format(Locale.ROOT, "baseline_hit_rate_at_10=%.3f", r.baselineHitRate()));
        System.out.println(String.format(Locale.ROOT, "coverage=%.3f", r.coverage()));
        System.out.println(String.format(Locale.ROOT, "baseline_coverage=%.3f", r.baselineCoverage()));
        System.out.println(String.format(Locale.ROOT, "hit_rate_lift=%.2f", r.hitRate() / r.baselineHitRate()));
        System.out.println(String.format(Locale.ROOT, "run_s=%.1f", (System.nanoTime() - started) / 1e9));
    }

    static Result evaluate(SyntheticBookings history) {
        Map<String, Long> trainingCounts = new HashMap<>();
        for (SyntheticBookings.Fan fan : history.fans) {
            training(fan).forEach(id -> trainingCounts.merge(id, 1L, Long::sum));
        }
        Recommender recommender = new Recommender(history.catalog, trainingCounts);
        int evaluated = 0;
        int hits = 0;
        int baselineHits = 0;
        Set<String> shown = new HashSet<>();
        Set<String> baselineShown = new HashSet<>();
        for (SyntheticBookings.Fan fan : history.fans) {
            String heldOut = fan.booked().get(fan.booked().size() - 1);
            List<String> earlier = training(fan);
            List<String> forYou = ids(recommender.forFan(new FanSignals(earlier, fan.viewed(), fan.followed()),
                    Recommender.LIST_SIZE));
            List<String> popular = ids(recommender.popular(Set.of(), new HashSet<>(earlier), Recommender.LIST_SIZE));
            evaluated++;
            hits += forYou.contains(heldOut) ? 1 : 0;
            baselineHits += popular.contains(heldOut) ? 1 : 0;
            shown.addAll(forYou);
            baselineShown.addAll(popular);
        }
        double size = recommender.catalogSize();
        return new Result((double) hits / evaluated, shown.size() / size, (double) baselineHits / evaluated,
                baselineShown.size() / size, evaluated);
    }

    /** A fan's bookings but the last, the one held out. */
    private static List<String> training(SyntheticBookings.Fan fan) {
        return fan.booked().subList(0, fan.booked().size() - 1);
    }

    private static List<String> ids(List<Recommender.Scored> scored) {
        return scored.stream().map(Recommender.Scored::performanceId).toList();
    }
}
