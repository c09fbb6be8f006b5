package dev.madang.domain.alerts;

import dev.madang.domain.catalog.Genre;

import java.time.Instant;
import java.util.List;

/** Tells fans about performances of a genre they follow (in production: messages on the notification queue). */
public interface GenreAlerts {

    enum Kind { PERFORMANCE_SCHEDULED, SALE_OPENING }

    /** One fan to tell; {@code opensAt} only for {@link Kind#SALE_OPENING}. */
    record GenreNews(Kind kind, String accountId, String performanceId, Genre genre, Instant opensAt) {
    }

    void announce(List<GenreNews> news);
}
