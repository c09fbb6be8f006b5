package dev.madang.domain.recommendation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lists the recommendation job computes, each kept whole in one item so that a page reads one item: a
 * performance's similar ones, a fan's "for you", and what sells (for fans the job does not know yet).
 */
public interface RecommendationLists {

    /** A performance as a list shows it: enough for a card, so the page reads nothing more. */
    record Card(String performanceId, String title, String genre, String posterUrl, Instant firstRoundAt) {
    }

    /** A stored list and when the job computed it. */
    record Stored(List<Card> cards, Instant computedAt) {
    }

    void saveSimilar(String performanceId, Stored list);

    Optional<Stored> similar(String performanceId);

    void saveForFan(String accountId, Stored list);

    Optional<Stored> forFan(String accountId);

    void savePopular(Stored list);

    Optional<Stored> popular();
}
