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
 * | the fan's wallet                      | pk = WALLET#user, sk begins_with COUPON# (newest first: ULID ids)       |
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

    @Override
    public Claim claim(CouponBatch batch, String userId, String couponId, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(countKey(userId, batch.id()))
                    .updateExpression("ADD claimed :one")
                    .conditionExpression("attribute_not_exists(claimed) OR claimed < :limit")
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(batch.perPerson()))));
        } catch (ConditionalCheckFailedException limit) {
            return new Claim(Optional.empty(), Optional.of(Refusal.PER_PERSON_LIMIT));
        }
        Optional<QuotaTake> unit = quotas.take(batch.quotaName(), 1);
        if (unit.isEmpty()) {
            dynamo.updateItem(b -> b.tableName(table).key(countKey(userId, batch.id()))
                    .updateExpression("ADD claimed :minus")
                    .expressionAttributeValues(Map.of(":minus", n(-1))));
            return new Claim(Optional.empty(), Optional.of(Refusal.SOLD_OUT));
        }
        WalletCoupon coupon = new WalletCoupon(couponId, userId, batch.id(), WalletCoupon.Status.AVAILABLE, at,
                unit.get().encode());
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                        "pk", walletKey(userId), "sk", s("COUPON#" + couponId), "batchId", s(batch.id()),
                        "couponStatus", s(coupon.status().name()), "claimedAt", s(at.toString()),
                        "quotaTake", s(coupon.quotaTake())))
                .conditionExpression("attribute_not_exists(pk)"));
        return new Claim(Optional.of(coupon), Optional.empty());
    }

    @Override
    public List<WalletCoupon> wallet(String userId) {
        List<WalletCoupon> coupons = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).scanIndexForward(false)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :coupon)")
                .expressionAttributeValues(Map.of(":pk", walletKey(userId), ":coupon", s("COUPON#"))).build())
                .items().forEach(item -> coupons.add(new WalletCoupon(
                        item.get("sk").s().substring("COUPON#".length()), userId, item.get("batchId").s(),
                        WalletCoupon.Status.valueOf(item.get("couponStatus").s()),
                        Instant.parse(item.get("claimedAt").s()), item.get("quotaTake").s())));
        return coupons;
    }
}
