package dev.madang.aws.cancellation;

import dev.madang.domain.cancellation.CancellationPolicies;
import dev.madang.domain.cancellation.CancellationPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * A performance's cancellation policy in the catalog table, beside the performance: pk = PERF#id, sk =
 * CANCELLATION_POLICY, one GetItem to read, one PutItem to replace. Tiers are a list of {from, to, pct} maps and the
 * cut-off times ISO local times, so the item reads as the policy does.
 */
public final class DynamoCancellationPolicies implements CancellationPolicies {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCancellationPolicies(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String performanceId) {
        return Map.of("pk", s("PERF#" + performanceId), "sk", s("CANCELLATION_POLICY"));
    }

    @Override
    public Optional<CancellationPolicy> of(String performanceId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(performanceId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        List<CancellationPolicy.FeeTier> tiers = item.get("tiers").l().stream().map(AttributeValue::m)
                .map(t -> new CancellationPolicy.FeeTier(Integer.parseInt(t.get("from").n()),
                        Integer.parseInt(t.get("to").n()), Integer.parseInt(t.get("pct").n()))).toList();
        return Optional.of(new CancellationPolicy(tiers,
                item.containsKey("sameDayFeePercent") ? Integer.valueOf(item.get("sameDayFeePercent").n()) : null,
                item.get("bookingDayGrace").bool(), time(item, "weekdayCutoff"), time(item, "saturdayCutoff"),
                time(item, "sundayAndHolidayCutoff")));
    }

    @Override
    public void save(String performanceId, CancellationPolicy p) {
        Map<String, AttributeValue> item = new HashMap<>(key(performanceId));
        item.put("tiers", AttributeValue.fromL(p.tiers().stream().map(t -> AttributeValue.fromM(Map.of(
                "from", n(t.fromDaysBefore()), "to", n(t.toDaysBefore()), "pct", n(t.feePercent())))).toList()));
        if (p.sameDayFeePercent() != null) {
            item.put("sameDayFeePercent", n(p.sameDayFeePercent()));
        }
        item.put("bookingDayGrace", AttributeValue.fromBool(p.bookingDayGrace()));
        item.put("weekdayCutoff", s(p.weekdayCutoff().toString()));
        item.put("saturdayCutoff", s(p.saturdayCutoff().toString()));
        if (p.sundayAndHolidayCutoff() != null) {
            item.put("sundayAndHolidayCutoff", s(p.sundayAndHolidayCutoff().toString()));
        }
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private static LocalTime time(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? LocalTime.parse(item.get(name).s()) : null;
    }
}
