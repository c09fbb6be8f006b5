package dev.madang.domain.community;

import java.time.Instant;

/**
 * How often one account may post: at most {@link Rooms#POSTS_PER_MINUTE} a minute and {@link Rooms#POSTS_PER_HOUR}
 * an hour across every room, held under parallel requests (a conditional count per window).
 */
public interface PostingPace {

    /** Counts one post at {@code now} if both windows have room; false (nothing counted) if either is full. */
    boolean take(String accountId, Instant now);
}
