package dev.madang.domain.catalog;

import dev.madang.domain.common.Violations;

import java.net.URI;
import java.util.HashSet;
import java.util.List;

/**
 * What an organiser writes about a performance; checked here once for both create and edit. {@code cast} names its
 * performers (the recommender's strongest feature: fans follow performers).
 */
public record PerformanceDetails(
        String title,
        Genre genre,
        List<String> tags,
        List<String> cast,
        int runtimeMinutes,
        int ageLimit,
        String description,
        String posterUrl) {

    public PerformanceDetails {
        tags = tags == null ? List.of() : List.copyOf(tags);
        cast = cast == null ? List.of() : List.copyOf(cast);
    }

    /** Without a cast. */
    public PerformanceDetails(String title, Genre genre, List<String> tags, int runtimeMinutes, int ageLimit,
                              String description, String posterUrl) {
        this(title, genre, tags, List.of(), runtimeMinutes, ageLimit, description, posterUrl);
    }

    void validate() {
        Violations v = new Violations();
        v.check(title != null && !title.isBlank() && title.length() <= 200, "title", "a title of 1-200 characters is required");
        v.check(genre != null, "genre", "a genre is required");
        v.check(tags.size() <= 20, "tags", "at most 20 tags");
        v.check(tags.stream().allMatch(t -> t != null && !t.isBlank() && t.length() <= 30), "tags",
                "each tag is 1-30 characters");
        v.check(new HashSet<>(tags).size() == tags.size(), "tags", "tags repeat");
        v.check(cast.size() <= 30, "cast", "at most 30 performers");
        v.check(cast.stream().allMatch(c -> c != null && !c.isBlank() && c.length() <= 60), "cast",
                "each performer is 1-60 characters");
        v.check(new HashSet<>(cast).size() == cast.size(), "cast", "performers repeat");
        v.check(runtimeMinutes >= 1 && runtimeMinutes <= 1_440, "runtimeMinutes", "a runtime of 1-1440 minutes");
        v.check(ageLimit >= 0 && ageLimit <= 19, "ageLimit", "an age limit of 0-19");
        v.check(description == null || description.length() <= 10_000, "description", "at most 10000 characters");
        v.check(posterUrl == null || isHttpsUrl(posterUrl), "posterUrl", "an https URL");
        v.throwIfInvalid("the performance is not valid");
    }

    private static boolean isHttpsUrl(String s) {
        try {
            URI uri = URI.create(s);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && s.length() <= 2_000;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
