package dev.madang.api.coupon;

import dev.madang.aws.coupon.DynamoCouponBatches;
import dev.madang.aws.coupon.DynamoCouponWallets;
import dev.madang.aws.quota.DynamoQuotas;
import dev.madang.domain.coupon.IssuingCoupons;
import dev.madang.domain.coupon.PricingOrders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** Wires coupons (batches, the claim quotas, the wallets; all in the orders table) for issuing and for checkout. */
@ApplicationScoped
public class CouponBeans {

    @Produces
    @Singleton
    DynamoCouponBatches batches(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.orders") String table) {
        return new DynamoCouponBatches(dynamo, table);
    }

    /** The batches' claim quotas: one instance, which keeps each quota's shard caps once read. */
    @Produces
    @Singleton
    DynamoQuotas quotas(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.orders") String table) {
        return new DynamoQuotas(dynamo, table);
    }

    @Produces
    @Singleton
    DynamoCouponWallets wallets(DynamoDbClient dynamo, DynamoQuotas quotas,
                                @ConfigProperty(name = "madang.tables.orders") String table) {
        return new DynamoCouponWallets(dynamo, table, quotas);
    }

    @Produces
    @Singleton
    IssuingCoupons issuing(DynamoCouponBatches batches, DynamoCouponWallets wallets, DynamoQuotas quotas,
                           Clock clock) {
        return new IssuingCoupons(batches, wallets, quotas, clock);
    }

    @Produces
    @Singleton
    PricingOrders pricing(DynamoCouponWallets wallets, DynamoCouponBatches batches) {
        return new PricingOrders(wallets, batches);
    }
}
