package dev.madang.aws.captcha;

import dev.madang.domain.captcha.Challenge;
import dev.madang.domain.captcha.Challenges;
import dev.madang.domain.captcha.SliderPuzzle;
import dev.madang.domain.captcha.SpentPasses;
import dev.madang.domain.common.Ids;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The captcha's items in the accounts table against the local DynamoDB: a challenge and a pass are each spent once. */
class DynamoCaptchasTest {

    static final int RACERS = 16;

    static LocalAws aws;
    static String table;
    static Challenges challenges;
    static SpentPasses spent;
    static final Ids IDS = new Ids(Clock.systemUTC());

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        table = aws.tableName("AccountsTable");
        DynamoCaptchas captchas = new DynamoCaptchas(aws.dynamo(), table);
        challenges = captchas.challenges();
        spent = captchas.spentPasses();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static Challenge saved(String account) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Challenge c = new Challenge(IDS.next(), account, IDS.next(), new SliderPuzzle(150, 40), now,
                now.plus(Duration.ofMinutes(2)));
        challenges.save(c);
        return c;
    }

    static <T> List<T> race(Callable<T> each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return each.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_challenge_is_taken_with_its_answer_by_exactly_one_of_many_racing_answers() throws Exception {
        Challenge c = saved("fan-a");
        List<Challenges.Take> takes = race(() -> challenges.take(c.challengeId(), "fan-a", Instant.now()));
        assertThat(takes).filteredOn(t -> t.outcome() == Challenges.Outcome.TAKEN).singleElement()
                .satisfies(t -> assertThat(t.challenge()).isEqualTo(c));
        assertThat(takes).filteredOn(t -> t.outcome() == Challenges.Outcome.ALREADY_ANSWERED).hasSize(RACERS - 1);
    }

    @Test
    void another_account_finds_nothing_and_leaves_the_challenge_to_its_owner() {
        Challenge c = saved("fan-a");
        assertThat(challenges.take(c.challengeId(), "fan-b", Instant.now()).outcome())
                .isEqualTo(Challenges.Outcome.NO_SUCH_CHALLENGE);
        assertThat(challenges.take(IDS.next(), "fan-a", Instant.now()).outcome())
                .isEqualTo(Challenges.Outcome.NO_SUCH_CHALLENGE);
        assertThat(challenges.take(c.challengeId(), "fan-a", Instant.now()).outcome())
                .isEqualTo(Challenges.Outcome.TAKEN);
    }

    @Test
    void the_item_keeps_the_answer_and_a_clean_up_time_an_hour_after_expiry() {
        Challenge c = saved("fan-a");
        Map<String, AttributeValue> item = aws.dynamo().getItem(r -> r.tableName(table).key(
                DynamoChallenges.key(c.challengeId())).consistentRead(true)).item();
        assertThat(item.get("pieceX").n()).isEqualTo("150");
        assertThat(Long.parseLong(item.get("expiresAtEpoch").n()))
                .isEqualTo(c.expiresAt().plus(Duration.ofHours(1)).getEpochSecond());
    }

    @Test
    void a_pass_is_spent_by_exactly_one_of_many_racing_uses() throws Exception {
        String passId = IDS.next();
        Instant expiresAt = Instant.now().plus(Duration.ofMinutes(2));
        List<Boolean> uses = race(() -> spent.spend(passId, expiresAt));
        assertThat(uses).containsOnlyOnce(true);
        assertThat(spent.spend(passId, expiresAt)).isFalse();
        assertThat(spent.spend(IDS.next(), expiresAt)).isTrue();
    }
}
