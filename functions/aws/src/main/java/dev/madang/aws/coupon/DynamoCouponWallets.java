package dev.madang.aws.coupon;

import dev.madang.domain.coupon.CouponBatch;
import dev.madang.domain.coupon.CouponWallets;
import dev.madang.domain.coupon.WalletCoupon;
import dev.madang.domain.quota.QuotaTake;
import dev.madang.domain.quota.Quotas;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * Coupon wallets in the orders table, each fan's in their own partition (docs/architecture.md §3.8):
 * <pre>
 * | pattern                               | key                                                                    |
 * |---------------------------------------|------------------------------------------------------------------------|
 * | a fan's claims of a batch (the limit) | pk = WALLET#user, sk = BATCH#batch; ADD claimed 1 IF claimed < limit    |
 * | one claimed coupon                    | pk = WALLET#user, sk = COUPON#couponId; Put IF attribute_not_exists     |
 * | the fan's wallet                      | pk = WALLET#user, sk begins_with COUPON# (sorted by claimedAt)          |
 * | a coupon spent by an order            | SET couponStatus = USED, orderId IF couponStatus = AVAILABLE (with the  |
 * |                                       | order's put, one transaction: DynamoOrders)                            |
 * </pre>
 * A claim writes the fan's count first (contended only by that fan's own parallel requests), then takes one unit of
 * the batch's quota (the sharded, contended part), then puts the coupon; a sold-out batch takes the count back, so
 * a refusal leaves the fan's limit as it was.
 */
public final class DynamoCouponWallets implements CouponWallets {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Quotas quotas;

    public DynamoCouponWallets(DynamoDbClient dynamo, String ordersTable, Quotas quotas) {
        this.dynamo = dynamo;
        this.table = ordersTable;
        this.quotas = quotas;
    }

    /** A fan's wallet: one partition, their coupons and their claim count per batch. */
    private static AttributeValue walletKey(String userId) {
        return s("WALLET#" + userId);
    }

    private static Map<String, AttributeValue> countKey(String userId, String batchId) {
        return Map.of("pk", walletKey(userId), "sk", s("BATCH#" + batchId));
    }

    /** One coupon of a fan's wallet (the orders table marks it used in the same write that creates an order). */
    public static Map<String, AttributeValue> couponKey(String userId, String couponId) {
        return Map.of("pk", walletKey(userId), "sk", s("COUPON#" + couponId));
    }

    @Override
    public Claim claim(CouponBatch batch, String userId, String couponId, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(countKey(userId, batch.id()))
                    .updateExpression("ADD claimed :one")
                    .conditionExpression("attribute_not_exists(claimed) OR claimed < :limit")
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(batch.perPerson()))));
        } catch (ConditionalCheckFailedException limit) {
            return find(userId, couponId).map(twin -> new Claim(Optional.of(twin), Optional.<Refusal>empty()))
                    .orElseGet(() -> new Claim(Optional.empty(), Optional.of(Refusal.PER_PERSON_LIMIT)));
        }
        Optional<QuotaTake> unit = quotas.take(batch.quotaName(), 1);
        if (unit.isEmpty()) {
            uncount(userId, batch);
            return new Claim(Optional.empty(), Optional.of(Refusal.SOLD_OUT));
        }
        WalletCoupon coupon = new WalletCoupon(couponId, userId, batch.id(), WalletCoupon.Status.AVAILABLE, at,
                unit.get().encode());
        try {
            // returnsOnCancel is the batch's rule, copied so a cancellation gives the coupon back by one write
            dynamo.putItem(b -> b.tableName(table).item(Map.of(
                            "pk", walletKey(userId), "sk", s("COUPON#" + couponId), "batchId", s(batch.id()),
                            "couponStatus", s(coupon.status().name()), "claimedAt", s(at.toString()),
                            "quotaTake", s(coupon.quotaTake()),
                            "returnsOnCancel", AttributeValue.fromBool(batch.returnOnCancel())))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException twin) {
            // a parallel claim of the same id (one Idempotency-Key sent twice at once) put it first: this one's count
            // and unit go back, and both answer the one coupon
            quotas.giveBack(unit.get());
            uncount(userId, batch);
            return new Claim(find(userId, couponId), Optional.empty());
        }
        return new Claim(Optional.of(coupon), Optional.empty());
    }

    private void uncount(String userId, CouponBatch batch) {
        dynamo.updateItem(b -> b.tableName(table).key(countKey(userId, batch.id()))
                .updateExpression("ADD claimed :minus")
                .expressionAttributeValues(Map.of(":minus", n(-1))));
    }

    @Override
    public List<WalletCoupon> wallet(String userId) {
        List<WalletCoupon> coupons = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :coupon)")
                .expressionAttributeValues(Map.of(":pk", walletKey(userId), ":coupon", s("COUPON#"))).build())
                .items().forEach(item -> coupons.add(toCoupon(userId, item)));
        coupons.sort(java.util.Comparator.comparing(WalletCoupon::claimedAt).reversed());
        return coupons;
    }

    @Override
    public Optional<WalletCoupon> find(String userId, String couponId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(couponKey(userId, couponId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toCoupon(userId, item));
    }

    private static WalletCoupon toCoupon(String userId, Map<String, AttributeValue> item) {
        return new WalletCoupon(item.get("sk").s().substring("COUPON#".length()), userId, item.get("batchId").s(),
                WalletCoupon.Status.valueOf(item.get("couponStatus").s()), Instant.parse(item.get("claimedAt").s()),
                item.get("quotaTake").s(), item.containsKey("orderId") ? item.get("orderId").s() : null);
    }
}
