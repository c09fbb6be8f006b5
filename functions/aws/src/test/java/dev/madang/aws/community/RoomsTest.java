package dev.madang.aws.community;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Page;
import dev.madang.domain.community.PersonalData;
import dev.madang.domain.community.Post;
import dev.madang.domain.community.PostStatus;
import dev.madang.domain.community.Rooms;
import dev.madang.domain.community.Rooms.NewPost;
import dev.madang.domain.community.Rooms.Reader;
import dev.madang.domain.community.TicketHoldersFromOrders;
import dev.madang.domain.community.Topic;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The performances' rooms on their DynamoDB adapter (dynalite), through the use case. */
class RoomsTest {

    static LocalAws aws;
    static DynamoRooms rooms;
    static DynamoCatalog catalog;
    String performance;
    final ManualClock clock = ManualClock.at(Instant.parse("2026-12-05T03:00:00Z"));
    Rooms room;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        rooms = new DynamoRooms(aws.dynamo(), aws.tableName("CommunityTable"));
        catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"), aws.tableName("SeatsTable"));
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    /** Each test in a room of its own performance. */
    @BeforeEach
    void useCase() {
        performance = new ManagingPerformances(catalog.performances(), new Ids(java.time.Clock.systemUTC()))
                .register(new PerformanceDetails("레미제라블", Genre.MUSICAL, List.of(), 170, 8, null, null)).id();
        room = new Rooms(rooms, catalog.performances(),
                new TicketHoldersFromOrders(new DynamoOrders(aws.dynamo(), aws.tableName("OrdersTable"))), rooms,
                rooms, new Ids(clock), clock);
    }

    static Reader fan() {
        return new Reader("fan-" + UUID.randomUUID(), true, false);
    }

    static final Reader ADMIN = new Reader("admin-1", true, true);

    Post say(Reader who, Topic topic, String body) {
        clock.advance(Duration.ofSeconds(13)); // a fan's pace: under 5 a minute
        return room.post(who, new NewPost(performance, topic, null, body, false)).post();
    }

    @Test
    void fans_post_and_reply_and_the_room_reads_newest_first_with_a_topic_of_its_own() {
        Reader kim = fan();
        Reader lee = fan();
        Post taxi = say(kim, Topic.TAXI_SHARE, "잠실역에서 끝나고 택시 같이 타실 분?");
        Post goods = say(lee, Topic.MERCHANDISE, "포스터 교환 원해요");
        clock.advance(Duration.ofSeconds(13));
        Post reply = room.post(lee, new NewPost(performance, null, taxi.id(), "저요! 2명입니다", false)).post();
        clock.advance(Duration.ofSeconds(13));
        Post replyToReply = room.post(kim, new NewPost(performance, Topic.FREE_TALK, reply.id(), "좋아요", false))
                .post();

        assertThat(reply.replyTo()).isEqualTo(taxi.id());
        assertThat(reply.topic()).isEqualTo(Topic.TAXI_SHARE);
        assertThat(replyToReply.replyTo()).as("a reply to a reply joins the thread").isEqualTo(taxi.id());
        assertThat(replyToReply.topic()).isEqualTo(Topic.TAXI_SHARE);
        assertThat(taxi.ticketHolder()).as("no ticket for this performance").isFalse();

        Page<Post> all = room.read(Reader.ANONYMOUS, performance, null, 50, null);
        List<String> ids = all.items().stream().map(Post::id).toList();
        assertThat(ids).containsSubsequence(replyToReply.id(), reply.id(), goods.id(), taxi.id());
        List<Post> taxis = room.read(Reader.ANONYMOUS, performance, Topic.TAXI_SHARE, 50, null).items();
        assertThat(taxis).extracting(Post::id).contains(taxi.id(), reply.id()).doesNotContain(goods.id());

        Page<Post> first = room.read(Reader.ANONYMOUS, performance, null, 2, null);
        Page<Post> second = room.read(Reader.ANONYMOUS, performance, null, 2, first.nextCursor());
        assertThat(first.items()).extracting(Post::id).containsExactly(replyToReply.id(), reply.id());
        assertThat(second.items()).extracting(Post::id).first().isEqualTo(goods.id());
    }

    @Test
    void an_unverified_or_muted_fan_cannot_post_and_nothing_is_written() {
        Reader unverified = new Reader("fan-" + UUID.randomUUID(), false, false);
        Reader muted = fan();
        say(muted, Topic.FREE_TALK, "before the mute");
        Instant until = room.mute(ADMIN, muted.accountId(), Duration.ofHours(2), "spam");
        int before = room.read(ADMIN, performance, null, 100, null).items().size();

        assertThatThrownBy(() -> say(unverified, Topic.FREE_TALK, "hi"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                    assertThat(e.type()).isEqualTo("identity-verification-required");
                });
        assertThatThrownBy(() -> say(muted, Topic.FREE_TALK, "again"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo("account-muted"));
        assertThatThrownBy(() -> room.mute(fan(), muted.accountId(), Duration.ofHours(1), "me too"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
        assertThat(room.read(ADMIN, performance, null, 100, null).items()).hasSize(before);

        clock.set(until.plusSeconds(1));
        assertThat(say(muted, Topic.FREE_TALK, "after the mute").status()).isEqualTo(PostStatus.VISIBLE);
    }

    @Test
    void another_fans_post_cannot_be_edited_or_deleted() {
        Reader author = fan();
        Reader other = fan();
        Post post = say(author, Topic.FREE_TALK, "원래 글");

        assertThatThrownBy(() -> room.edit(other, performance, post.id(), "바꿈", false))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> room.delete(other, performance, post.id()))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
        assertThat(rooms.byId(performance, post.id()).orElseThrow().body()).isEqualTo("원래 글");

        assertThat(room.edit(author, performance, post.id(), "고친 글", false).post().body()).isEqualTo("고친 글");
        room.delete(author, performance, post.id());
        Post deleted = rooms.byId(performance, post.id()).orElseThrow();
        assertThat(deleted.status()).isEqualTo(PostStatus.DELETED);
        assertThat(deleted.body()).isNull();
    }

    @Test
    void a_post_with_a_phone_number_is_seen_by_its_author_alone_until_they_confirm() {
        Reader author = fan();
        Reader reader = fan();
        clock.advance(Duration.ofMinutes(1));
        Rooms.Written written = room.post(author, new NewPost(performance, Topic.TAXI_SHARE, null,
                "같이 타실 분 010-1234-5678 문자 주세요", false));

        assertThat(written.personalData()).containsExactly(PersonalData.Kind.PHONE_NUMBER);
        assertThat(written.post().status()).isEqualTo(PostStatus.AWAITING_CONFIRMATION);
        assertThat(ids(room.read(reader, performance, null, 100, null))).doesNotContain(written.post().id());
        assertThat(ids(room.read(author, performance, null, 100, null))).contains(written.post().id());
        assertThat(room.myUnpublished(author, performance)).extracting(Post::id).containsExactly(written.post().id());
        assertThat(room.myUnpublished(reader, performance)).isEmpty();

        room.confirm(author, performance, written.post().id());
        assertThat(ids(room.read(reader, performance, null, 100, null))).contains(written.post().id());
        assertThat(room.myUnpublished(author, performance)).isEmpty();
    }

    @Test
    void reports_from_enough_fans_in_parallel_hide_a_post_until_an_admin_restores_it() throws Exception {
        Post post = say(fan(), Topic.FREE_TALK, "논란의 글");
        Reader twice = fan();
        room.report(twice, performance, post.id(), "spam");
        room.report(twice, performance, post.id(), "spam again");
        assertThat(rooms.byId(performance, post.id()).orElseThrow().reportsSinceReview()).isEqualTo(1);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Post>> reports = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            reports.add(pool.submit(() -> room.report(fan(), performance, post.id(), "abuse")));
        }
        for (Future<Post> f : reports) {
            f.get();
        }
        pool.shutdown();

        Post hidden = rooms.byId(performance, post.id()).orElseThrow();
        assertThat(hidden.reportsSinceReview()).as("every report counted").isEqualTo(13);
        assertThat(hidden.status()).isEqualTo(PostStatus.HIDDEN_BY_REPORTS);
        assertThat(ids(room.read(fan(), performance, null, 100, null))).doesNotContain(post.id());
        assertThat(ids(room.read(ADMIN, performance, null, 100, null))).contains(post.id());

        Post restored = room.restore(ADMIN, performance, post.id());
        assertThat(restored.status()).isEqualTo(PostStatus.VISIBLE);
        assertThat(restored.reportsSinceReview()).isZero();
        for (int i = 0; i < Rooms.REPORTS_TO_HIDE - 1; i++) {
            room.report(fan(), performance, post.id(), "again");
        }
        assertThat(rooms.byId(performance, post.id()).orElseThrow().status()).isEqualTo(PostStatus.VISIBLE);
        room.report(fan(), performance, post.id(), "again");
        assertThat(rooms.byId(performance, post.id()).orElseThrow().status())
                .isEqualTo(PostStatus.HIDDEN_BY_REPORTS);
        assertThat(room.hide(ADMIN, performance, post.id()).status()).isEqualTo(PostStatus.HIDDEN_BY_ADMIN);
    }

    @Test
    void a_fan_posts_at_most_five_times_a_minute_even_in_parallel() throws Exception {
        Reader fast = fan();
        clock.set(Instant.parse("2026-12-05T05:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            tries.add(pool.submit(() -> {
                try {
                    room.post(fast, new NewPost(performance, Topic.FREE_TALK, null, "post " + n, false));
                    return true;
                } catch (DomainException e) {
                    assertThat(e.type()).isEqualTo("posting-too-fast");
                    return false;
                }
            }));
        }
        int posted = 0;
        for (Future<Boolean> f : tries) {
            posted += f.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(posted).isEqualTo(Rooms.POSTS_PER_MINUTE);
        clock.advance(Duration.ofMinutes(1));
        assertThat(room.post(fast, new NewPost(performance, Topic.FREE_TALK, null, "next minute", false)).post())
                .isNotNull();
    }

    @Test
    void a_closed_accounts_posts_stay_without_their_author() {
        Reader leaving = fan();
        Post a = say(leaving, Topic.FREE_TALK, "첫 글");
        Post b = say(leaving, Topic.MERCHANDISE, "둘째 글");

        room.anonymise(leaving.accountId());

        for (Post p : List.of(a, b)) {
            Post stored = rooms.byId(performance, p.id()).orElseThrow();
            assertThat(stored.authorId()).isNull();
            assertThat(stored.body()).isEqualTo(p.body());
        }
    }

    @Test
    void a_fan_has_one_handle_in_a_room_and_another_in_every_other_room() {
        assertThat(Rooms.handle("perf-1", "fan-1")).hasSize(8).isEqualTo(Rooms.handle("perf-1", "fan-1"));
        assertThat(Rooms.handle("perf-2", "fan-1")).isNotEqualTo(Rooms.handle("perf-1", "fan-1"));
        assertThat(Rooms.handle("perf-1", "fan-2")).isNotEqualTo(Rooms.handle("perf-1", "fan-1"));
        assertThat(Rooms.handle("perf-1", null)).isNull();
    }

    private static List<String> ids(Page<Post> page) {
        return page.items().stream().map(Post::id).toList();
    }
}
