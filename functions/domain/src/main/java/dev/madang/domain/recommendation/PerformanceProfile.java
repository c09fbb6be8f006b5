package dev.madang.domain.recommendation;

import dev.madang.domain.catalog.Genre;

import java.util.Objects;
import java.util.Set;

/**
 * What the recommender knows of a performance: its genre, its tags, its cast (performers, by a stable name or id) and
 * the venues of its rounds. Two performances are alike as far as these overlap.
 */
public record PerformanceProfile(String performanceId, Genre genre, Set<String> tags, Set<String> cast,
                                 Set<String> venueIds) {

    public PerformanceProfile {
        Objects.requireNonNull(performanceId, "performanceId");
        Objects.requireNonNull(genre, "genre");
        tags = Set.copyOf(tags);
        cast = Set.copyOf(cast);
        venueIds = Set.copyOf(venueIds);
    }
}
