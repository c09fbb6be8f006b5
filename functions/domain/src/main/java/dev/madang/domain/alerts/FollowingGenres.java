package dev.madang.domain.alerts;

import dev.madang.domain.catalog.Genre;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** A fan follows and unfollows genres (docs/waitlist.md, "Genre alerts"); only ever the caller's own follows. */
public final class FollowingGenres {

    private final GenreFollows follows;
    private final Clock clock;

    public FollowingGenres(GenreFollows follows, Clock clock) {
        this.follows = follows;
        this.clock = clock;
    }

    public List<Genre> followed(String accountId) {
        return follows.followed(accountId);
    }

    public void follow(String accountId, String genre) {
        follows.follow(accountId, genre(genre), clock.instant());
    }

    public void unfollow(String accountId, String genre) {
        follows.unfollow(accountId, genre(genre));
    }

    /** A path's genre name: one of {@link Genre}, or a 400 naming the field. */
    public static Genre genre(String name) {
        try {
            return Genre.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.invalid("no such genre", List.of(new FieldError("genre",
                    "one of " + Arrays.toString(Genre.values()))));
        }
    }
}
