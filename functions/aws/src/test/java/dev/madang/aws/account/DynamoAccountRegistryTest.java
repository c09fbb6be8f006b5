package dev.madang.aws.account;

import dev.madang.aws.account.token.DynamoRefreshTokens;
import dev.madang.domain.account.Account;
import dev.madang.domain.account.AccountStatus;
import dev.madang.domain.account.Accounts;
import dev.madang.domain.account.ManagingMyAccount;
import dev.madang.domain.account.PasswordHasher;
import dev.madang.domain.account.Profile;
import dev.madang.domain.account.Role;
import dev.madang.domain.account.SigningUp;
import dev.madang.domain.account.SocialLink;
import dev.madang.domain.account.VerifiedIdentity;
import dev.madang.domain.account.token.RotatingRefreshTokens;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.identity.VerifiedPerson;
import dev.madang.domain.identity.VerifyingIdentity;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The account store's claims against the local DynamoDB (dynalite, through the project's harness): one person, one
 * account; a verification vouches once; a refused write writes nothing; closing erases and frees. Item counts come
 * from scanning the whole table, which only a test may do; the tests of this class run one after another, so a
 * count before and after a test's own writes is exact.
 */
class DynamoAccountRegistryTest {

    static LocalAws aws;
    static String table;
    static Accounts accounts;
    static final TestIdentities IDENTITIES = new TestIdentities();
    static final Clock CLOCK = Clock.systemUTC();
    /** Reversible and instant: these tests are about the store, not the hash. */
    static final PasswordHasher PLAIN = new PasswordHasher() {
        @Override
        public String hash(char[] password) {
            return "plain$" + new String(password);
        }

        @Override
        public boolean matches(char[] password, String hash) {
            return hash.equals("plain$" + new String(password));
        }
    };

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        table = aws.tableName("AccountsTable");
        accounts = new DynamoAccounts(aws.dynamo(), table).accounts();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static List<Map<String, AttributeValue>> allItems() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.dynamo().scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items()
                .forEach(items::add);
        return items;
    }

    /** Every item as "pk|sk" followed by its attributes, sorted: equal snapshots mean nothing was written. */
    static Set<String> snapshot() {
        Set<String> all = new TreeSet<>();
        allItems().forEach(i -> all.add(i.get("pk").s() + "|" + i.get("sk").s() + " " + new TreeSet<>(i.entrySet()
                .stream().map(Object::toString).toList())));
        return all;
    }

    static Map<String, AttributeValue> rawAccount(String id) {
        return aws.dynamo().getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("ACCOUNT#" + id),
                "sk", AttributeValue.fromS("META"))).consistentRead(true)).item();
    }

    static Map<String, AttributeValue> rawItem(String pk, String sk) {
        Map<String, AttributeValue> item = aws.dynamo().getItem(r -> r.tableName(table).key(Map.of("pk",
                AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    static SigningUp signingUp(PasswordHasher hasher) {
        return new SigningUp(accounts, hasher, new VerifyingIdentity(IDENTITIES), new Ids(CLOCK), CLOCK);
    }

    static Account signUp(String email, String verificationId) {
        return signingUp(PLAIN).signUp(new SigningUp.SignUp(email, "correct horse 1".toCharArray(), verificationId,
                null, false));
    }

    static Account socialAccount(String provider, String userId) {
        Account social = Account.newSocialUser(new Ids(CLOCK).next(), new SocialLink(provider, userId),
                CLOCK.instant(), Profile.empty());
        accounts.create(social, null);
        return social;
    }

    static VerifiedIdentity identityOf(VerifiedPerson person) {
        return VerifiedIdentity.of(person, CLOCK.instant());
    }

    static DomainException refused(Runnable r) {
        DomainException e = catchThrowableOfType(DomainException.class, r::run);
        assertThat(e).as("refused with a DomainException").isNotNull();
        return e;
    }

    static void assertConflict(DomainException e, String type) {
        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo(type);
    }

    /** A hasher whose callers all wait for each other, so the sign-ups' transactions reach the table together. */
    static PasswordHasher sameMoment(int parties) {
        CyclicBarrier barrier = new CyclicBarrier(parties);
        return new PasswordHasher() {
            @Override
            public String hash(char[] password) {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return PLAIN.hash(password);
            }

            @Override
            public boolean matches(char[] password, String hash) {
                return PLAIN.matches(password, hash);
            }
        };
    }

    /** Runs {@code threads} attempts at once; each ends in its account, or in the DomainException that refused it. */
    static List<Object> race(int threads, IntFunction<Object> attempt) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < threads; i++) {
            int n = i;
            pool.execute(() -> {
                try {
                    go.await();
                    outcomes.add(attempt.apply(n));
                } catch (DomainException e) {
                    outcomes.add(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    outcomes.add(e); // anything else fails the test's assertions
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        return outcomes;
    }

    // ---- one person, one account; one verification, one vouching ----------------------------------------------

    @Test
    void twenty_sign_ups_of_one_person_with_different_emails_give_one_account_and_nineteen_identity_already_linked()
            throws Exception {
        VerifiedPerson person = TestIdentities.person("DI-racing-person");
        List<String> verifications = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            verifications.add(IDENTITIES.of(person)); // the same person verified twenty times (twenty tabs)
        }
        PasswordHasher together = sameMoment(20);
        int before = allItems().size();

        List<Object> outcomes = race(20, i -> signingUp(together).signUp(new SigningUp.SignUp(
                "person" + i + "@race.example.com", "correct horse 1".toCharArray(), verifications.get(i), null,
                false)));

        List<Account> created = outcomes.stream().filter(Account.class::isInstance).map(Account.class::cast).toList();
        List<DomainException> refusals = outcomes.stream().filter(DomainException.class::isInstance)
                .map(DomainException.class::cast).toList();
        int written = allItems().size() - before;
        System.out.printf("same-person race: %d created, %d refused %s, %d items written%n", created.size(),
                refusals.size(), refusals.stream().map(DomainException::type).distinct().toList(), written);
        assertThat(outcomes).hasSize(20);
        assertThat(created).hasSize(1);
        assertThat(refusals).hasSize(19).allSatisfy(e -> assertConflict(e, "identity-already-linked"));
        Account winner = created.get(0);
        int w = Integer.parseInt(winner.email().replaceAll("\\D", ""));
        // exactly the winner's account, e-mail, person and verification claims, nothing of the 19 others
        assertThat(written).isEqualTo(4);
        assertThat(rawItem("PERSON#" + VerifiedIdentity.hashDi("DI-racing-person"), "UNIQUE"))
                .containsEntry("accountId", AttributeValue.fromS(winner.id()));
        assertThat(rawItem("EMAIL#" + winner.email(), "UNIQUE")).isNotNull();
        assertThat(rawItem("IDV#" + verifications.get(w), "USED")).isNotNull();
        for (int i = 0; i < 20; i++) {
            if (i != w) {
                assertThat(accounts.byEmail("person" + i + "@race.example.com")).isEmpty();
                assertThat(rawItem("IDV#" + verifications.get(i), "USED")).as("a loser's verification is unspent")
                        .isNull();
            }
        }
        assertThat(accounts.byId(winner.id())).contains(winner);
    }

    @Test
    void a_verification_replayed_by_two_accounts_vouches_for_one() throws Exception {
        // store-level: two different people's accounts presenting one verification id (a replayed callback)
        String verification = "iv-replayed-" + new Ids(CLOCK).next();
        List<Account> two = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            two.add(Account.newUser(new Ids(CLOCK).next(), "replay" + i + "@example.com", "plain$x", CLOCK.instant(),
                    Profile.empty(), identityOf(TestIdentities.person("DI-replay-" + i + "-" + verification))));
        }
        int before = allItems().size();

        List<Object> outcomes = race(2, i -> {
            accounts.create(two.get(i), verification);
            return two.get(i);
        });

        System.out.printf("replayed verification: %s%n", outcomes.stream().map(o -> o instanceof DomainException e
                ? e.type() : "created").toList());
        assertThat(outcomes).filteredOn(Account.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(DomainException.class::isInstance).singleElement()
                .satisfies(e -> assertConflict((DomainException) e, "identity-verification-used"));
        assertThat(allItems().size() - before).isEqualTo(4);
        Account winner = (Account) outcomes.stream().filter(Account.class::isInstance).findFirst().orElseThrow();
        assertThat(rawItem("IDV#" + verification, "USED")).containsEntry("accountId", AttributeValue.fromS(winner.id()));
    }

    @Test
    void through_sign_up_a_used_verification_is_refused_for_a_new_email() {
        String verification = IDENTITIES.fresh();
        signUp("first-use@example.com", verification);
        // the same person's second sign-up with the same verification: the person claim is met first
        assertConflict(refused(() -> signUp("second-use@example.com", verification)), "identity-already-linked");
        assertThat(accounts.byEmail("second-use@example.com")).isEmpty();
    }

    @Test
    void every_refused_sign_up_writes_no_item_at_all() {
        Account taken = signUp("taken@example.com", IDENTITIES.fresh());
        VerifiedPerson linked = TestIdentities.person("DI-linked-person");
        String usedVerification = IDENTITIES.of(linked);
        signUp("linked@example.com", usedVerification);
        Account social = socialAccount("kakao", "k-refused");
        Set<String> before = snapshot();

        assertConflict(refused(() -> signUp("TAKEN@example.com", IDENTITIES.fresh())), "email-taken");
        assertConflict(refused(() -> signUp("other-person@example.com", IDENTITIES.of(linked))),
                "identity-already-linked");
        assertConflict(refused(() -> accounts.create(Account.newUser(new Ids(CLOCK).next(), "fresh@example.com",
                "plain$x", CLOCK.instant(), Profile.empty(), identityOf(TestIdentities.person("DI-never-seen"))),
                usedVerification)), "identity-verification-used");
        assertConflict(refused(() -> accounts.create(Account.newSocialUser(new Ids(CLOCK).next(),
                new SocialLink("kakao", "k-refused"), CLOCK.instant(), Profile.empty()), null)), "social-link-taken");
        assertThat(refused(() -> signUp("unverified@example.com", "iv-nobody-knows")).type())
                .isEqualTo("identity-verification-unknown");

        assertThat(snapshot()).as("the table is exactly as before").isEqualTo(before);
        assertThat(accounts.byEmail("taken@example.com")).contains(taken);
        assertThat(accounts.bySocialLink(new SocialLink("kakao", "k-refused"))).contains(social);
    }

    // ---- social accounts and later verification --------------------------------------------------------------

    @Test
    void a_social_account_is_found_by_its_link_only() {
        Account social = socialAccount("naver", "n-found");

        assertThat(accounts.bySocialLink(new SocialLink("naver", "n-found"))).contains(social);
        assertThat(accounts.bySocialLink(new SocialLink("kakao", "n-found"))).isEmpty();
        assertThat(accounts.bySocialLink(new SocialLink("naver", "n-other"))).isEmpty();
        Map<String, AttributeValue> raw = rawAccount(social.id());
        assertThat(raw).doesNotContainKeys("email", "passwordHash", "diHash").containsKey("socialLinks");
        assertThat(rawItem("SOCIAL#naver#n-found", "UNIQUE")).containsEntry("accountId",
                AttributeValue.fromS(social.id()));
    }

    @Test
    void a_social_account_verifies_later_once() {
        Account social = socialAccount("kakao", "k-verifies");
        VerifiedPerson person = TestIdentities.person("DI-social-verifier");
        String first = IDENTITIES.of(person);
        VerifiedIdentity identity = identityOf(person);

        accounts.attachIdentity(social.id(), identity, first);

        Account verified = accounts.byId(social.id()).orElseThrow();
        assertThat(verified.identity()).isEqualTo(identity);
        assertThat(verified.socialLinks()).containsExactly(new SocialLink("kakao", "k-verifies"));
        assertThat(rawItem("PERSON#" + identity.diHash(), "UNIQUE")).containsEntry("accountId",
                AttributeValue.fromS(social.id()));
        assertThat(rawItem("IDV#" + first, "USED")).isNotNull();

        // again: the same person with a new verification, the same verification, and another person
        Set<String> before = snapshot();
        assertConflict(refused(() -> accounts.attachIdentity(social.id(), identityOf(person), IDENTITIES.of(person))),
                "identity-already-verified");
        assertConflict(refused(() -> accounts.attachIdentity(social.id(), identityOf(person), first)),
                "identity-already-verified");
        assertConflict(refused(() -> accounts.attachIdentity(social.id(),
                identityOf(TestIdentities.person("DI-someone-else")), IDENTITIES.fresh())), "identity-already-verified");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(accounts.byId(social.id())).contains(verified);
    }

    @Test
    void a_person_linked_elsewhere_cannot_verify_a_social_account_which_stays_unverified() {
        VerifiedPerson person = TestIdentities.person("DI-has-an-account");
        Account existing = signUp("has-an-account@example.com", IDENTITIES.of(person));
        Account social = socialAccount("kakao", "k-second-account");
        Set<String> before = snapshot();
        String verification = IDENTITIES.of(person);

        assertConflict(refused(() -> accounts.attachIdentity(social.id(), identityOf(person), verification)),
                "identity-already-linked");

        assertThat(snapshot()).isEqualTo(before);
        assertThat(accounts.byId(social.id()).orElseThrow().isIdentityVerified()).isFalse();
        assertThat(rawAccount(social.id())).doesNotContainKeys("diHash", "idName", "verifiedAt");
        assertThat(rawItem("IDV#" + verification, "USED")).isNull();
        assertThat(rawItem("PERSON#" + VerifiedIdentity.hashDi("DI-has-an-account"), "UNIQUE"))
                .containsEntry("accountId", AttributeValue.fromS(existing.id()));
    }

    @Test
    void a_later_verification_through_my_page_stores_the_filled_in_profile() {
        Account social = socialAccount("kakao", "k-my-page");
        ManagingMyAccount my = new ManagingMyAccount(accounts, PLAIN, new DynamoAccounts(aws.dynamo(), table)
                .loginAttempts(), new VerifyingIdentity(IDENTITIES),
                new RotatingRefreshTokens(new DynamoRefreshTokens(aws.dynamo(), table), CLOCK), CLOCK);

        Account answered = my.verifyIdentity(social.id(), IDENTITIES.of(TestIdentities.person("DI-my-page")));

        assertThat(answered.profile()).isEqualTo(new Profile("홍길동", "01012345678", false));
        assertThat(my.view(social.id())).isEqualTo(answered);
    }

    @Test
    void attaching_to_a_missing_or_closed_account_is_not_found() {
        assertThat(refused(() -> accounts.attachIdentity("01HZZZZZZZZZZZZZZZZZZZZZZZ",
                identityOf(TestIdentities.person("DI-nobody")), IDENTITIES.fresh())).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
        Account social = socialAccount("kakao", "k-closed-before-verifying");
        accounts.close(social, CLOCK.instant());
        Set<String> before = snapshot();

        assertThat(refused(() -> accounts.attachIdentity(social.id(), identityOf(TestIdentities.person(
                "DI-late")), IDENTITIES.fresh())).kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---- profile, password, closing ------------------------------------------------------------------------

    @Test
    void a_profile_update_sets_and_removes_fields_and_a_password_change_replaces_the_hash() {
        Account fan = signUp("profile@example.com", IDENTITIES.fresh());

        accounts.updateProfile(fan.id(), new Profile("새 이름", null, true));
        Account updated = accounts.byId(fan.id()).orElseThrow();
        assertThat(updated.profile()).isEqualTo(new Profile("새 이름", null, true));
        assertThat(rawAccount(fan.id())).doesNotContainKey("phone");
        assertThat(updated.identity()).isEqualTo(fan.identity());

        accounts.changePasswordHash(fan.id(), "plain$battery staple 2");
        assertThat(accounts.byEmail("profile@example.com").orElseThrow().passwordHash())
                .isEqualTo("plain$battery staple 2");

        Account social = socialAccount("kakao", "k-no-password");
        assertThat(refused(() -> accounts.changePasswordHash(social.id(), "plain$x")).kind())
                .as("a social account has no password to change").isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(rawAccount(social.id())).doesNotContainKey("passwordHash");
    }

    @Test
    void a_closed_account_s_profile_and_password_cannot_be_changed() {
        Account fan = signUp("closed-edits@example.com", IDENTITIES.fresh());
        accounts.close(fan, CLOCK.instant());
        Set<String> before = snapshot();

        assertThat(refused(() -> accounts.updateProfile(fan.id(), new Profile("부활", "01012345678", true))).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(refused(() -> accounts.changePasswordHash(fan.id(), "plain$x")).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(refused(() -> accounts.updateProfile("01HZZZZZZZZZZZZZZZZZZZZZZZ", Profile.empty())).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void closing_erases_personal_data_keeps_the_id_and_frees_the_email_and_the_person() {
        VerifiedPerson person = TestIdentities.person("DI-closes");
        String verification = IDENTITIES.of(person);
        Account fan = signingUp(PLAIN).signUp(new SigningUp.SignUp("closing@example.com",
                "correct horse 1".toCharArray(), verification, "닫는 팬", true));
        Instant closedAt = CLOCK.instant();

        accounts.close(fan, closedAt);

        Map<String, AttributeValue> raw = rawAccount(fan.id());
        assertThat(raw).doesNotContainKeys("email", "passwordHash", "name", "phone", "marketingConsent", "idName",
                "idBirthDate", "idPhone", "diHash", "verifiedAt", "socialLinks");
        assertThat(raw).containsEntry("id", AttributeValue.fromS(fan.id()))
                .containsEntry("status", AttributeValue.fromS("CLOSED"))
                .containsEntry("createdAt", AttributeValue.fromS(fan.createdAt().toString()))
                .containsEntry("closedAt", AttributeValue.fromS(closedAt.toString()));
        assertThat(raw.get("roles").l()).extracting(AttributeValue::s).containsExactly("USER");
        assertThat(raw.toString()).doesNotContain("closing@example.com", "닫는 팬", "홍길동", "01012345678");
        assertThat(rawItem("EMAIL#closing@example.com", "UNIQUE")).isNull();
        assertThat(rawItem("PERSON#" + VerifiedIdentity.hashDi("DI-closes"), "UNIQUE")).isNull();
        assertThat(rawItem("IDV#" + verification, "USED")).as("a verification never vouches again").isNotNull();

        Account closed = accounts.byId(fan.id()).orElseThrow();
        assertThat(closed.status()).isEqualTo(AccountStatus.CLOSED);
        assertThat(closed.email()).isNull();
        assertThat(closed.passwordHash()).isNull();
        assertThat(closed.identity()).isNull();
        assertThat(closed.profile()).isEqualTo(Profile.empty());
        assertThat(closed.roles()).containsExactly(Role.USER);
        assertThat(accounts.byEmail("closing@example.com")).isEmpty();

        // closing again is nothing
        Set<String> before = snapshot();
        accounts.close(closed, CLOCK.instant());
        assertThat(snapshot()).isEqualTo(before);

        // the e-mail and the person are free again (with a new verification; the old one is spent)
        assertConflict(refused(() -> signUp("closing@example.com", verification)), "identity-verification-used");
        Account again = signUp("CLOSING@example.com", IDENTITIES.of(person));
        assertThat(again.id()).isNotEqualTo(fan.id());
        assertThat(accounts.byEmail("closing@example.com")).contains(again);
        assertThat(rawItem("PERSON#" + VerifiedIdentity.hashDi("DI-closes"), "UNIQUE"))
                .containsEntry("accountId", AttributeValue.fromS(again.id()));
        assertThat(accounts.byId(fan.id()).orElseThrow().status()).isEqualTo(AccountStatus.CLOSED);
    }

    @Test
    void closing_a_verified_social_account_frees_its_link_and_person() {
        Account social = socialAccount("naver", "n-closing");
        VerifiedPerson person = TestIdentities.person("DI-social-closes");
        accounts.attachIdentity(social.id(), identityOf(person), IDENTITIES.of(person));
        Account verified = accounts.byId(social.id()).orElseThrow();

        accounts.close(verified, CLOCK.instant());

        assertThat(accounts.bySocialLink(new SocialLink("naver", "n-closing"))).isEmpty();
        assertThat(rawItem("SOCIAL#naver#n-closing", "UNIQUE")).isNull();
        assertThat(rawItem("PERSON#" + VerifiedIdentity.hashDi("DI-social-closes"), "UNIQUE")).isNull();
        assertThat(rawAccount(social.id())).doesNotContainKeys("socialLinks", "diHash");
        Account newcomer = socialAccount("naver", "n-closing");
        assertThat(accounts.bySocialLink(new SocialLink("naver", "n-closing"))).contains(newcomer);
    }
}
