package dev.madang.aws.alerts;

import dev.madang.aws.catalog.EventBridgeCatalogEvents;
import dev.madang.domain.alerts.FollowingGenres;
import dev.madang.domain.alerts.TellingGenreFollowers;
import dev.madang.domain.catalog.Genre;

import java.time.Instant;
import java.util.Map;

/**
 * One catalog-bus event (as EventBridge delivers it to a Lambda target: {@code detail-type}, {@code detail}) turned
 * into the genre fan-out. An event of another kind is a failure (the rule should not have sent it), so EventBridge's
 * retries and the log show it.
 */
public final class CatalogAnnouncements {

    private final TellingGenreFollowers telling;

    public CatalogAnnouncements(TellingGenreFollowers telling) {
        this.telling = telling;
    }

    /** Returns how many followers were told. */
    public int handle(Map<String, Object> event) {
        String detailType = String.valueOf(event.get("detail-type"));
        if (!(event.get("detail") instanceof Map<?, ?> detail)) {
            throw new IllegalArgumentException("a catalog event without a detail: " + detailType);
        }
        String performanceId = String.valueOf(detail.get("performanceId"));
        Genre genre = FollowingGenres.genre(String.valueOf(detail.get("genre")));
        return switch (detailType) {
            case EventBridgeCatalogEvents.PERFORMANCE_SCHEDULED -> telling.performanceScheduled(performanceId, genre);
            case EventBridgeCatalogEvents.SALE_OPENING -> telling.saleOpening(performanceId, genre,
                    Instant.parse(String.valueOf(detail.get("opensAt"))));
            default -> throw new IllegalArgumentException("not a catalog announcement: " + detailType);
        };
    }
}
