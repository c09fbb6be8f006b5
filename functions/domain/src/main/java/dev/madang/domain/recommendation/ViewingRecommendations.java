package dev.madang.domain.recommendation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a page shows: a performance's similar ones, and a fan's "for you"; each one item read. A fan the job does not
 * know yet (nothing booked, no genre followed when it last ran) gets what sells, which each instance keeps for
 * {@link #POPULAR_FRESHNESS} rather than reading it again per request.
 */
public final class ViewingRecommendations {

    static final Duration POPULAR_FRESHNESS = Duration.ofMinutes(10);

    private final RecommendationLists lists;
    private final Clock clock;
    private volatile Kept popular;

    private record Kept(RecommendationLists.Stored list, Instant readAt) {
    }

    public ViewingRecommendations(RecommendationLists lists, Clock clock) {
        this.lists = lists;
        this.clock = clock;
    }

    /** The performance's similar ones; empty before the job's first run or for an unknown performance. */
    public List<RecommendationLists.Card> similarTo(String performanceId) {
        return lists.similar(performanceId).map(RecommendationLists.Stored::cards).orElse(List.of());
    }

    /** The fan's list, and whether it is theirs (false: what sells, for a fan the job does not know yet). */
    public record ForYou(List<RecommendationLists.Card> cards, boolean personal) {
    }

    public ForYou forFan(String accountId) {
        Optional<RecommendationLists.Stored> mine = lists.forFan(accountId);
        if (mine.isPresent()) {
            return new ForYou(mine.get().cards(), true);
        }
        return new ForYou(popular(), false);
    }

    private List<RecommendationLists.Card> popular() {
        Kept kept = popular;
        Instant now = clock.instant();
        if (kept == null || kept.readAt().plus(POPULAR_FRESHNESS).isBefore(now)) {
            kept = new Kept(lists.popular().orElse(new RecommendationLists.Stored(List.of(), now)), now);
            popular = kept;
        }
        return kept.list().cards();
    }
}
