package dev.madang.aws.order;

import dev.madang.domain.order.CloseReason;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.reconciliation.LedgerEntry;
import dev.madang.domain.reconciliation.Mismatch;
import dev.madang.domain.reconciliation.OrderBooks;
import dev.madang.domain.reconciliation.ReconciliationReport;
import dev.madang.domain.reconciliation.Reconciliations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Reconciliation's side of the orders table:
 * <pre>
 * | pattern                     | key condition                                                     | index |
 * |-----------------------------|-------------------------------------------------------------------|-------|
 * | a day's ledger entries      | Query pk = LEDGER#day#shard, one per shard (see {@link LedgerKeys}) | table |
 * | an order's books            | GetItem pk = ORDER#id, sk = META (consistent)                     | table |
 * | store / read a day's report | PutItem / GetItem pk = RECONCILIATION#day, sk = REPORT            | table |
 * </pre>
 * Only the report is written; orders are only read.
 */
public final class DynamoReconciliations implements Reconciliations {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReconciliations(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<LedgerEntry> entriesOn(LocalDate day) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (int shard = 0; shard < LedgerKeys.SHARDS; shard++) {
            String pk = LedgerKeys.partition(day, shard);
            dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk))).build())
                    .items().forEach(item -> entries.add(new LedgerEntry(str(item, "orderId"),
                            LedgerEntry.Kind.valueOf(str(item, "entryKind")), Long.parseLong(item.get("amount").n()),
                            Instant.parse(str(item, "at")), item.containsKey("reference") ? str(item, "reference") : null)));
        }
        return entries;
    }

    @Override
    public Optional<OrderBooks> books(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("ORDER#" + orderId), "sk", s("META")))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String reason = item.containsKey("closeReason") ? str(item, "closeReason") : null;
        return Optional.of(new OrderBooks(orderId, OrderStatus.valueOf(str(item, "status")),
                Long.parseLong(item.get("amount").n()), item.containsKey("paymentKey") ? str(item, "paymentKey") : null,
                reason == null ? null : CloseReason.valueOf(reason), number(item, "refunded"),
                number(item, "committedRefund")));
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static Map<String, AttributeValue> reportKey(LocalDate day) {
        return Map.of("pk", s("RECONCILIATION#" + day), "sk", s("REPORT"));
    }

    @Override
    public void save(ReconciliationReport report) {
        Map<String, AttributeValue> item = new HashMap<>(reportKey(report.day()));
        item.put("day", s(report.day().toString()));
        item.put("reconciledAt", s(report.reconciledAt().toString()));
        item.put("pgTransactions", n(report.pgTransactions()));
        item.put("ourEntries", n(report.ourEntries()));
        item.put("ordersCompared", n(report.ordersCompared()));
        Map<String, AttributeValue> counts = new HashMap<>();
        report.counts().forEach((kind, count) -> counts.put(kind.name(), n(count)));
        item.put("counts", AttributeValue.fromM(counts));
        item.put("mismatches", AttributeValue.fromL(report.mismatches().stream().map(m -> {
            Map<String, AttributeValue> e = new HashMap<>();
            e.put("orderId", s(m.orderId()));
            if (m.paymentKey() != null) {
                e.put("paymentKey", s(m.paymentKey()));
            }
            e.put("kind", s(m.kind().name()));
            e.put("ours", n(m.ours()));
            e.put("pg", n(m.pg()));
            return AttributeValue.fromM(e);
        }).toList()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Optional<ReconciliationReport> report(LocalDate day) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(reportKey(day))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        List<Mismatch> mismatches = item.get("mismatches").l().stream().map(AttributeValue::m).map(m ->
                new Mismatch(m.get("orderId").s(), m.containsKey("paymentKey") ? m.get("paymentKey").s() : null,
                        Mismatch.Kind.valueOf(m.get("kind").s()), Long.parseLong(m.get("ours").n()),
                        Long.parseLong(m.get("pg").n()))).toList();
        return Optional.of(new ReconciliationReport(day, Instant.parse(str(item, "reconciledAt")),
                (int) number(item, "pgTransactions"), (int) number(item, "ourEntries"),
                (int) number(item, "ordersCompared"), mismatches));
    }
}
