package dev.madang.aws.trade;

import dev.madang.domain.trade.TransferFees;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * A performance's transfer fee in the catalog table, beside its cancellation policy:
 * {@code pk = PERF#id, sk = TRANSFER_POLICY} (GetItem, PutItem). Read once per transfer handed over.
 */
public final class DynamoTransferFees implements TransferFees {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTransferFees(DynamoDbClient dynamo, String catalogTable) {
        this.dynamo = dynamo;
        this.table = catalogTable;
    }

    private static Map<String, AttributeValue> key(String performanceId) {
        return Map.of("pk", s("PERF#" + performanceId), "sk", s("TRANSFER_POLICY"));
    }

    @Override
    public Optional<Integer> feePercent(String performanceId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(performanceId))
                .consistentRead(true)).item();
        return item == null || !item.containsKey("feePercent") ? Optional.empty()
                : Optional.of(Integer.valueOf(item.get("feePercent").n()));
    }

    @Override
    public void setFeePercent(String performanceId, int feePercent) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(performanceId));
        item.put("feePercent", n(feePercent));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }
}
