package dev.madang.aws.coupon;

import dev.madang.aws.quota.DynamoQuotas;
import dev.madang.domain.common.Ids;
import dev.madang.domain.coupon.CouponBatch;
import dev.madang.domain.coupon.CouponWallets.Claim;
import dev.madang.domain.coupon.CouponWallets.Refusal;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims into coupon wallets on the local DynamoDB, raced by many fans and by one fan's parallel requests. */
class DynamoCouponWalletsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");
    private static LocalAws aws;
    private static DynamoQuotas quotas;
    private static DynamoCouponWallets wallets;
    private static final Ids IDS = new Ids(Clock.systemUTC());

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        quotas = new DynamoQuotas(aws.dynamo(), aws.tableName("OrdersTable"));
        wallets = new DynamoCouponWallets(aws.dynamo(), aws.tableName("OrdersTable"), quotas);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    private static CouponBatch batch(int perPerson, int total) {
        CouponBatch batch = new CouponBatch(IDS.next(), "Winter", CouponBatch.Kind.FIXED, 5_000, 0, 0, Set.of(), Set.of(),
                NOW.minusSeconds(3600), NOW.plusSeconds(3600), perPerson, total);
        quotas.open(batch.quotaName(), total, 10);
        return batch;
    }

    private static List<Claim> race(int claims, IntFunction<String> fanOf, CouponBatch batch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Claim>> answers = new ArrayList<>();
            for (int i = 0; i < claims; i++) {
                String fan = fanOf.apply(i);
                answers.add(pool.submit(() -> {
                    go.await();
                    return wallets.claim(batch, fan, IDS.next(), NOW);
                }));
            }
            go.countDown();
            List<Claim> out = new ArrayList<>();
            for (Future<Claim> answer : answers) {
                out.add(answer.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void three_hundred_fans_rushing_a_fifty_coupon_batch_get_exactly_fifty() throws Exception {
        CouponBatch batch = batch(1, 50);
        String run = IDS.next();

        List<Claim> claims = race(300, i -> "fan-" + run + "-" + i, batch);

        long claimed = claims.stream().filter(c -> c.coupon().isPresent()).count();
        System.out.println("coupon rush: claims=300 claimed=" + claimed);
        assertThat(claimed).isEqualTo(50);
        assertThat(claims.stream().filter(c -> c.refusal().isPresent()).map(c -> c.refusal().get()))
                .hasSize(250).containsOnly(Refusal.SOLD_OUT);
        assertThat(quotas.count(batch.quotaName()).orElseThrow().taken()).isEqualTo(50);
        long inWallets = 0;
        for (int i = 0; i < 300; i++) {
            inWallets += wallets.wallet("fan-" + run + "-" + i).size();
        }
        assertThat(inWallets).isEqualTo(50);
    }

    @Test
    void one_fan_claiming_in_parallel_gets_only_the_per_person_limit_and_sees_only_their_own() throws Exception {
        CouponBatch batch = batch(2, 100);
        String fan = "fan-" + IDS.next();

        List<Claim> claims = race(10, i -> fan, batch);

        assertThat(claims.stream().filter(c -> c.coupon().isPresent())).hasSize(2);
        assertThat(claims.stream().filter(c -> c.refusal().isPresent()).map(c -> c.refusal().get()))
                .hasSize(8).containsOnly(Refusal.PER_PERSON_LIMIT);
        assertThat(wallets.wallet(fan)).hasSize(2).allSatisfy(c -> assertThat(c.userId()).isEqualTo(fan));
        assertThat(wallets.wallet("someone-else-" + IDS.next())).isEmpty();
        assertThat(quotas.count(batch.quotaName()).orElseThrow().taken()).isEqualTo(2);
    }

    @Test
    void a_sold_out_claim_leaves_the_fans_limit_as_it_was() {
        CouponBatch batch = batch(1, 1);
        String first = "fan-" + IDS.next();
        String second = "fan-" + IDS.next();
        assertThat(wallets.claim(batch, first, IDS.next(), NOW).coupon()).isPresent();
        assertThat(wallets.claim(batch, second, IDS.next(), NOW).refusal()).contains(Refusal.SOLD_OUT);

        quotas.giveBack(dev.madang.domain.quota.QuotaTake.decode(batch.quotaName(), wallets.wallet(first).get(0).quotaTake()));

        assertThat(wallets.claim(batch, second, IDS.next(), NOW).coupon()).as("its count was taken back").isPresent();
    }

    @Test
    void one_claim_sent_many_times_at_once_ends_with_one_coupon_and_one_unit_taken() throws Exception {
        CouponBatch batch = batch(3, 100);
        String fan = "fan-" + IDS.next();
        String couponId = "K" + IDS.next();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Claim>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return wallets.claim(batch, fan, couponId, NOW);
                }));
            }
            go.countDown();
            for (Future<Claim> answer : answers) {
                Claim claim = answer.get();
                // every answer is the one coupon, or (a twin still writing) the limit; never a second coupon
                claim.coupon().ifPresent(c -> assertThat(c.couponId()).isEqualTo(couponId));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wallets.wallet(fan)).hasSize(1);
        assertThat(quotas.count(batch.quotaName()).orElseThrow().taken()).isEqualTo(1);
        assertThat(wallets.claim(batch, fan, "K" + IDS.next(), NOW).coupon()).as("the fan's count is 1 again").isPresent();
    }
}
