package dev.madang.aws.quota;

import dev.madang.domain.quota.QuotaCount;
import dev.madang.domain.quota.QuotaTake;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The sharded quota on the local DynamoDB, raced by many parallel takers whose outcomes are counted. */
class DynamoQuotasTest {

    private static LocalAws aws;
    private static DynamoQuotas quotas;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        quotas = new DynamoQuotas(aws.dynamo(), aws.tableName("OrdersTable"));
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    /** Takes of the given sizes all at once, from 32 threads; the answers in the order of the sizes. */
    private static List<Optional<QuotaTake>> rush(String quota, List<Integer> sizes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<QuotaTake>>> answers = new ArrayList<>();
            for (int units : sizes) {
                Callable<Optional<QuotaTake>> take = () -> {
                    go.await();
                    return quotas.take(quota, units);
                };
                answers.add(pool.submit(take));
            }
            go.countDown();
            List<Optional<QuotaTake>> out = new ArrayList<>();
            for (Future<Optional<QuotaTake>> answer : answers) {
                out.add(answer.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_thousand_takes_of_one_from_a_hundred_units_leave_exactly_a_hundred_taken() throws Exception {
        String quota = "test-" + UUID.randomUUID();
        assertThat(quotas.open(quota, 100, 10)).isTrue();
        assertThat(quotas.open(quota, 500, 10)).as("opening again changes nothing").isFalse();

        List<Optional<QuotaTake>> answers = rush(quota, java.util.Collections.nCopies(1000, 1));

        long granted = answers.stream().filter(Optional::isPresent).count();
        System.out.println("quota rush: takes=1000 granted=" + granted);
        assertThat(granted).isEqualTo(100);
        assertThat(quotas.count(quota)).contains(new QuotaCount(100, 100, 10));
        assertThat(quotas.take(quota, 1)).isEmpty();
    }

    @Test
    void multi_unit_takes_never_exceed_the_total_and_are_refused_only_when_it_is_really_short() throws Exception {
        String quota = "test-" + UUID.randomUUID();
        quotas.open(quota, 150, 10);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sizes.add(1 + i % 4);
        }

        List<Optional<QuotaTake>> answers = rush(quota, sizes);

        int granted = answers.stream().flatMap(Optional::stream).mapToInt(QuotaTake::units).sum();
        QuotaCount count = quotas.count(quota).orElseThrow();
        System.out.println("quota multi-unit rush: units granted=" + granted + " left=" + count.left());
        assertThat(granted).isEqualTo(count.taken()).isLessThanOrEqualTo(150);
        for (int i = 0; i < sizes.size(); i++) {
            answers.get(i).ifPresent(take -> assertThat(take.units()).isPositive());
        }
        // every refused take asked for more than what is left at the end (nothing was given back meanwhile)
        int smallestRefused = java.util.stream.IntStream.range(0, sizes.size()).filter(i -> answers.get(i).isEmpty())
                .map(sizes::get).min().orElse(Integer.MAX_VALUE);
        assertThat(count.left()).isLessThan(smallestRefused);
    }

    @Test
    void a_take_no_single_shard_can_serve_spans_shards_and_gives_back_to_each() {
        String quota = "test-" + UUID.randomUUID();
        quotas.open(quota, 10, 5);  // 2 units a shard

        QuotaTake big = quotas.take(quota, 5).orElseThrow();
        assertThat(big.unitsByShard()).hasSizeGreaterThan(2);
        assertThat(quotas.take(quota, 6)).as("only 5 left").isEmpty();
        QuotaTake rest = quotas.take(quota, 5).orElseThrow();
        assertThat(quotas.count(quota)).contains(new QuotaCount(10, 10, 5));

        quotas.giveBack(big);
        assertThat(quotas.count(quota)).contains(new QuotaCount(10, 5, 5));
        assertThat(QuotaTake.decode(quota, rest.encode())).isEqualTo(rest);
        assertThat(quotas.take(quota, 5)).isPresent();
        assertThat(quotas.take("never-opened-" + UUID.randomUUID(), 1)).isEmpty();
    }
}
