package dev.madang.aws.coupon;

import dev.madang.domain.coupon.CouponBatch;
import dev.madang.domain.coupon.CouponBatches;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.num;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.ss;
import static dev.madang.aws.support.Attr.str;
import static dev.madang.aws.support.Attr.strings;

/**
 * Coupon batches in the orders table, beside the wallets and quotas they feed (docs/architecture.md §3.8):
 * <pre>
 * | pattern                    | key                                                                          |
 * |----------------------------|------------------------------------------------------------------------------|
 * | a batch                    | pk = COUPONBATCH#id, sk = BATCH                                              |
 * | a code names one batch     | pk = COUPONCODE#code, sk = CODE, batchId; Put IF attribute_not_exists        |
 * | the downloadable batches   | pk = COUPONBATCHES, sk = DOWNLOADABLE#id (a copy of the batch; ULIDs: newest |
 * |                            | last, read backwards)                                                        |
 * </pre>
 * All written in one transaction when the batch is issued (batches never change after), so a code or a listed batch
 * always has its batch. Admins issue batches rarely; the one listing partition is read by the downloadable list only.
 */
public final class DynamoCouponBatches implements CouponBatches {

    private static final String LISTING = "COUPONBATCHES";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCouponBatches(DynamoDbClient dynamo, String ordersTable) {
        this.dynamo = dynamo;
        this.table = ordersTable;
    }

    private static Map<String, AttributeValue> batchKey(String batchId) {
        return Map.of("pk", s("COUPONBATCH#" + batchId), "sk", s("BATCH"));
    }

    private static Map<String, AttributeValue> codeKey(String code) {
        return Map.of("pk", s("COUPONCODE#" + code), "sk", s("CODE"));
    }

    @Override
    public boolean create(CouponBatch batch) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(with(batchKey(batch.id()), batch)));
        if (batch.code() != null) {
            Map<String, AttributeValue> code = new HashMap<>(codeKey(batch.code()));
            code.put("batchId", s(batch.id()));
            writes.add(put(code));
        }
        if (batch.downloadable()) {
            writes.add(put(with(Map.of("pk", s(LISTING), "sk", s("DOWNLOADABLE#" + batch.id())), batch)));
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
            return true;
        } catch (TransactionCanceledException codeTaken) {
            return false; // the batch id is new, so only the code can exist
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    @Override
    public Optional<CouponBatch> find(String batchId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(batchKey(batchId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toBatch(item));
    }

    @Override
    public Optional<CouponBatch> byCode(String code) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(codeKey(code))).item();
        return item == null || item.isEmpty() ? Optional.empty() : find(str(item, "batchId"));
    }

    @Override
    public List<CouponBatch> downloadable(int limit) {
        return dynamo.query(q -> q.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :d)")
                        .expressionAttributeValues(Map.of(":pk", s(LISTING), ":d", s("DOWNLOADABLE#")))
                        .scanIndexForward(false).limit(limit))
                .items().stream().map(DynamoCouponBatches::toBatch).toList();
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> key, CouponBatch b) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("batchId", s(b.id()));
        item.put("name", s(b.name()));
        item.put("kind", s(b.kind().name()));
        item.put("value", n(b.value()));
        item.put("maxDiscount", n(b.maxDiscount()));
        item.put("minimumOrder", n(b.minimumOrder()));
        item.put("grades", ss(b.grades().stream().sorted().toList()));
        item.put("performanceIds", ss(b.performanceIds().stream().sorted().toList()));
        item.put("validFrom", s(b.validFrom().toString()));
        item.put("validUntil", s(b.validUntil().toString()));
        item.put("perPerson", n(b.perPerson()));
        item.put("total", n(b.total()));
        if (b.code() != null) {
            item.put("code", s(b.code()));
        }
        item.put("downloadable", AttributeValue.fromBool(b.downloadable()));
        item.put("returnOnCancel", AttributeValue.fromBool(b.returnOnCancel()));
        return item;
    }

    private static CouponBatch toBatch(Map<String, AttributeValue> item) {
        return new CouponBatch(str(item, "batchId"), str(item, "name"), CouponBatch.Kind.valueOf(str(item, "kind")),
                num(item, "value"), num(item, "maxDiscount"), num(item, "minimumOrder"),
                new HashSet<>(strings(item, "grades")), new HashSet<>(strings(item, "performanceIds")),
                Instant.parse(str(item, "validFrom")), Instant.parse(str(item, "validUntil")),
                (int) num(item, "perPerson"), (int) num(item, "total"), str(item, "code"),
                item.get("downloadable").bool(), item.get("returnOnCancel").bool());
    }
}
