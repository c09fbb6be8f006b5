package dev.madang.domain.recommendation;

import dev.madang.domain.catalog.Genre;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RecommenderTest {

    private static PerformanceProfile profile(String id, Genre genre, Set<String> tags, Set<String> cast,
                                              String venue) {
        return new PerformanceProfile(id, genre, tags, cast, Set.of(venue));
    }

    // two musicals with one lead in common, a third musical, two concerts and a play
    private static final List<PerformanceProfile> CATALOG = List.of(
            profile("les-mis", Genre.MUSICAL, Set.of("classic", "epic"), Set.of("actor-kim", "actor-lee"), "V1"),
            profile("phantom", Genre.MUSICAL, Set.of("classic", "romance"), Set.of("actor-kim"), "V1"),
            profile("rent", Genre.MUSICAL, Set.of("rock"), Set.of("actor-park"), "V2"),
            profile("iu-live", Genre.CONCERT, Set.of("pop"), Set.of("iu"), "V3"),
            profile("bts-live", Genre.CONCERT, Set.of("pop", "idol"), Set.of("bts"), "V3"),
            profile("hamlet", Genre.THEATRE, Set.of("classic"), Set.of("actor-choi"), "V4"));

    private static final Map<String, Long> BOOKINGS = Map.of("bts-live", 900L, "iu-live", 500L, "rent", 300L,
            "phantom", 50L, "les-mis", 40L, "hamlet", 10L);

    private final Recommender recommender = new Recommender(CATALOG, BOOKINGS);

    @Test
    void the_most_similar_performance_shares_the_genre_the_cast_and_a_tag_and_never_is_itself() {
        List<Recommender.Scored> similar = recommender.similarTo("les-mis", 3);

        assertThat(similar).extracting(Recommender.Scored::performanceId).first().isEqualTo("phantom");
        assertThat(similar).extracting(Recommender.Scored::performanceId).doesNotContain("les-mis");
        assertThat(similar.get(0).score()).isGreaterThan(similar.get(1).score());
        assertThat(similar.get(0).score()).isLessThanOrEqualTo(1.0 + 1e-9); // a cosine
    }

    @Test
    void nothing_is_similar_to_a_performance_the_catalog_does_not_hold() {
        assertThat(recommender.similarTo("unknown", 5)).isEmpty();
    }

    @Test
    void a_fan_who_booked_a_musical_gets_its_likes_first_and_never_what_they_booked() {
        FanSignals fan = new FanSignals(List.of("les-mis"), List.of(), Set.of());

        List<String> forYou = ids(recommender.forFan(fan, 3));

        assertThat(forYou).first().isEqualTo("phantom");
        assertThat(forYou).doesNotContain("les-mis").hasSize(3);
    }

    @Test
    void the_latest_booking_weighs_more_than_an_older_one() {
        FanSignals musicalThenConcert = new FanSignals(List.of("les-mis", "iu-live"), List.of(), Set.of());
        FanSignals concertThenMusical = new FanSignals(List.of("iu-live", "les-mis"), List.of(), Set.of());

        double concertAfterMusical = scoreOf("bts-live", recommender.forFan(musicalThenConcert, 4));
        double concertBeforeMusical = scoreOf("bts-live", recommender.forFan(concertThenMusical, 4));
        double musicalAfterConcert = scoreOf("phantom", recommender.forFan(concertThenMusical, 4));
        double musicalBeforeConcert = scoreOf("phantom", recommender.forFan(musicalThenConcert, 4));

        assertThat(concertAfterMusical).isGreaterThan(concertBeforeMusical);
        assertThat(musicalAfterConcert).isGreaterThan(musicalBeforeConcert);
    }

    @Test
    void a_new_fan_gets_what_sells_in_the_genres_they_follow_then_what_sells_anywhere() {
        FanSignals followsTheatre = new FanSignals(List.of(), List.of(), Set.of(Genre.THEATRE));
        FanSignals followsNothing = new FanSignals(List.of(), List.of(), Set.of());

        assertThat(ids(recommender.forFan(followsTheatre, 3))).containsExactly("hamlet", "bts-live", "iu-live");
        assertThat(ids(recommender.forFan(followsNothing, 2))).containsExactly("bts-live", "iu-live");
    }

    @Test
    void a_taste_that_reaches_few_performances_is_topped_up_with_what_sells() {
        FanSignals fan = new FanSignals(List.of("hamlet"), List.of(), Set.of());

        List<String> forYou = ids(recommender.forFan(fan, 5));

        assertThat(forYou).hasSize(5).doesNotHaveDuplicates().doesNotContain("hamlet");
        assertThat(forYou.subList(0, 2)).containsExactlyInAnyOrder("les-mis", "phantom"); // the "classic" tag
    }

    private static double scoreOf(String id, List<Recommender.Scored> scored) {
        return scored.stream().filter(s -> s.performanceId().equals(id)).findFirst().orElseThrow().score();
    }

    private static List<String> ids(List<Recommender.Scored> scored) {
        return scored.stream().map(Recommender.Scored::performanceId).toList();
    }
}
