package dev.madang.aws.ticket;

import dev.madang.domain.ticket.ScannerScopes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static dev.madang.aws.support.Attr.s;

/**
 * The rounds of each scanner account, one item per scanner in the accounts table ({@code AccountsTable}):
 * <pre>
 * | pattern                          | key condition                                    | index |
 * |----------------------------------|--------------------------------------------------|-------|
 * | assign / read a scanner's rounds | pk = SCANNER#accountId, sk = ROUNDS (consistent) | table |
 * </pre>
 */
public final class DynamoScannerScopes implements ScannerScopes {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoScannerScopes(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String scannerId) {
        return Map.of("pk", s("SCANNER#" + scannerId), "sk", s("ROUNDS"));
    }

    @Override
    public void assign(String scannerId, Set<String> roundIds) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(scannerId));
        item.put("roundIds", AttributeValue.fromL(roundIds.stream().map(AttributeValue::fromS).toList()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Set<String> roundsOf(String scannerId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(scannerId))
                .consistentRead(true)).item();
        Set<String> rounds = new LinkedHashSet<>();
        if (item != null && item.containsKey("roundIds")) {
            item.get("roundIds").l().forEach(v -> rounds.add(v.s()));
        }
        return rounds;
    }
}
