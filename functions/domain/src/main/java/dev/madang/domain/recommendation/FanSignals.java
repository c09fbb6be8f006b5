package dev.madang.domain.recommendation;

import dev.madang.domain.catalog.Genre;

import java.util.List;
import java.util.Set;

/**
 * What a fan has shown of their taste: the performances they booked (oldest first), those whose pages they viewed,
 * and the genres they follow. A fan with none of these is new: the recommender falls back to what sells.
 */
public record FanSignals(List<String> booked, List<String> viewed, Set<Genre> followedGenres) {

    public FanSignals {
        booked = List.copyOf(booked);
        viewed = List.copyOf(viewed);
        followedGenres = Set.copyOf(followedGenres);
    }

    boolean isNew() {
        return booked.isEmpty() && viewed.isEmpty();
    }
}
