package dev.madang.aws.account;

import dev.madang.domain.account.social.PendingSocialLogins;
import dev.madang.domain.account.social.PendingSocialLogins.Pending;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pending social logins (OAuth state) in the accounts table against the local DynamoDB: taken once, at most. */
class DynamoPendingSocialLoginsTest {

    static LocalAws aws;
    static String table;
    static PendingSocialLogins pending;
    static final URI REDIRECT = URI.create("https://madang.dev/login/kakao/callback");

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        table = aws.tableName("AccountsTable");
        pending = new DynamoAccounts(aws.dynamo(), table).pendingSocialLogins();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static String newState() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static Map<String, AttributeValue> raw(String state) {
        Map<String, AttributeValue> item = aws.dynamo().getItem(r -> r.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("SOCIALSTATE#" + state), "sk", AttributeValue.fromS("PENDING")))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    @Test
    void a_saved_state_is_taken_once_with_what_it_was_saved_with() {
        String state = newState();
        Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        pending.save(new Pending(state, "kakao", REDIRECT, expiresAt));

        assertThat(raw(state)).containsEntry("expiresAtEpoch", AttributeValue.fromN(
                Long.toString(expiresAt.getEpochSecond()))).containsEntry("provider", AttributeValue.fromS("kakao"));

        assertThat(pending.take(state)).contains(new Pending(state, "kakao", REDIRECT, expiresAt));
        assertThat(raw(state)).as("taking deletes it").isNull();
        assertThat(pending.take(state)).as("a replayed callback finds nothing").isEmpty();
        assertThat(pending.take(newState())).as("a forged state finds nothing").isEmpty();
    }

    @Test
    void a_state_is_never_overwritten() {
        String state = newState();
        Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        pending.save(new Pending(state, "kakao", REDIRECT, expiresAt));

        assertThatThrownBy(() -> pending.save(new Pending(state, "naver", URI.create("https://evil.example/cb"),
                expiresAt))).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(pending.take(state)).map(Pending::provider).contains("kakao");
    }

    @Test
    void of_twenty_concurrent_takes_of_one_state_exactly_one_gets_it() throws Exception {
        for (int round = 0; round < 3; round++) {
            String state = newState();
            pending.save(new Pending(state, "naver", REDIRECT, Instant.now().plus(Duration.ofMinutes(10))));
            int threads = 20;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Optional<Pending>> results = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < threads; i++) {
                pool.execute(() -> {
                    try {
                        go.await();
                        results.add(pending.take(state));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            go.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            long got = results.stream().filter(Optional::isPresent).count();
            System.out.printf("concurrent take of one state (round %d): %d of %d got it%n", round, got,
                    results.size());
            assertThat(results).hasSize(threads);
            assertThat(got).isEqualTo(1);
            assertThat(raw(state)).isNull();
        }
    }

    @Test
    void an_expired_state_is_still_taken_with_its_expiry_so_the_caller_refuses_it() {
        // TTL deletion lags, so an expired item can still be there: take removes it and hands its expiry to the
        // caller, which refuses a login whose state expired (the store does not judge time)
        String state = newState();
        Instant expired = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
        pending.save(new Pending(state, "kakao", REDIRECT, expired));

        Optional<Pending> taken = pending.take(state);
        assertThat(taken).isPresent();
        assertThat(taken.get().expiresAt()).isEqualTo(expired).isBefore(Instant.now());
        assertThat(pending.take(state)).as("and it is gone").isEmpty();
    }

    @Test
    void a_pending_login_does_not_print_its_state() {
        String state = newState();
        assertThat(new Pending(state, "kakao", REDIRECT, Instant.now()).toString()).doesNotContain(state);
    }
}
