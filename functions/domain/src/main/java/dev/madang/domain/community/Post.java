package dev.madang.domain.community;

import java.time.Instant;
import java.util.Objects;

/**
 * A post in a performance's room, or a reply to one ({@code replyTo}: the thread's first post; replies are one level
 * deep). {@code authorId} is null once the author closed their account (the post stays, anonymous).
 * {@code ticketHolder} is whether the author held a ticket for the performance when they posted (the room's visible
 * mark). {@code reportsSinceReview} counts distinct reporters since an admin last decided on the post.
 * {@code version} orders conditional updates.
 */
public record Post(String id, String performanceId, Topic topic, String replyTo, String authorId, boolean ticketHolder,
                   String body, PostStatus status, int reportsSinceReview, Instant postedAt, Instant editedAt,
                   long version) {

    public Post {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(performanceId, "performanceId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(postedAt, "postedAt");
    }

    public boolean isReply() {
        return replyTo != null;
    }

    public boolean isBy(String accountId) {
        return authorId != null && authorId.equals(accountId);
    }

    /** Whether a reader who is not its author nor an admin may see it. */
    public boolean isPublic() {
        return status == PostStatus.VISIBLE || status == PostStatus.DELETED;
    }

    Post with(String newBody, PostStatus newStatus, Instant edited) {
        return new Post(id, performanceId, topic, replyTo, authorId, ticketHolder, newBody, newStatus,
                reportsSinceReview, postedAt, edited, version + 1);
    }

    Post withStatus(PostStatus newStatus, int reports) {
        return new Post(id, performanceId, topic, replyTo, authorId, ticketHolder, body, newStatus, reports, postedAt,
                editedAt, version + 1);
    }
}
