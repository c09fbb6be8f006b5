package dev.madang.domain.alerts;

import dev.madang.domain.catalog.Genre;
import dev.madang.domain.common.Page;

import java.time.Instant;

/**
 * Fans out one catalog event to every follower of its genre: the followers are read a page at a time and each page
 * becomes one batch of messages, so a genre with a million followers never sits in memory at once.
 */
public final class TellingGenreFollowers {

    /** Followers read per query (and told per batch of {@link GenreAlerts#announce}). */
    static final int PAGE = 500;

    private final GenreFollows follows;
    private final GenreAlerts alerts;

    public TellingGenreFollowers(GenreFollows follows, GenreAlerts alerts) {
        this.follows = follows;
        this.alerts = alerts;
    }

    /** A performance of {@code genre} was scheduled (its first round); returns how many followers were told. */
    public int performanceScheduled(String performanceId, Genre genre) {
        return tell(GenreAlerts.Kind.PERFORMANCE_SCHEDULED, performanceId, genre, null);
    }

    /** The sale of a performance of {@code genre} opens at {@code opensAt}; returns how many followers were told. */
    public int saleOpening(String performanceId, Genre genre, Instant opensAt) {
        return tell(GenreAlerts.Kind.SALE_OPENING, performanceId, genre, opensAt);
    }

    private int tell(GenreAlerts.Kind kind, String performanceId, Genre genre, Instant opensAt) {
        int told = 0;
        String cursor = null;
        do {
            Page<String> page = follows.followers(genre, PAGE, cursor);
            alerts.announce(page.items().stream()
                    .map(account -> new GenreAlerts.GenreNews(kind, account, performanceId, genre, opensAt)).toList());
            told += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        return told;
    }
}
