package dev.madang.aws.catalog;

import dev.madang.aws.support.Attr;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.membership.MemberSale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/** Rounds in the catalog table; listed per performance through gsi1 (see {@link CatalogKeys}). */
public final class DynamoRounds implements Rounds {

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoRounds(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Round round) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(item(round, 1)).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw DomainException.conflict("round-exists", "round " + round.id() + " already exists");
        }
    }

    @Override
    public void update(Round round, long expectedVersion) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(item(round, expectedVersion + 1))
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", n(expectedVersion))));
        } catch (ConditionalCheckFailedException e) {
            throw DomainException.conflict("round-changed", "round " + round.id() + " changed meanwhile; reload it");
        }
    }

    /**
     * The conditional put of {@link #update} as one write of a transaction: another item's change (a time sale's move)
     * and the round's new prices in one write.
     */
    public static TransactWriteItem updating(String table, Round round, long expectedVersion) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item(round, expectedVersion + 1))
                .conditionExpression("version = :v")
                .expressionAttributeValues(Map.of(":v", n(expectedVersion)))).build();
    }

    @Override
    public Optional<Round> find(String roundId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of("pk", s(CatalogKeys.round(roundId)), "sk", s(CatalogKeys.META)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(decode(item));
    }

    @Override
    public List<Round> ofPerformance(String performanceId) {
        return dynamo.queryPaginator(r -> r.tableName(table).indexName(CatalogKeys.GSI1)
                        .keyConditionExpression("gsi1pk = :p AND begins_with(gsi1sk, :prefix)")
                        .expressionAttributeValues(Map.of(":p", s(CatalogKeys.performance(performanceId)),
                                ":prefix", s("ROUND#"))))
                .items().stream().map(DynamoRounds::decode).toList();
    }

    private static Map<String, AttributeValue> item(Round round, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(CatalogKeys.round(round.id())));
        item.put("sk", s(CatalogKeys.META));
        item.put("gsi1pk", s(CatalogKeys.performance(round.performanceId())));
        item.put("gsi1sk", s("ROUND#" + Attr.sortable(round.startsAt()) + "#" + round.id()));
        item.put("performanceId", s(round.performanceId()));
        item.put("venueId", s(round.venueId()));
        item.put("layoutVersion", n(round.layoutVersion()));
        item.put("startsAt", Attr.time(round.startsAt()));
        item.put("saleOpensAt", Attr.time(round.saleOpensAt()));
        item.put("perPersonLimit", n(round.perPersonLimit()));
        item.put("grades", AttributeValue.fromL(round.grades().stream().map(g -> AttributeValue.fromM(g.onSale()
                ? Map.of("grade", s(g.grade()), "price", n(g.price()), "originalPrice", n(g.originalPrice()))
                : Map.of("grade", s(g.grade()), "price", n(g.price())))).toList()));
        Map<String, AttributeValue> sections = new LinkedHashMap<>();
        round.sections().forEach((id, plan) -> sections.put(id, AttributeValue.fromM(Map.of(
                "mode", s(plan.mode().name()), "grade", s(plan.grade())))));
        item.put("sections", AttributeValue.fromM(sections));
        item.put("version", n(version));
        if (round.cancelledAt() != null) {
            item.put("cancelledAt", Attr.time(round.cancelledAt()));
        }
        if (round.memberSale() != null) {
            MemberSale sale = round.memberSale();
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("membershipIds", Attr.ss(sale.membershipIds().stream().sorted().toList()));
            m.put("discountPercent", n(sale.discountPercent()));
            if (sale.presaleOpensAt() != null) {
                m.put("presaleOpensAt", s(sale.presaleOpensAt().toString()));
            }
            item.put("memberSale", AttributeValue.fromM(m));
        }
        return item;
    }

    private static Round decode(Map<String, AttributeValue> item) {
        List<GradePrice> grades = item.get("grades").l().stream()
                .map(g -> new GradePrice(g.m().get("grade").s(), Long.parseLong(g.m().get("price").n()),
                        g.m().containsKey("originalPrice") ? Long.valueOf(g.m().get("originalPrice").n()) : null))
                .toList();
        Map<String, SectionPlan> sections = new java.util.TreeMap<>();
        item.get("sections").m().forEach((id, plan) -> sections.put(id,
                new SectionPlan(BookingMode.valueOf(plan.m().get("mode").s()), plan.m().get("grade").s())));
        return new Round(item.get("pk").s().substring("ROUND#".length()), Attr.str(item, "performanceId"),
                Attr.str(item, "venueId"), (int) Attr.num(item, "layoutVersion"), Attr.instant(item, "startsAt"),
                Attr.instant(item, "saleOpensAt"), (int) Attr.num(item, "perPersonLimit"), grades, sections,
                Attr.num(item, "version"), item.containsKey("cancelledAt") ? Attr.instant(item, "cancelledAt") : null,
                memberSale(item.get("memberSale")));
    }

    private static MemberSale memberSale(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new MemberSale(new java.util.HashSet<>(Attr.strings(m, "membershipIds")),
                m.containsKey("presaleOpensAt") ? java.time.Instant.parse(m.get("presaleOpensAt").s()) : null,
                (int) Attr.num(m, "discountPercent"));
    }
}
