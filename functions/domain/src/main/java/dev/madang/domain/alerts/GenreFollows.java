package dev.madang.domain.alerts;

import dev.madang.domain.catalog.Genre;
import dev.madang.domain.common.Page;

import java.time.Instant;
import java.util.List;

/** Which genres each fan follows, and each genre's followers. */
public interface GenreFollows {

    /** Harmless to repeat. */
    void follow(String accountId, Genre genre, Instant at);

    /** Harmless to repeat. */
    void unfollow(String accountId, Genre genre);

    /** The genres the fan follows. */
    List<Genre> followed(String accountId);

    /** One page of a genre's followers' account ids; {@code cursor} null for the first page. */
    Page<String> followers(Genre genre, int limit, String cursor);
}
