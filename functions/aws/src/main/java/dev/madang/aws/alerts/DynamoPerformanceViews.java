package dev.madang.aws.alerts;

import dev.madang.aws.support.Attr;
import dev.madang.domain.recommendation.PerformanceViews;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * A fan's views of performance pages in the alerts table ({@code AlertsTable}), beside their follows:
 * <pre>
 * | pattern                       | key                                              | index |
 * |-------------------------------|--------------------------------------------------|-------|
 * | a view (idempotent)           | PutItem pk = FAN#account, sk = VIEWED#performance | table |
 * | every fan's views, for the job | Scan, filter begins_with(sk, VIEWED#), since      | table |
 * </pre>
 * The job's scan reads the whole (small) table a few times a day, never on a request's path; a view expires by TTL
 * after {@link #KEPT_FOR}.
 */
public final class DynamoPerformanceViews implements PerformanceViews {

    static final Duration KEPT_FOR = Duration.ofDays(90);
    private static final String VIEWED = "VIEWED#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPerformanceViews(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(String accountId, String performanceId, Instant at) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s(AlertKeys.fan(accountId)),
                "sk", s(VIEWED + performanceId), "viewedAt", Attr.time(at),
                "expiresAtEpoch", n(at.plus(KEPT_FOR).getEpochSecond()))));
    }

    @Override
    public Map<String, List<String>> since(Instant since) {
        record View(String performanceId, Instant at) {
        }
        Map<String, List<View>> byFan = new HashMap<>();
        dynamo.scanPaginator(r -> r.tableName(table).filterExpression("begins_with(sk, :viewed) AND viewedAt >= :since")
                        .expressionAttributeValues(Map.of(":viewed", s(VIEWED), ":since", Attr.time(since))))
                .items().forEach(i -> byFan.computeIfAbsent(i.get("pk").s().substring("FAN#".length()),
                        k -> new ArrayList<>()).add(new View(i.get("sk").s().substring(VIEWED.length()),
                        Attr.instant(i, "viewedAt"))));
        Map<String, List<String>> out = new HashMap<>();
        byFan.forEach((fan, views) -> out.put(fan, views.stream()
                .sorted(Comparator.comparing(View::at).reversed()).limit(KEPT).map(View::performanceId).toList()));
        return out;
    }
}
