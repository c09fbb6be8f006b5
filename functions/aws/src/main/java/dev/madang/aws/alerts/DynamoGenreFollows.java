package dev.madang.aws.alerts;

import dev.madang.aws.support.Attr;
import dev.madang.domain.alerts.GenreFollows;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.common.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.madang.aws.support.Attr.s;

/**
 * Genre follows in the alerts table ({@code AlertsTable}):
 * <pre>
 * | pattern                         | key condition                                                | index |
 * |---------------------------------|--------------------------------------------------------------|-------|
 * | follow / unfollow (idempotent)  | PutItem / DeleteItem pk = FAN#account, sk = GENRE#genre      | table |
 * | the genres I follow             | Query pk = FAN#account, sk begins_with GENRE#                | table |
 * | a genre's followers, paged      | Query gsi1pk = GENRE#genre (gsi1sk = account)                | gsi1  |
 * </pre>
 */
public final class DynamoGenreFollows implements GenreFollows {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoGenreFollows(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void follow(String accountId, Genre genre, Instant at) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s(AlertKeys.fan(accountId)),
                "sk", s(AlertKeys.follow(genre)), "gsi1pk", s(AlertKeys.follow(genre)), "gsi1sk", s(accountId),
                "followedAt", Attr.time(at))));
    }

    @Override
    public void unfollow(String accountId, Genre genre) {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of("pk", s(AlertKeys.fan(accountId)),
                "sk", s(AlertKeys.follow(genre)))));
    }

    @Override
    public List<Genre> followed(String accountId) {
        return dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :genre)")
                        .expressionAttributeValues(Map.of(":pk", s(AlertKeys.fan(accountId)), ":genre", s("GENRE#"))))
                .items().stream().map(i -> Genre.valueOf(i.get("sk").s().substring("GENRE#".length()))).sorted()
                .toList();
    }

    @Override
    public Page<String> followers(Genre genre, int limit, String cursor) {
        Page<Map<String, AttributeValue>> page = AlertKeys.gsi1Page(dynamo, table, AlertKeys.follow(genre), limit,
                cursor);
        return new Page<>(page.items().stream().map(i -> i.get("gsi1sk").s()).toList(), page.nextCursor());
    }
}
