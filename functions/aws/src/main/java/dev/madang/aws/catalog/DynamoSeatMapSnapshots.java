package dev.madang.aws.catalog;

import dev.madang.aws.support.Attr;
import dev.madang.domain.catalog.SeatMapSnapshot;
import dev.madang.domain.catalog.SeatMapSnapshots;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.BitSet;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.s;

/**
 * A round's taken-seat bitmap, one item in the seats table ({@code pk = RND#<round>, sk = SNAPSHOT}): a 50,000-seat
 * hall is 6 KB. Read eventually consistent: viewers accept a second of staleness, never a second read unit.
 */
final class DynamoSeatMapSnapshots implements SeatMapSnapshots {

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoSeatMapSnapshots(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static Map<String, AttributeValue> key(String roundId) {
        return Map.of("pk", s("RND#" + roundId), "sk", s("SNAPSHOT"));
    }

    @Override
    public Optional<SeatMapSnapshot> find(String roundId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(roundId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SeatMapSnapshot(roundId, BitSet.valueOf(item.get("taken").b().asByteArray()),
                Attr.instant(item, "asOf")));
    }

    @Override
    public void save(SeatMapSnapshot snapshot) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(snapshot.roundId()));
        item.put("taken", Attr.b(snapshot.taken().toByteArray()));
        item.put("asOf", s(snapshot.asOf().toString()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }
}
