package dev.madang.benchmarks;

import dev.madang.aws.quota.DynamoQuotas;
import dev.madang.domain.coupon.IssuingCoupons;
import dev.madang.domain.quota.QuotaCount;
import dev.madang.domain.quota.QuotaTake;
import dev.madang.domain.quota.ShardPlan;
import dev.madang.localstack.LocalAws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The coupon claim rush (issue 18), in two parts.
 * <ol>
 *   <li>On the local stack (dynalite): {@code fans} = 1,000 parallel claims of one unit each from a batch of
 *       {@code batch} = 100 over {@code shards} = {@value IssuingCoupons#SHARDS} shards (as a batch is issued), through
 *       the real {@link DynamoQuotas}, from
 *       {@code threads} = 32 threads started at once. Prints {@code coupons_claimed} (claims answered yes) and
 *       {@code coupons_over_quota} (claims answered yes beyond the batch, or units the shards count beyond it; 0 is
 *       the target). The coupon wallet's own write is per fan, so it adds no contended key.</li>
 *   <li>A key-writes model of the same design at {@code claims.per.s} = 5,000 claims/s (Poisson) for
 *       {@code duration.s} = 60 s on a batch of {@code model.batch} = 100,000 over the same shards: each claim
 *       writes one random shard (a refused write counts on its key too, as DynamoDB bills it), and a refused claim
 *       reads the shards and writes one with room, if any. Prints {@code max_key_writes_per_s}, the busiest shard's
 *       writes in its busiest second (target at most 500, half a partition key's 1,000/s), seeded.</li>
 * </ol>
 * {@code mvn -q -pl tools/benchmarks exec:java -Dexec.mainClass=dev.madang.benchmarks.CouponRushBenchmark}
 */
public final class CouponRushBenchmark {

    public static void main(String[] args) throws Exception {
        int fans = Integer.getInteger("fans", 1000);
        int batch = Integer.getInteger("batch", 100);
        int shards = Integer.getInteger("shards", IssuingCoupons.SHARDS);
        int threads = Integer.getInteger("threads", 32);
        rush(fans, batch, shards, threads);
        model(Integer.getInteger("claims.per.s", 5000), Integer.getInteger("duration.s", 60),
                Integer.getInteger("model.batch", 100_000), shards, Long.getLong("seed", 18L));
        System.exit(0);
    }

    private static void rush(int fans, int batch, int shards, int threads) throws Exception {
        try (LocalAws aws = LocalAws.start().provision(LocalAws.templatePath())) {
            DynamoQuotas quotas = new DynamoQuotas(aws.dynamo(), aws.tableName("OrdersTable"));
            String quota = "COUPONBATCH#bench-" + UUID.randomUUID();
            quotas.open(quota, batch, shards);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<QuotaTake>>> claims = new ArrayList<>();
            for (int fan = 0; fan < fans; fan++) {
                claims.add(pool.submit(() -> {
                    go.await();
                    return quotas.take(quota, 1);
                }));
            }
            long started = System.nanoTime();
            go.countDown();
            int claimed = 0;
            for (Future<Optional<QuotaTake>> claim : claims) {
                claimed += claim.get().isPresent() ? 1 : 0;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdownNow();
            QuotaCount count = quotas.count(quota).orElseThrow();
            System.out.printf("scenario=%d parallel claims of 1 on a batch of %d over %d shards, %d threads, dynalite%n",
                    fans, batch, count.shards(), threads);
            System.out.println("coupons_claimed=" + claimed);
            System.out.println("coupons_over_quota=" + Math.max(Math.max(0, claimed - batch), count.taken() - count.total()));
            System.out.println("coupons_taken_by_shards=" + count.taken());
            System.out.printf("rush_seconds=%.2f%n", seconds);
        }
    }

    private static void model(int perSecond, int durationS, int batch, int wanted, long seed) {
        int shards = ShardPlan.shards(batch, wanted);
        int[] left = new int[shards];
        for (int shard = 0; shard < shards; shard++) {
            left[shard] = ShardPlan.cap(batch, shards, shard);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int maxKeyWrites = 0;
        long claimed = 0;
        long reads = 0;
        for (int second = 0; second < durationS; second++) {
            int[] writes = new int[shards];
            int arrivals = poisson(random, perSecond);
            for (int claim = 0; claim < arrivals; claim++) {
                int first = random.nextInt(shards);
                writes[first]++;
                if (left[first] > 0) {
                    left[first]--;
                    claimed++;
                    continue;
                }
                reads++;
                for (int k = 1; k < shards; k++) {
                    int shard = (first + k) % shards;
                    if (left[shard] > 0) {
                        writes[shard]++;
                        left[shard]--;
                        claimed++;
                        break;
                    }
                }
            }
            for (int w : writes) {
                maxKeyWrites = Math.max(maxKeyWrites, w);
            }
        }
        System.out.printf("model=%d claims/s for %d s on a batch of %d over %d shards, seed %d%n",
                perSecond, durationS, batch, shards, seed);
        System.out.println("model_coupons_claimed=" + claimed);
        System.out.println("model_refused_first_writes=" + reads);
        System.out.println("max_key_writes_per_s=" + maxKeyWrites);
    }

    /** Poisson by normal approximation: the means here are in the thousands. */
    private static int poisson(SplittableRandom random, double mean) {
        double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian));
    }
}
