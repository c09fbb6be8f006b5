package dev.madang.aws.community;

import dev.madang.aws.support.Attr;
import dev.madang.aws.support.Cursors;
import dev.madang.domain.common.Page;
import dev.madang.domain.community.Mutes;
import dev.madang.domain.community.Post;
import dev.madang.domain.community.PostStatus;
import dev.madang.domain.community.PostingPace;
import dev.madang.domain.community.Posts;
import dev.madang.domain.community.Rooms;
import dev.madang.domain.community.Topic;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * The performances' rooms in the community table ({@code CommunityTable}):
 * <pre>
 * | pattern                          | key condition                                                      | index |
 * |----------------------------------|--------------------------------------------------------------------|-------|
 * | a post (create, read, replace)   | pk = ROOM#performance, sk = POST#post (replace IF version = :prev)  | table |
 * | a room's page, newest first      | Query pk = ROOM#performance, sk begins_with POST#, descending       | table |
 * | a room's page of one topic       | Query gsi1pk = ROOM#performance#topic, descending                   | gsi1  |
 * | one report a fan                 | PutItem pk = ROOM#performance, sk = REPORT#post#reporter IF new      | table |
 * | count it; hide at the threshold  | UpdateItem the post ADD reports; SET status IF status = VISIBLE     | table |
 * | an author's posts (anonymise)    | Query gsi2pk = ACCOUNT#account (gsi2sk = performance#post)          | gsi2  |
 * | their unpublished posts in a room | Query gsi2pk = ACCOUNT#account, gsi2sk begins_with performance#, Get | gsi2  |
 * | a mute                           | pk = ACCOUNT#account, sk = MUTE                                     | table |
 * | posting pace, per minute / hour  | pk = ACCOUNT#account, sk = PACE#M#yyyyMMddHHmm / PACE#H#yyyyMMddHH  | table |
 * </pre>
 * Post ids are time-ordered, so the sort key orders a room by time. A room is one partition: a busy room takes a few
 * posts a second, far under a partition's thousand writes. The pace counts expire by TTL ({@code expiresAtEpoch}).
 */
public final class DynamoRooms implements Posts, Mutes, PostingPace {

    private static final List<String> TABLE_KEY = List.of("pk", "sk");
    private static final List<String> GSI1_KEY = List.of("gsi1pk", "gsi1sk", "pk", "sk");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRooms(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String room(String performanceId) {
        return "ROOM#" + performanceId;
    }

    static String account(String accountId) {
        return "ACCOUNT#" + accountId;
    }

    @Override
    public void create(Post post) {
        dynamo.putItem(r -> r.tableName(table).item(item(post)).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<Post> byId(String performanceId, String postId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(postKey(performanceId, postId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(post(item));
    }

    @Override
    public boolean update(Post post) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(item(post)).conditionExpression("version = :prev")
                    .expressionAttributeValues(Map.of(":prev", n(post.version() - 1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page<Post> page(String performanceId, Topic topic, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).scanIndexForward(false).limit(limit);
        List<String> keyNames;
        String partition;
        if (topic == null) {
            partition = room(performanceId);
            keyNames = TABLE_KEY;
            query.keyConditionExpression("pk = :p AND begins_with(sk, :post)")
                    .expressionAttributeValues(Map.of(":p", s(partition), ":post", s("POST#")));
        } else {
            partition = room(performanceId) + "#" + topic;
            keyNames = GSI1_KEY;
            query.indexName("gsi1").keyConditionExpression("gsi1pk = :p")
                    .expressionAttributeValues(Map.of(":p", s(partition)));
        }
        if (cursor != null) {
            Map<String, AttributeValue> start = Cursors.decode(cursor, keyNames);
            if (!partition.equals(start.get(keyNames.get(0)).s())) {
                throw Cursors.foreign();
            }
            query.exclusiveStartKey(start);
        }
        QueryResponse page = dynamo.query(query.build());
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !page.items().isEmpty()
                ? Cursors.encode(page.items().get(page.items().size() - 1), keyNames) : null;
        return new Page<>(page.items().stream().map(DynamoRooms::post).toList(), next);
    }

    @Override
    public boolean recordReport(String performanceId, String postId, String reporterId, String reason, Instant at) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s(room(performanceId)),
                            "sk", s("REPORT#" + postId + "#" + reporterId), "reason", s(reason),
                            "reportedAt", Attr.time(at)))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public int countReport(String performanceId, String postId) {
        return Integer.parseInt(dynamo.updateItem(r -> r.tableName(table).key(postKey(performanceId, postId))
                .updateExpression("ADD reports :one, version :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("reports").n());
    }

    @Override
    public boolean hideForReports(String performanceId, String postId) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(postKey(performanceId, postId))
                    .updateExpression("SET #status = :hidden ADD version :one")
                    .conditionExpression("#status = :visible")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":hidden", s(PostStatus.HIDDEN_BY_REPORTS.name()),
                            ":visible", s(PostStatus.VISIBLE.name()), ":one", n(1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> postKey(String performanceId, String postId) {
        return Map.of("pk", s(room(performanceId)), "sk", s("POST#" + postId));
    }

    @Override
    public List<Post> unpublishedBy(String authorId, String performanceId) {
        return dynamo.queryPaginator(r -> r.tableName(table).indexName("gsi2")
                        .keyConditionExpression("gsi2pk = :a AND begins_with(gsi2sk, :room)")
                        .expressionAttributeValues(Map.of(":a", s(account(authorId)), ":room",
                                s(performanceId + "#"))))
                .items().stream()
                .map(key -> byId(performanceId, key.get("sk").s().substring("POST#".length())))
                .flatMap(Optional::stream)
                .filter(p -> !p.isPublic())
                .toList();
    }

    @Override
    public void anonymise(String authorId) {
        dynamo.queryPaginator(r -> r.tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :a")
                        .expressionAttributeValues(Map.of(":a", s(account(authorId)))))
                .items().forEach(i -> dynamo.updateItem(u -> u.tableName(table)
                        .key(Map.of("pk", i.get("pk"), "sk", i.get("sk")))
                        .updateExpression("REMOVE authorId, gsi2pk, gsi2sk")));
    }

    @Override
    public Optional<Instant> mutedUntil(String accountId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of("pk", s(account(accountId)), "sk", s("MUTE")))).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(Attr.num(item, "until")));
    }

    @Override
    public void mute(String accountId, Instant until, String reason) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s(account(accountId)), "sk", s("MUTE"),
                "until", n(until.getEpochSecond()), "reason", s(reason),
                "expiresAtEpoch", n(until.plus(1, ChronoUnit.DAYS).getEpochSecond()))));
    }

    /** One transaction over the minute's and the hour's counts, each conditional on its limit. */
    @Override
    public boolean take(String accountId, Instant now) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    count(accountId, "PACE#M#" + MINUTE.format(now), Rooms.POSTS_PER_MINUTE,
                            now.truncatedTo(ChronoUnit.MINUTES).plus(2, ChronoUnit.MINUTES)),
                    count(accountId, "PACE#H#" + HOUR.format(now), Rooms.POSTS_PER_HOUR,
                            now.truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.HOURS))));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    private TransactWriteItem count(String accountId, String window, int limit, Instant expires) {
        return TransactWriteItem.builder().update(u -> u
                .tableName(table).key(Map.of("pk", s(account(accountId)), "sk", s(window)))
                .updateExpression("ADD posts :one SET expiresAtEpoch = :expires")
                .conditionExpression("attribute_not_exists(posts) OR posts < :limit")
                .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit),
                        ":expires", n(expires.getEpochSecond())))).build();
    }

    private static Map<String, AttributeValue> item(Post post) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(room(post.performanceId())));
        item.put("sk", s("POST#" + post.id()));
        item.put("gsi1pk", s(room(post.performanceId()) + "#" + post.topic()));
        item.put("gsi1sk", s(post.id()));
        item.put("id", s(post.id()));
        item.put("performanceId", s(post.performanceId()));
        item.put("topic", s(post.topic().name()));
        if (post.replyTo() != null) {
            item.put("replyTo", s(post.replyTo()));
        }
        if (post.authorId() != null) {
            item.put("authorId", s(post.authorId()));
            item.put("gsi2pk", s(account(post.authorId())));
            item.put("gsi2sk", s(post.performanceId() + "#" + post.id()));
        }
        item.put("ticketHolder", AttributeValue.fromBool(post.ticketHolder()));
        if (post.body() != null) {
            item.put("body", s(post.body()));
        }
        item.put("status", s(post.status().name()));
        item.put("reports", n(post.reportsSinceReview()));
        item.put("postedAt", Attr.time(post.postedAt()));
        if (post.editedAt() != null) {
            item.put("editedAt", Attr.time(post.editedAt()));
        }
        item.put("version", n(post.version()));
        return item;
    }

    private static Post post(Map<String, AttributeValue> i) {
        return new Post(Attr.str(i, "id"), Attr.str(i, "performanceId"), Topic.valueOf(Attr.str(i, "topic")),
                Attr.str(i, "replyTo"), Attr.str(i, "authorId"), i.get("ticketHolder").bool(), Attr.str(i, "body"),
                PostStatus.valueOf(Attr.str(i, "status")), (int) Attr.num(i, "reports"), Attr.instant(i, "postedAt"),
                Attr.instant(i, "editedAt"), Attr.num(i, "version"));
    }
}
