package dev.madang.api.recommendation;

import dev.madang.api.support.Times;
import dev.madang.domain.recommendation.RecommendationLists;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** How the recommendation lists are answered. */
final class RecommendationViews {

    private RecommendationViews() {
    }

    /** A recommended performance: enough for a card. */
    @Schema(name = "RecommendedPerformance")
    record CardView(
            @Schema(required = true) String performanceId,
            @Schema(required = true) String title,
            @Schema(required = true) String genre,
            @Schema(nullable = true) String posterUrl,
            @Schema(nullable = true) OffsetDateTime firstRoundAt) {

        static CardView of(RecommendationLists.Card c) {
            return new CardView(c.performanceId(), c.title(), c.genre(), c.posterUrl(),
                    c.firstRoundAt() == null ? null : Times.seoul(c.firstRoundAt()));
        }

        static List<CardView> of(List<RecommendationLists.Card> cards) {
            return cards.stream().map(CardView::of).toList();
        }
    }

    @Schema(name = "SimilarPerformances")
    record SimilarView(@Schema(required = true) List<CardView> items) {
    }

    @Schema(name = "ForYou")
    record ForYouView(
            @Schema(required = true, description = "false: what sells, for a fan the recommender does not know yet")
            boolean personal,
            @Schema(required = true) List<CardView> items) {
    }
}
