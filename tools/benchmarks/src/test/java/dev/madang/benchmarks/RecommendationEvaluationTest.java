package dev.madang.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecommendationEvaluationTest {

    @Test
    void on_a_small_history_the_recommender_finds_more_held_out_bookings_than_popularity_and_shows_more_of_the_catalog() {
        RecommendationEvaluation.Result result = RecommendationEvaluation.evaluate(new SyntheticBookings(300, 1000, 11));

        assertThat(result.fans()).isEqualTo(1000);
        assertThat(result.hitRate()).isGreaterThan(result.baselineHitRate());
        assertThat(result.coverage()).isGreaterThan(result.baselineCoverage());
        assertThat(result.baselineCoverage()).isLessThan(0.1); // the same few hits for everyone
    }

    @Test
    void the_same_seed_makes_the_same_history() {
        SyntheticBookings a = new SyntheticBookings(50, 20, 5);
        SyntheticBookings b = new SyntheticBookings(50, 20, 5);

        assertThat(a.catalog).isEqualTo(b.catalog);
        assertThat(a.fans).isEqualTo(b.fans);
    }
}
