package dev.madang.aws.recommendation;

import dev.madang.aws.support.Attr;
import dev.madang.domain.recommendation.RecommendationLists;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.s;

/**
 * The recommendation lists in the catalog table ({@code CatalogTable}), each list whole in one item (its cards), so a
 * page reads one item:
 * <pre>
 * | pattern                      | key                                  | index |
 * |------------------------------|--------------------------------------|-------|
 * | a performance's similar ones | pk = PERF#performance, sk = SIMILAR  | table |
 * | a fan's "for you"            | pk = FORYOU#account, sk = LIST       | table |
 * | what sells                   | pk = POPULAR, sk = LIST              | table |
 * </pre>
 * Ten cards of a few hundred bytes each: an item of a few kilobytes, one read unit or two (eventually consistent: the
 * job ran hours ago, a second's staleness changes nothing).
 */
public final class DynamoRecommendationLists implements RecommendationLists {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRecommendationLists(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void saveSimilar(String performanceId, Stored list) {
        put("PERF#" + performanceId, "SIMILAR", list);
    }

    @Override
    public Optional<Stored> similar(String performanceId) {
        return get("PERF#" + performanceId, "SIMILAR");
    }

    @Override
    public void saveForFan(String accountId, Stored list) {
        put("FORYOU#" + accountId, "LIST", list);
    }

    @Override
    public Optional<Stored> forFan(String accountId) {
        return get("FORYOU#" + accountId, "LIST");
    }

    @Override
    public void savePopular(Stored list) {
        put("POPULAR", "LIST", list);
    }

    @Override
    public Optional<Stored> popular() {
        return get("POPULAR", "LIST");
    }

    private void put(String pk, String sk, Stored list) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s(pk), "sk", s(sk),
                "cards", AttributeValue.fromL(list.cards().stream().map(DynamoRecommendationLists::card).toList()),
                "computedAt", Attr.time(list.computedAt()))));
    }

    private Optional<Stored> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of("pk", s(pk), "sk", s(sk)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        List<Card> cards = item.get("cards").l().stream().map(c -> card(c.m())).toList();
        return Optional.of(new Stored(cards, Attr.instant(item, "computedAt")));
    }

    private static AttributeValue card(Card c) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("id", s(c.performanceId()));
        m.put("title", s(c.title()));
        m.put("genre", s(c.genre()));
        if (c.posterUrl() != null) {
            m.put("posterUrl", s(c.posterUrl()));
        }
        if (c.firstRoundAt() != null) {
            m.put("firstRoundAt", Attr.time(c.firstRoundAt()));
        }
        return AttributeValue.fromM(m);
    }

    private static Card card(Map<String, AttributeValue> m) {
        return new Card(Attr.str(m, "id"), Attr.str(m, "title"), Attr.str(m, "genre"), Attr.str(m, "posterUrl"),
                Attr.instant(m, "firstRoundAt"));
    }
}
