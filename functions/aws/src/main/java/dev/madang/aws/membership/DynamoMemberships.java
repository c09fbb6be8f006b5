package dev.madang.aws.membership;

import dev.madang.domain.membership.MemberCard;
import dev.madang.domain.membership.MemberCards;
import dev.madang.domain.membership.Membership;
import dev.madang.domain.membership.Memberships;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

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
 * Memberships and the fans' cards in the orders table, beside the membership orders (docs/architecture.md §3.8):
 * <pre>
 * | pattern                      | key                                                                           |
 * |------------------------------|-------------------------------------------------------------------------------|
 * | a membership                 | pk = MEMBERSHIP#id, sk = PLAN                                                 |
 * | the memberships on offer     | pk = MEMBERSHIPS, sk = id (a copy; ULIDs, read backwards: newest first)      |
 * | a fan's card                 | pk = WALLET#user, sk = MEMBER#membership (the fan's wallet partition)         |
 * | a fan's cards (login, refresh)| pk = WALLET#user, sk begins_with MEMBER#                                     |
 * | a card replaced              | Put IF attribute_not_exists(pk) / IF lastOrderId = :previous                 |
 * </pre>
 */
public final class DynamoMemberships implements Memberships, MemberCards {

    private static final String OFFERED = "MEMBERSHIPS";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoMemberships(DynamoDbClient dynamo, String ordersTable) {
        this.dynamo = dynamo;
        this.table = ordersTable;
    }

    @Override
    public void create(Membership m) {
        Map<String, AttributeValue> attributes = Map.of("membershipId", s(m.id()), "name", s(m.name()),
                "price", n(m.price()), "periodDays", n(m.periodDays()), "benefits", s(m.benefits()),
                "refundDays", n(m.refundDays()), "createdAt", s(m.createdAt().toString()));
        Map<String, AttributeValue> plan = new HashMap<>(attributes);
        plan.put("pk", s("MEMBERSHIP#" + m.id()));
        plan.put("sk", s("PLAN"));
        Map<String, AttributeValue> listed = new HashMap<>(attributes);
        listed.put("pk", s(OFFERED));
        listed.put("sk", s(m.id()));
        dynamo.transactWriteItems(t -> t.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(plan)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(listed)).build()));
    }

    @Override
    public Optional<Membership> find(String membershipId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of("pk", s("MEMBERSHIP#" + membershipId), "sk", s("PLAN")))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toMembership(item));
    }

    @Override
    public List<Membership> all() {
        List<Membership> all = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk").scanIndexForward(false)
                .expressionAttributeValues(Map.of(":pk", s(OFFERED)))).items().forEach(i -> all.add(toMembership(i)));
        return all;
    }

    private static Membership toMembership(Map<String, AttributeValue> item) {
        return new Membership(str(item, "membershipId"), str(item, "name"), num(item, "price"),
                (int) num(item, "periodDays"), str(item, "benefits"), (int) num(item, "refundDays"),
                Instant.parse(str(item, "createdAt")));
    }

    private static Map<String, AttributeValue> cardKey(String userId, String membershipId) {
        return Map.of("pk", s("WALLET#" + userId), "sk", s("MEMBER#" + membershipId));
    }

    @Override
    public Optional<MemberCard> find(String userId, String membershipId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(cardKey(userId, membershipId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toCard(userId, item));
    }

    @Override
    public List<MemberCard> ofUser(String userId) {
        List<MemberCard> cards = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :m)")
                        .expressionAttributeValues(Map.of(":pk", s("WALLET#" + userId), ":m", s("MEMBER#"))))
                .items().forEach(i -> cards.add(toCard(userId, i)));
        return cards;
    }

    @Override
    public boolean replace(MemberCard previous, MemberCard next) {
        Map<String, AttributeValue> item = new HashMap<>(cardKey(next.userId(), next.membershipId()));
        item.put("membershipId", s(next.membershipId()));
        item.put("validUntil", s(next.validUntil().toString()));
        item.put("lastOrderId", s(next.lastOrderId()));
        item.put("lastPaidAt", s(next.lastPaidAt().toString()));
        item.put("validBefore", s(next.validBefore().toString()));
        try {
            dynamo.putItem(p -> {
                p.tableName(table).item(item);
                if (previous == null) {
                    p.conditionExpression("attribute_not_exists(pk)");
                } else {
                    p.conditionExpression("lastOrderId = :o AND validUntil = :v").expressionAttributeValues(Map.of(
                            ":o", s(previous.lastOrderId()), ":v", s(previous.validUntil().toString())));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    private static MemberCard toCard(String userId, Map<String, AttributeValue> item) {
        return new MemberCard(userId, str(item, "membershipId"), Instant.parse(str(item, "validUntil")),
                str(item, "lastOrderId"), Instant.parse(str(item, "lastPaidAt")),
                Instant.parse(str(item, "validBefore")));
    }
}
