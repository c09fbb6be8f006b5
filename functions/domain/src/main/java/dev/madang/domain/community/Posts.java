package dev.madang.domain.community;

import dev.madang.domain.common.Page;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A performance's room: its posts, newest first, and who reported what. */
public interface Posts {

    void create(Post post);

    Optional<Post> byId(String performanceId, String postId);

    /** Stores {@code post} if the stored one is at {@code post.version() - 1}; false if someone changed it first. */
    boolean update(Post post);

    /** A page of the room's posts (and replies), newest first; {@code topic} null for every topic. */
    Page<Post> page(String performanceId, Topic topic, int limit, String cursor);

    /** Records {@code reporterId}'s report of a post; false if they had reported it already (one report a person). */
    boolean recordReport(String performanceId, String postId, String reporterId, String reason, Instant at);

    /** Counts one more report of the post (atomically: reports arrive in parallel); answers the count since review. */
    int countReport(String performanceId, String postId);

    /** Hides the post for its reports if it is still visible; false if it was not (hidden, deleted, under review). */
    boolean hideForReports(String performanceId, String postId);

    /** The posts of {@code authorId} in a room that only they (and admins) see: awaiting confirmation, or hidden. */
    List<Post> unpublishedBy(String authorId, String performanceId);

    /** Takes the author off every post of {@code authorId} (their account is closed); harmless to repeat. */
    void anonymise(String authorId);
}
