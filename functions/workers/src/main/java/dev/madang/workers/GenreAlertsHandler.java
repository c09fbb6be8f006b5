package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.aws.catalog.EventBridgeCatalogEvents;
import dev.madang.domain.alerts.FollowingGenres;
import dev.madang.domain.alerts.TellingGenreFollowers;
import dev.madang.domain.catalog.Genre;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Instant;
import java.util.Map;

/**
 * EventBridge target of the catalog bus's rule (template.yaml, GenreAlertsFunction): one catalog announcement, fanned
 * out to the genre's followers on the notification queue. An event of another kind is a failure (the rule should not
 * have sent it), so EventBridge's retries and the log show it.
 */
@Named("genreAlerts")
public class GenreAlertsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final TellingGenreFollowers telling;

    @Inject
    public GenreAlertsHandler(TellingGenreFollowers telling) {
        this.telling = telling;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String detailType = String.valueOf(event.get("detail-type"));
        if (!(event.get("detail") instanceof Map<?, ?> detail)) {
            throw new IllegalArgumentException("a catalog event without a detail: " + detailType);
        }
        String performanceId = String.valueOf(detail.get("performanceId"));
        Genre genre = FollowingGenres.genre(String.valueOf(detail.get("genre")));
        int told = switch (detailType) {
            case EventBridgeCatalogEvents.PERFORMANCE_SCHEDULED -> telling.performanceScheduled(performanceId, genre);
            case EventBridgeCatalogEvents.SALE_OPENING -> telling.saleOpening(performanceId, genre,
                    Instant.parse(String.valueOf(detail.get("opensAt"))));
            default -> throw new IllegalArgumentException("not a catalog announcement: " + detailType);
        };
        return Map.of("detailType", detailType, "told", told);
    }
}
