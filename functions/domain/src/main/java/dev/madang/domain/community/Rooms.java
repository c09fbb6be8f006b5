package dev.madang.domain.community;

import dev.madang.domain.catalog.Performances;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Page;
import dev.madang.domain.common.Violations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The rooms where a performance's fans find each other (docs/community.md): posting and replying, editing and
 * deleting one's own, reporting others', and the admins' decisions.
 *
 * <p>Who may post: a fan whose identity is verified (as for booking: one person, one account) and who is not muted,
 * at most {@value #POSTS_PER_MINUTE} posts a minute and {@value #POSTS_PER_HOUR} an hour. A post that seems to hold
 * personal data waits for its author's confirmation, seen by them alone. {@value #REPORTS_TO_HIDE} reports from
 * different fans hide a post until an admin restores it or hides it for good.
 */
public final class Rooms {

    public static final int MAX_BODY = 1000;
    public static final int POSTS_PER_MINUTE = 5;
    public static final int POSTS_PER_HOUR = 30;
    public static final int REPORTS_TO_HIDE = 5;
    public static final Duration LONGEST_MUTE = Duration.ofDays(90);
    private static final int UPDATE_ATTEMPTS = 5;

    private final Posts posts;
    private final Performances performances;
    private final TicketHolders holders;
    private final Mutes mutes;
    private final PostingPace pace;
    private final Ids ids;
    private final Clock clock;

    public Rooms(Posts posts, Performances performances, TicketHolders holders, Mutes mutes, PostingPace pace,
                 Ids ids, Clock clock) {
        this.posts = posts;
        this.performances = performances;
        this.holders = holders;
        this.mutes = mutes;
        this.pace = pace;
        this.ids = ids;
        this.clock = clock;
    }

    /** Who is asking: their account, whether their identity is verified, whether they are an admin. */
    public record Reader(String accountId, boolean identityVerified, boolean admin) {

        public static final Reader ANONYMOUS = new Reader(null, false, false);
    }

    /**
     * A new post, or a reply when {@code replyTo} names one (a reply to a reply joins the same thread). With
     * {@code personalDataConfirmed} the author has already said the personal data it holds may be public.
     */
    public record NewPost(String performanceId, Topic topic, String replyTo, String body,
                          boolean personalDataConfirmed) {
    }

    /** What a post or an edit made, and the personal data found in it (the post waits for confirmation if any). */
    public record Written(Post post, Set<PersonalData.Kind> personalData) {
    }

    public Written post(Reader author, NewPost request) {
        String body = request.body() == null ? "" : request.body().strip();
        new Violations().check(request.topic() != null || request.replyTo() != null, "topic",
                        "TAXI_SHARE, MERCHANDISE or FREE_TALK")
                .check(!body.isEmpty() && body.length() <= MAX_BODY, "body", "1 to " + MAX_BODY + " characters")
                .throwIfInvalid("the post is not valid");
        mayPost(author);
        if (performances.find(request.performanceId()).isEmpty()) {
            throw DomainException.notFound("performance", request.performanceId());
        }
        Topic topic = request.topic();
        String thread = null;
        if (request.replyTo() != null) {
            Post to = visible(author, request.performanceId(), request.replyTo());
            if (to.status() == PostStatus.DELETED) {
                throw DomainException.ruleViolated("post-deleted", "this post was deleted; it takes no replies",
                        List.of(new FieldError("replyTo", "deleted")));
            }
            thread = to.isReply() ? to.replyTo() : to.id();
            topic = to.topic();
        }
        Instant now = clock.instant();
        if (!pace.take(author.accountId(), now)) {
            throw DomainException.throttled("posting-too-fast", "at most " + POSTS_PER_MINUTE + " posts a minute and "
                    + POSTS_PER_HOUR + " an hour", Duration.ofMinutes(1));
        }
        Set<PersonalData.Kind> found = PersonalData.find(body);
        Post post = new Post(ids.next(), request.performanceId(), topic, thread, author.accountId(),
                holders.holdsTicket(author.accountId(), request.performanceId()), body,
                found.isEmpty() || request.personalDataConfirmed() ? PostStatus.VISIBLE
                        : PostStatus.AWAITING_CONFIRMATION, 0, now, null, 0);
        posts.create(post);
        return new Written(post, found);
    }

    /** The author's new text; it is checked for personal data again. */
    public Written edit(Reader author, String performanceId, String postId, String body,
                        boolean personalDataConfirmed) {
        String text = body == null ? "" : body.strip();
        new Violations().check(!text.isEmpty() && text.length() <= MAX_BODY, "body", "1 to " + MAX_BODY
                + " characters").throwIfInvalid("the post is not valid");
        mayPost(author);
        Set<PersonalData.Kind> found = PersonalData.find(text);
        Post edited = change(performanceId, postId, post -> {
            ownLivePost(author, post);
            return post.with(text, found.isEmpty() || personalDataConfirmed ? PostStatus.VISIBLE
                    : PostStatus.AWAITING_CONFIRMATION, clock.instant());
        });
        return new Written(edited, found);
    }

    /** The author confirms that the personal data found in their post may be public: the post is shown. */
    public Post confirm(Reader author, String performanceId, String postId) {
        return change(performanceId, postId, post -> {
            ownLivePost(author, post);
            return post.status() == PostStatus.VISIBLE ? null : post.withStatus(PostStatus.VISIBLE,
                    post.reportsSinceReview());
        });
    }

    /** The author deletes their post: its text goes, its place in the thread stays. Harmless to repeat. */
    public void delete(Reader author, String performanceId, String postId) {
        change(performanceId, postId, post -> {
            if (!post.isBy(author.accountId())) {
                throw DomainException.notFound("post", postId);
            }
            return post.status() == PostStatus.DELETED ? null
                    : post.with(null, PostStatus.DELETED, clock.instant());
        });
    }

    /**
     * A fan reports a post (once each: a second report by the same fan changes nothing); the
     * {@value #REPORTS_TO_HIDE}th report since an admin's last decision hides it.
     */
    public Post report(Reader reporter, String performanceId, String postId, String reason) {
        if (reporter.accountId() == null) {
            throw DomainException.unauthenticated("unauthorized", "sign in to report a post");
        }
        Post post = visible(reporter, performanceId, postId);
        if (post.isBy(reporter.accountId())) {
            throw DomainException.ruleViolated("own-post", "you cannot report your own post", List.of());
        }
        if (post.status() != PostStatus.VISIBLE) {
            return post; // deleted, or already hidden: nothing to report
        }
        String why = reason == null ? "" : reason.strip();
        new Violations().check(why.length() <= 200, "reason", "at most 200 characters")
                .throwIfInvalid("the report is not valid");
        if (!posts.recordReport(performanceId, postId, reporter.accountId(), why, clock.instant())) {
            return post; // this fan reported it already
        }
        // counted by an atomic add, not a read and a replace: a rush of reports must all count
        if (posts.countReport(performanceId, postId) >= REPORTS_TO_HIDE) {
            posts.hideForReports(performanceId, postId);
        }
        return posts.byId(performanceId, postId).orElseThrow();
    }

    /** An admin hides a post for good. */
    public Post hide(Reader admin, String performanceId, String postId) {
        mustBeAdmin(admin);
        return change(performanceId, postId, post -> post.status() == PostStatus.DELETED ? null
                : post.withStatus(PostStatus.HIDDEN_BY_ADMIN, 0));
    }

    /** An admin restores a hidden post; the reports so far are settled (it takes {@value #REPORTS_TO_HIDE} more). */
    public Post restore(Reader admin, String performanceId, String postId) {
        mustBeAdmin(admin);
        return change(performanceId, postId, post -> switch (post.status()) {
            case HIDDEN_BY_REPORTS, HIDDEN_BY_ADMIN -> post.withStatus(PostStatus.VISIBLE, 0);
            default -> null;
        });
    }

    /** An admin mutes an account in every room for {@code period} (at most {@link #LONGEST_MUTE}). */
    public Instant mute(Reader admin, String accountId, Duration period, String reason) {
        mustBeAdmin(admin);
        new Violations().check(period != null && !period.isNegative() && !period.isZero()
                        && period.compareTo(LONGEST_MUTE) <= 0, "minutes", "1 minute to 90 days")
                .check(reason != null && !reason.isBlank() && reason.length() <= 200, "reason", "1 to 200 characters")
                .throwIfInvalid("the mute is not valid");
        Instant until = clock.instant().plus(period);
        mutes.mute(accountId, until, reason.strip());
        return until;
    }

    /**
     * A page of the room, newest first. A reader sees the public posts; their own posts whatever their state; an
     * admin sees every post. Hidden posts are left out of the page (it may hold fewer than {@code limit}).
     */
    public Page<Post> read(Reader reader, String performanceId, Topic topic, int limit, String cursor) {
        if (performances.find(performanceId).isEmpty()) {
            throw DomainException.notFound("performance", performanceId);
        }
        Page<Post> page = posts.page(performanceId, topic, limit, cursor);
        return new Page<>(page.items().stream().filter(p -> canSee(reader, p)).toList(), page.nextCursor());
    }

    /**
     * My posts in a room that others do not see (awaiting my confirmation, or hidden pending review): the public
     * page, which every fan reads alike (and an edge may cache), leaves them out.
     */
    public List<Post> myUnpublished(Reader author, String performanceId) {
        if (author.accountId() == null) {
            throw DomainException.unauthenticated("unauthorized", "sign in to see your posts");
        }
        return posts.unpublishedBy(author.accountId(), performanceId);
    }

    /**
     * What a room shows for a post's author: the same handle for the same fan in one room, another in every other
     * room, and nothing that leads back to the account (the first 40 bits of a SHA-256 of room and account, base32).
     */
    public static String handle(String performanceId, String accountId) {
        if (accountId == null) {
            return null;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("room-handle|" + performanceId
                    + "|" + accountId).getBytes(StandardCharsets.UTF_8));
            String alphabet = "ABCDEFGHJKMNPQRSTVWXYZ0123456789";
            long bits = 0;
            for (int i = 0; i < 5; i++) {
                bits = bits << 8 | (d[i] & 0xff);
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                out.append(alphabet.charAt((int) (bits >>> (35 - 5 * i) & 31)));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The posts of a closed account stay, without their author. */
    public void anonymise(String accountId) {
        posts.anonymise(accountId);
    }

    private void mayPost(Reader author) {
        if (author.accountId() == null) {
            throw DomainException.unauthenticated("unauthorized", "sign in to post");
        }
        if (!author.identityVerified()) {
            throw DomainException.forbidden("identity-verification-required",
                    "verify your identity (본인인증) before posting");
        }
        Optional<Instant> muted = mutes.mutedUntil(author.accountId()).filter(until -> until.isAfter(clock.instant()));
        if (muted.isPresent()) {
            throw DomainException.forbidden("account-muted", "an admin muted this account in the rooms until "
                    + muted.get());
        }
    }

    private static void ownLivePost(Reader author, Post post) {
        if (!post.isBy(author.accountId()) || post.status() == PostStatus.DELETED) {
            throw DomainException.notFound("post", post.id());
        }
        if (post.status() == PostStatus.HIDDEN_BY_REPORTS || post.status() == PostStatus.HIDDEN_BY_ADMIN) {
            throw DomainException.conflict("post-under-review", "this post is hidden pending an admin's decision");
        }
    }

    private static boolean canSee(Reader reader, Post post) {
        return post.isPublic() || reader.admin() || post.isBy(reader.accountId());
    }

    private Post visible(Reader reader, String performanceId, String postId) {
        return posts.byId(performanceId, postId).filter(p -> canSee(reader, p))
                .orElseThrow(() -> DomainException.notFound("post", postId));
    }

    private static void mustBeAdmin(Reader reader) {
        if (!reader.admin()) {
            throw DomainException.forbidden("forbidden", "only an admin moderates the rooms");
        }
    }

    /**
     * Reads the post, applies {@code change} (null: nothing to change) and stores it if nobody changed it meanwhile,
     * reading again when someone did (reports arrive in parallel).
     */
    private Post change(String performanceId, String postId, UnaryOperator<Post> change) {
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            Post current = posts.byId(performanceId, postId)
                    .orElseThrow(() -> DomainException.notFound("post", postId));
            Post changed = change.apply(current);
            if (changed == null) {
                return current;
            }
            if (posts.update(changed)) {
                return changed;
            }
        }
        throw DomainException.conflict("post-busy", "this post is being changed by others; try again");
    }
}
