package dev.madang.aws.account.token;

import dev.madang.aws.support.MovableClock;
import dev.madang.domain.account.token.RefreshTokens;
import dev.madang.domain.account.token.RefreshTokens.Status;
import dev.madang.domain.account.token.RotatingRefreshTokens;
import dev.madang.domain.account.token.RotatingRefreshTokens.Issued;
import dev.madang.domain.common.DomainException;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Rotation, reuse detection, the two-tabs race and expiry on the real accounts table (local DynamoDB). */
class DynamoRefreshTokensTest {

    static LocalAws aws;
    static String table;
    static DynamoRefreshTokens store;
    static final MovableClock CLOCK = new MovableClock();
    static RotatingRefreshTokens tokens;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        table = aws.tableName("AccountsTable");
        store = new DynamoRefreshTokens(aws.dynamo(), table);
        tokens = new RotatingRefreshTokens(store, CLOCK);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        return aws.dynamo().getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    }

    static Map<String, AttributeValue> tokenItem(Issued issued) {
        return item(DynamoRefreshTokens.tokenKey(RotatingRefreshTokens.hash(issued.token())));
    }

    static DomainException refused(String token) {
        DomainException e = catchThrowableOfType(DomainException.class, () -> tokens.rotate(token));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAUTHENTICATED);
        assertThat(e.type()).isEqualTo("invalid-refresh-token");
        return e;
    }

    @Test
    void issue_then_rotate_then_rotate_the_new_token_again() {
        Issued first = tokens.issue("01JDACCOUNTROTATE000000000");
        Issued second = tokens.rotate(first.token());
        Issued third = tokens.rotate(second.token());

        assertThat(third.accountId()).isEqualTo(second.accountId()).isEqualTo("01JDACCOUNTROTATE000000000");
        assertThat(third.familyId()).isEqualTo(second.familyId()).isEqualTo(first.familyId());
        assertThat(List.of(first.token(), second.token(), third.token())).doesNotHaveDuplicates();

        Map<String, AttributeValue> spent = tokenItem(first);
        assertThat(spent.get("pk").s()).isEqualTo("REFRESH#" + RotatingRefreshTokens.hash(first.token()));
        assertThat(spent.get("sk").s()).isEqualTo("TOKEN");
        assertThat(spent.get("status").s()).isEqualTo("USED");
        assertThat(spent.get("familyId").s()).isEqualTo(first.familyId());
        assertThat(spent.get("accountId").s()).isEqualTo(first.accountId());
        assertThat(Long.parseLong(spent.get("expiresAt").n())).isEqualTo(first.expiresAt().getEpochSecond());
        assertThat(Long.parseLong(spent.get("expiresAtEpoch").n())).isEqualTo(first.expiresAt().getEpochSecond()
                + Duration.ofDays(1).toSeconds());
        assertThat(spent.toString()).doesNotContain(first.token());
        assertThat(tokenItem(third).get("status").s()).isEqualTo("ACTIVE");
        assertThat(store.isFamilyRevoked(first.familyId())).isFalse();
    }

    @Test
    void reusing_a_rotated_token_is_refused_and_revokes_the_family_so_its_newest_token_fails_too() {
        Issued first = tokens.issue("01JDACCOUNTREUSE0000000000");
        Issued elsewhere = tokens.issue("01JDACCOUNTREUSE0000000000"); // the same account on another device
        Issued second = tokens.rotate(first.token());
        Issued newest = tokens.rotate(second.token());

        refused(first.token());

        assertThat(item(DynamoRefreshTokens.familyKey(first.familyId())).get("revoked").bool()).isTrue();
        refused(newest.token());
        refused(second.token());
        assertThat(tokens.rotate(elsewhere.token()).familyId()).as("another family is untouched")
                .isEqualTo(elsewhere.familyId());
    }

    @Test
    void sixteen_tabs_rotating_one_token_at_once_one_wins_fifteen_are_reuse_and_the_family_is_revoked()
            throws Exception {
        Issued issued = tokens.issue("01JDACCOUNTRACE00000000000");
        int n = 16;
        CyclicBarrier together = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            pool.execute(() -> {
                try {
                    together.await(30, TimeUnit.SECONDS);
                    outcomes.add(tokens.rotate(issued.token()));
                } catch (DomainException e) {
                    outcomes.add(e);
                } catch (Exception e) {
                    outcomes.add(new IllegalStateException(e));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(outcomes).hasSize(n);
        List<Issued> won = outcomes.stream().filter(Issued.class::isInstance).map(Issued.class::cast).toList();
        List<DomainException> lost = outcomes.stream().filter(DomainException.class::isInstance)
                .map(DomainException.class::cast).toList();
        System.out.printf("16 concurrent rotations: %d won, %d refused%n", won.size(), lost.size());
        assertThat(won).hasSize(1);
        assertThat(lost).hasSize(n - 1).allSatisfy(e -> assertThat(e.type()).isEqualTo("invalid-refresh-token"));
        assertThat(won.get(0).familyId()).isEqualTo(issued.familyId());
        assertThat(tokenItem(issued).get("status").s()).isEqualTo("USED");
        assertThat(store.isFamilyRevoked(issued.familyId())).as("the losers were reuse").isTrue();
        refused(won.get(0).token());
    }

    @Test
    void an_expired_token_is_refused_and_the_condition_enforces_expiry_on_its_own() {
        Issued issued = tokens.issue("01JDACCOUNTEXPIRY000000000");
        String hash = RotatingRefreshTokens.hash(issued.token());
        try {
            CLOCK.set(issued.expiresAt());
            refused(issued.token());
            assertThat(store.isFamilyRevoked(issued.familyId())).as("expiry is not reuse").isFalse();

            assertThat(store.markUsed(hash, issued.expiresAt().plusMillis(500))).isFalse();
            assertThat(store.markUsed(hash, issued.expiresAt())).isFalse();
            assertThat(store.find(hash)).get().extracting(RefreshTokens.StoredRefreshToken::status)
                    .isEqualTo(Status.ACTIVE);
            assertThat(store.markUsed(hash, issued.expiresAt().minusMillis(1))).isTrue();
            assertThat(store.markUsed(hash, issued.expiresAt().minusMillis(1))).as("only once").isFalse();
        } finally {
            CLOCK.reset();
        }
    }

    @Test
    void a_password_change_revokes_every_family_of_the_account_but_the_kept_one_from_its_own_partition() {
        String fan = "01JDACCOUNTSESSIONS0000000";
        Issued phone = tokens.issue(fan);
        Issued laptop = tokens.issue(fan);
        Issued tablet = tokens.rotate(tokens.issue(fan).token());
        Issued someoneElse = tokens.issue("01JDACCOUNTSESSIONSOTHER00");

        assertThat(store.familiesOf(fan, CLOCK.instant()))
                .containsExactlyInAnyOrder(phone.familyId(), laptop.familyId(), tablet.familyId());
        Map<String, AttributeValue> entry = item(DynamoRefreshTokens.sessionKey(fan, tablet.familyId()));
        assertThat(entry.get("pk").s()).isEqualTo("SESSIONS#" + fan);
        assertThat(entry.get("sk").s()).isEqualTo("FAMILY#" + tablet.familyId());
        assertThat(Long.parseLong(entry.get("liveUntil").n())).isEqualTo(tablet.expiresAt().getEpochSecond());
        assertThat(Long.parseLong(entry.get("expiresAtEpoch").n())).isEqualTo(tablet.expiresAt().getEpochSecond()
                + Duration.ofDays(1).toSeconds());
        assertThat(entry.toString()).doesNotContain(tablet.token()).doesNotContain(RotatingRefreshTokens.hash(
                tablet.token()));

        assertThat(tokens.revokeFamiliesOf(fan, phone.familyId())).isEqualTo(2);

        refused(laptop.token());
        refused(tablet.token());
        assertThat(store.isFamilyRevoked(phone.familyId())).isFalse();
        assertThat(tokens.rotate(phone.token()).familyId()).as("the kept session goes on").isEqualTo(phone.familyId());
        assertThat(tokens.rotate(someoneElse.token()).familyId()).as("another account's session")
                .isEqualTo(someoneElse.familyId());
    }

    @Test
    void a_familys_list_entry_moves_forward_with_every_token_and_an_expired_family_is_not_listed() {
        String fan = "01JDACCOUNTSESSIONSEXPIRY0";
        try {
            Issued stale = tokens.issue(fan);
            CLOCK.advance(Duration.ofDays(10));
            Issued first = tokens.issue(fan);
            CLOCK.advance(Duration.ofDays(10));
            Issued second = tokens.rotate(first.token());

            assertThat(Long.parseLong(item(DynamoRefreshTokens.sessionKey(fan, first.familyId())).get("liveUntil").n()))
                    .as("slid with the rotation").isEqualTo(second.expiresAt().getEpochSecond());
            assertThat(stale.expiresAt()).isBefore(CLOCK.instant());
            assertThat(store.familiesOf(fan, CLOCK.instant())).as("the stale family's last token has expired")
                    .containsExactly(first.familyId());
            assertThat(tokens.revokeFamiliesOf(fan, null)).isEqualTo(1);
            refused(second.token());
            assertThat(store.familiesOf(fan, second.expiresAt())).as("nothing lives past its newest token").isEmpty();
            assertThat(store.familiesOf("01JDNOBODY0000000000000000", CLOCK.instant())).isEmpty();
        } finally {
            CLOCK.reset();
        }
    }

    @Test
    void logout_revokes_the_family_and_unknown_tokens_are_refused() {
        Issued first = tokens.issue("01JDACCOUNTLOGOUT000000000");
        Issued second = tokens.rotate(first.token());

        tokens.logOut(second.token());

        refused(second.token());
        assertThat(tokenItem(second).get("status").s()).isEqualTo("REVOKED");
        refused("A".repeat(43));
        store.markRevoked(RotatingRefreshTokens.hash("never issued")); // no item appears
        assertThat(item(DynamoRefreshTokens.tokenKey(RotatingRefreshTokens.hash("never issued")))).isEmpty();
    }
}
