package dev.madang.aws.pricing;

import dev.madang.aws.catalog.DynamoRounds;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.pricing.PriceChange;
import dev.madang.domain.pricing.TimeSale;
import dev.madang.domain.pricing.TimeSales;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.num;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Time sales and the price history in the catalog table, beside the rounds they reprice (docs/architecture.md §3.8):
 * <pre>
 * | pattern                         | key                                                                        |
 * |---------------------------------|----------------------------------------------------------------------------|
 * | a sale                          | pk = TIMESALE#id, sk = SALE; gsi1pk = ROUNDSALES#round, gsi1sk = id         |
 * | the sales the job looks at      | pk = TIMESALES#OPEN, sk = id (removed when the sale ends or is skipped)     |
 * | a round's price history         | pk = PRICES#round, sk = at#saleId#reason                                   |
 * | a move                          | TransactWriteItems: the sale IF status = :from, the round IF version = :v, |
 * |                                 | the history entry, the open entry kept or deleted                          |
 * </pre>
 * The open list is one small partition: sales are set by organisers, a few per round, and read every 10 minutes by
 * the job only.
 */
public final class DynamoTimeSales implements TimeSales {

    private static final String OPEN = "TIMESALES#OPEN";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTimeSales(DynamoDbClient dynamo, String catalogTable) {
        this.dynamo = dynamo;
        this.table = catalogTable;
    }

    private static Map<String, AttributeValue> saleKey(String saleId) {
        return Map.of("pk", s("TIMESALE#" + saleId), "sk", s("SALE"));
    }

    private static Map<String, AttributeValue> openKey(String saleId) {
        return Map.of("pk", s(OPEN), "sk", s(saleId));
    }

    @Override
    public void create(TimeSale sale) {
        Map<String, AttributeValue> item = new HashMap<>(saleKey(sale.id()));
        item.putAll(attributes(sale));
        item.put("gsi1pk", s("ROUNDSALES#" + sale.roundId()));
        item.put("gsi1sk", s(sale.id()));
        Map<String, AttributeValue> open = new HashMap<>(openKey(sale.id()));
        open.putAll(attributes(sale));
        dynamo.transactWriteItems(t -> t.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(open)).build()));
    }

    private static Map<String, AttributeValue> attributes(TimeSale sale) {
        return Map.of("saleId", s(sale.id()), "roundId", s(sale.roundId()), "grade", s(sale.grade()),
                "soldBelowPercent", n(sale.soldBelowPercent()), "startDaysBefore", n(sale.startDaysBefore()),
                "discountPercent", n(sale.discountPercent()), "endDaysBefore", n(sale.endDaysBefore()),
                "saleStatus", s(sale.status().name()), "createdAt", s(sale.createdAt().toString()));
    }

    @Override
    public Optional<TimeSale> find(String saleId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(saleKey(saleId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toSale(item));
    }

    @Override
    public List<TimeSale> open() {
        List<TimeSale> open = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk").consistentRead(true)
                .expressionAttributeValues(Map.of(":pk", s(OPEN)))).items().forEach(i -> open.add(toSale(i)));
        return open;
    }

    @Override
    public List<TimeSale> ofRound(String roundId) {
        List<TimeSale> sales = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s("ROUNDSALES#" + roundId))))
                .items().forEach(i -> sales.add(toSale(i)));
        return sales;
    }

    @Override
    public boolean move(TimeSale sale, TimeSale.Status next, Round repriced, long expectedRoundVersion,
                        PriceChange change) {
        List<TransactWriteItem> writes = new ArrayList<>(moving(sale, next));
        writes.add(DynamoRounds.updating(table, repriced, expectedRoundVersion));
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of(
                "pk", s("PRICES#" + change.roundId()),
                "sk", s(change.at() + "#" + change.saleId() + "#" + change.reason().name()),
                "grade", s(change.grade()), "fromPrice", n(change.from()), "toPrice", n(change.to()),
                "at", s(change.at().toString()), "saleId", s(change.saleId()), "reason", s(change.reason().name()))))
                .build());
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
            return true;
        } catch (TransactionCanceledException moved) {
            return false; // the sale moved already (another run), or the round changed: the next run looks again
        }
    }

    @Override
    public boolean move(TimeSale sale, TimeSale.Status next) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(moving(sale, next)));
            return true;
        } catch (TransactionCanceledException moved) {
            return false;
        }
    }

    /** The sale's status move, conditional on where it was, and its open entry updated or removed with it. */
    private List<TransactWriteItem> moving(TimeSale sale, TimeSale.Status next) {
        Map<String, AttributeValue> values = Map.of(":from", s(sale.status().name()), ":to", s(next.name()));
        TransactWriteItem saleMove = TransactWriteItem.builder().update(u -> u.tableName(table).key(saleKey(sale.id()))
                .updateExpression("SET saleStatus = :to").conditionExpression("saleStatus = :from")
                .expressionAttributeValues(values)).build();
        boolean stillOpen = next == TimeSale.Status.ACTIVE;
        TransactWriteItem openEntry = stillOpen
                ? TransactWriteItem.builder().update(u -> u.tableName(table).key(openKey(sale.id()))
                .updateExpression("SET saleStatus = :to").expressionAttributeValues(Map.of(":to", s(next.name()))))
                .build()
                : TransactWriteItem.builder().delete(d -> d.tableName(table).key(openKey(sale.id()))).build();
        return List.of(saleMove, openEntry);
    }

    @Override
    public List<PriceChange> history(String roundId) {
        List<PriceChange> changes = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s("PRICES#" + roundId))))
                .items().forEach(i -> changes.add(new PriceChange(roundId, str(i, "grade"), num(i, "fromPrice"),
                        num(i, "toPrice"), Instant.parse(str(i, "at")), str(i, "saleId"),
                        PriceChange.Reason.valueOf(str(i, "reason")))));
        return changes;
    }

    private static TimeSale toSale(Map<String, AttributeValue> item) {
        return new TimeSale(str(item, "saleId"), str(item, "roundId"), str(item, "grade"),
                (int) num(item, "soldBelowPercent"), (int) num(item, "startDaysBefore"),
                (int) num(item, "discountPercent"), (int) num(item, "endDaysBefore"),
                TimeSale.Status.valueOf(str(item, "saleStatus")), Instant.parse(str(item, "createdAt")));
    }
}
