package dev.madang.aws.account;

import dev.madang.domain.account.Account;
import dev.madang.domain.account.Accounts;
import dev.madang.domain.account.LoggingIn;
import dev.madang.domain.account.LoginAttempts;
import dev.madang.domain.account.PasswordHasher;
import dev.madang.domain.account.Profile;
import dev.madang.domain.account.Role;
import dev.madang.domain.account.SigningUp;
import dev.madang.domain.account.VerifiedIdentity;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.identity.VerifyingIdentity;
import dev.madang.aws.support.MovableClock;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Sign-up and login on their real adapters (Argon2id, the accounts table) against the local DynamoDB. */
class DynamoAccountsTest {

    static LocalAws aws;
    static String table;
    static DynamoAccounts dynamo;
    static LoggingIn loggingIn;
    static final Argon2idPasswordHasher HASHER = new Argon2idPasswordHasher();

    /** A clock the throttling test can move; everything else runs at "now". */
    static final MovableClock CLOCK = new MovableClock();

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        table = aws.tableName("AccountsTable");
        dynamo = new DynamoAccounts(aws.dynamo(), table);
        loggingIn = new LoggingIn(dynamo.accounts(), HASHER, dynamo.loginAttempts(), CLOCK); // one dummy hash
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static final TestIdentities IDENTITIES = new TestIdentities();

    static SigningUp signingUp(PasswordHasher hasher) {
        return new SigningUp(dynamo.accounts(), hasher, new VerifyingIdentity(IDENTITIES), new Ids(CLOCK), CLOCK);
    }

    /** A sign-up by a new person. */
    static SigningUp.SignUp request(String email, String password) {
        return new SigningUp.SignUp(email, password.toCharArray(), IDENTITIES.fresh(), null, false);
    }

    static Account signUp(String email, String password) {
        return signingUp(HASHER).signUp(request(email, password));
    }

    static DomainException refusedLogin(String email, String password) {
        return catchThrowableOfType(DomainException.class,
                () -> loggingIn.logIn(new LoggingIn.LogIn(email, password.toCharArray())));
    }

    static List<Map<String, AttributeValue>> allItems() {
        return itemsWithPk("");
    }

    static List<Map<String, AttributeValue>> itemsWithPk(String pkPrefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Map<String, AttributeValue> item : aws.dynamo().scanPaginator(ScanRequest.builder().tableName(table)
                .consistentRead(true).build()).items()) {
            if (item.get("pk").s().startsWith(pkPrefix)) {
                items.add(item);
            }
        }
        return items;
    }

    static List<Map<String, AttributeValue>> accountItemsWithEmail(String email) {
        return itemsWithPk("ACCOUNT#").stream().filter(i -> i.containsKey("email") && i.get("email").s().equals(email))
                .toList();
    }

    sealed interface Outcome permits Created, Refused {
    }

    record Created(Account account) implements Outcome {
    }

    record Refused(DomainException why) implements Outcome {
    }

    static List<Outcome> race(int threads, IntFunction<Account> attempt) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < threads; i++) {
            int n = i;
            pool.execute(() -> {
                try {
                    go.await();
                    outcomes.add(new Created(attempt.apply(n)));
                } catch (DomainException e) {
                    outcomes.add(new Refused(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        return outcomes;
    }

    /**
     * The real Argon2id hash of one password, made once; every caller then waits for all the others, so the sign-ups'
     * transactions reach the table together instead of spread out by hashing on two cores.
     */
    static PasswordHasher sameMomentHasher(int parties, String password) {
        String hash = HASHER.hash(password.toCharArray());
        CyclicBarrier barrier = new CyclicBarrier(parties);
        return new PasswordHasher() {
            @Override
            public String hash(char[] p) {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return hash;
            }

            @Override
            public boolean matches(char[] p, String h) {
                return HASHER.matches(p, h);
            }
        };
    }

    @Test
    void twenty_sign_ups_racing_for_one_email_give_one_account_and_nineteen_email_taken() throws Exception {
        PasswordHasher hasher = sameMomentHasher(20, "correct horse 1");
        List<String> spellings = List.of("race@example.com", "Race@Example.com", " RACE@EXAMPLE.COM", "race@EXAMPLE.com");
        int itemsBefore = allItems().size();

        List<Outcome> outcomes = race(20, i -> signingUp(hasher)
                .signUp(request(spellings.get(i % spellings.size()), "correct horse 1")));

        assertThat(outcomes).hasSize(20);
        List<Account> created = outcomes.stream().filter(Created.class::isInstance).map(o -> ((Created) o).account())
                .toList();
        assertThat(created).hasSize(1);
        assertThat(outcomes).filteredOn(Refused.class::isInstance).hasSize(19).allSatisfy(o -> {
            DomainException e = ((Refused) o).why();
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(e.type()).isEqualTo("email-taken");
        });
        Account winner = created.get(0);
        // one claim on the e-mail, naming the winner, and no account item left behind by a loser
        assertThat(itemsWithPk("EMAIL#race@example.com")).singleElement()
                .satisfies(i -> assertThat(i.get("accountId").s()).isEqualTo(winner.id()));
        assertThat(accountItemsWithEmail("race@example.com")).singleElement()
                .satisfies(i -> assertThat(i.get("id").s()).isEqualTo(winner.id()));
        // the winner's account, e-mail, person and verification; no loser's person or verification claim
        int written = allItems().size() - itemsBefore;
        System.out.printf("e-mail race: %d created, %d email-taken, %d items written%n", created.size(),
                outcomes.size() - created.size(), written);
        assertThat(written).isEqualTo(4);
        assertThat(itemsWithPk("PERSON#" + winner.identity().diHash())).hasSize(1);
        Accounts accounts = dynamo.accounts();
        assertThat(accounts.byEmail("RACE@example.com")).contains(winner);
        assertThat(accounts.byId(winner.id())).contains(winner);
        assertThat(winner.roles()).containsExactly(Role.USER);
    }

    @Test
    void twenty_sign_ups_with_different_emails_all_succeed() throws Exception {
        PasswordHasher hasher = sameMomentHasher(20, "correct horse 1");

        List<Outcome> outcomes = race(20, i -> signingUp(hasher)
                .signUp(request("fan" + i + "@many.example.com", "correct horse 1")));

        assertThat(outcomes).hasSize(20).allSatisfy(o -> assertThat(o).isInstanceOf(Created.class));
        assertThat(itemsWithPk("EMAIL#fan")).filteredOn(i -> i.get("pk").s().endsWith("@many.example.com")).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(dynamo.accounts().byEmail("fan" + i + "@many.example.com")).isPresent();
        }
    }

    @Test
    void an_account_is_stored_as_made_with_its_argon2id_hash_and_not_found_by_other_keys() {
        String verification = IDENTITIES.of(TestIdentities.person("DI-stored-person"));
        Account account = signingUp(HASHER).signUp(new SigningUp.SignUp("Stored@Example.com",
                "correct horse 1".toCharArray(), verification, "저장된 팬", true));

        assertThat(dynamo.accounts().byId(account.id())).contains(account);
        assertThat(dynamo.accounts().byEmail("stored@example.com")).contains(account);
        Account read = dynamo.accounts().byId(account.id()).orElseThrow();
        assertThat(read.profile()).isEqualTo(new Profile("저장된 팬", "01012345678", true));
        assertThat(read.identity()).isEqualTo(account.identity());
        assertThat(read.identity().diHash()).isEqualTo(VerifiedIdentity.hashDi("DI-stored-person"));
        assertThat(account.passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        // neither the password nor the DI or CI is in any item; the DI's hash keys the person claim
        assertThat(allItems().toString()).doesNotContain("correct horse", "DI-stored-person", "CI-DI-stored-person");
        assertThat(itemsWithPk("PERSON#" + VerifiedIdentity.hashDi("DI-stored-person"))).singleElement()
                .satisfies(i -> assertThat(i.get("accountId").s()).isEqualTo(account.id()));
        assertThat(itemsWithPk("IDV#" + verification)).singleElement()
                .satisfies(i -> assertThat(i.get("accountId").s()).isEqualTo(account.id()));
        assertThat(dynamo.accounts().byEmail("nobody@example.com")).isEmpty();
        assertThat(dynamo.accounts().byId("01HZZZZZZZZZZZZZZZZZZZZZZZ")).isEmpty();
        assertThat(dynamo.accounts().byEmail("")).isEmpty();
    }

    @Test
    void login_with_the_right_password_returns_the_account_and_a_wrong_one_is_refused() {
        Account account = signUp("login@example.com", "correct horse 1");

        assertThat(loggingIn.logIn(new LoggingIn.LogIn("LOGIN@example.com", "correct horse 1".toCharArray())))
                .isEqualTo(account);
        DomainException wrong = refusedLogin("login@example.com", "correct horse 2");
        assertThat(wrong.kind()).isEqualTo(DomainException.Kind.UNAUTHENTICATED);
        assertThat(wrong.type()).isEqualTo("invalid-credentials");
    }

    @Test
    void an_unknown_email_and_a_wrong_password_give_the_same_refusal_in_about_the_same_time() {
        signUp("known@example.com", "correct horse 1");
        refusedLogin("warm-up@example.com", "correct horse 1"); // JIT and connections

        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownEmail = new ArrayList<>();
        DomainException wrong = null;
        DomainException unknown = null;
        for (int i = 0; i < 3; i++) { // fewer than the throttle's five per e-mail
            long t0 = System.nanoTime();
            wrong = refusedLogin("known@example.com", "wrong password " + i);
            long t1 = System.nanoTime();
            unknown = refusedLogin("unknown" + i + "@example.com", "correct horse 1");
            long t2 = System.nanoTime();
            wrongPassword.add((t1 - t0) / 1_000_000);
            unknownEmail.add((t2 - t1) / 1_000_000);
        }

        assertThat(unknown.getClass()).isEqualTo(wrong.getClass());
        assertThat(unknown.kind()).isEqualTo(wrong.kind()).isEqualTo(DomainException.Kind.UNAUTHENTICATED);
        assertThat(unknown.type()).isEqualTo(wrong.type()).isEqualTo("invalid-credentials");
        assertThat(unknown.getMessage()).isEqualTo(wrong.getMessage());
        assertThat(unknown.errors()).isEqualTo(wrong.errors()).isEmpty();
        Collections.sort(wrongPassword);
        Collections.sort(unknownEmail);
        System.out.printf("login refused: wrong password %s ms, unknown e-mail %s ms%n", wrongPassword, unknownEmail);
        // without the dummy verification an unknown e-mail would answer in a few ms against ~50 for a known one;
        // a loose bound, so a busy shared machine cannot make it flaky
        assertThat(unknownEmail.get(1) * 2).isGreaterThanOrEqualTo(wrongPassword.get(1));
    }

    @Test
    void the_sixth_failed_login_within_the_window_is_throttled_until_the_failures_age_out() {
        Account account = signUp("throttled@example.com", "correct horse 1");
        Instant start = CLOCK.instant();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(refusedLogin("throttled@example.com", "guess " + i).type())
                        .isEqualTo("invalid-credentials");
                CLOCK.advance(Duration.ofMinutes(2)); // five failures over eight minutes
            }

            DomainException sixth = refusedLogin("throttled@example.com", "correct horse 1");
            assertThat(sixth.kind()).isEqualTo(DomainException.Kind.THROTTLED);
            assertThat(sixth.type()).isEqualTo("too-many-attempts");
            assertThat(sixth.retryAfter()).contains(LoggingIn.WINDOW);
            assertThat(refusedLogin("Throttled@Example.com", "guess 6").type())
                    .as("the same e-mail in another spelling").isEqualTo("too-many-attempts");
            assertThat(itemsWithPk("LOGINFAIL#throttled@example.com")).hasSize(5)
                    .allSatisfy(i -> assertThat(i).containsKey("expiresAtEpoch"));

            // 17 minutes after the first failure it has left the window; four remain, under the limit
            CLOCK.set(start.plus(Duration.ofMinutes(17)));
            assertThat(loggingIn.logIn(new LoggingIn.LogIn("throttled@example.com", "correct horse 1".toCharArray())))
                    .isEqualTo(account);
            assertThat(dynamo.loginAttempts().recentFailures("throttled@example.com", CLOCK.instant(), LoggingIn.WINDOW))
                    .as("a success clears the count").isZero();
        } finally {
            CLOCK.reset();
        }
    }

    @Test
    void failures_are_counted_per_minute_over_a_sliding_window() {
        LoginAttempts attempts = dynamo.loginAttempts();
        Instant t = Instant.parse("2026-11-26T03:00:20Z");
        String email = "window@example.com";
        attempts.recordFailure(email, t);
        attempts.recordFailure(email, t.plusSeconds(30)); // same minute: one counter, two failures
        attempts.recordFailure(email, t.plus(Duration.ofMinutes(5)));
        attempts.recordFailure(email, t.plus(Duration.ofMinutes(14)));
        Duration window = Duration.ofMinutes(15);

        assertThat(itemsWithPk("LOGINFAIL#" + email)).hasSize(3);
        assertThat(attempts.recentFailures(email, t.plus(Duration.ofMinutes(14)), window)).isEqualTo(4);
        assertThat(attempts.recentFailures("WINDOW@example.com", t.plus(Duration.ofMinutes(15)), window))
                .as("the window's start is rounded down to its minute: 03:00 still counts").isEqualTo(4);
        assertThat(attempts.recentFailures(email, t.plus(Duration.ofMinutes(16)), window)).isEqualTo(2);
        assertThat(attempts.recentFailures(email, t.plus(Duration.ofMinutes(30)), window)).isEqualTo(0);
        assertThat(attempts.recentFailures(email, t.minus(Duration.ofMinutes(1)), window)).as("nothing from the future")
                .isEqualTo(0);

        attempts.clear(email, t.plus(Duration.ofMinutes(16)), window);
        assertThat(attempts.recentFailures(email, t.plus(Duration.ofMinutes(16)), window)).isZero();
        assertThat(itemsWithPk("LOGINFAIL#" + email)).as("older counters are left to TTL").hasSize(1);
    }
}
