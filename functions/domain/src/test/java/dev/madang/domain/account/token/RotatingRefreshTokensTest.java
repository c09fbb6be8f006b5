package dev.madang.domain.account.token;

import dev.madang.domain.testing.MovableClock;

import dev.madang.domain.account.token.RefreshTokens.Status;
import dev.madang.domain.common.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RotatingRefreshTokensTest {

    final InMemoryRefreshTokens store = new InMemoryRefreshTokens();
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T03:00:00.250Z"));
    final RotatingRefreshTokens tokens = new RotatingRefreshTokens(store, clock);

    static void assertRefused(Runnable r) {
        DomainException e = catchThrowableOfType(DomainException.class, r::run);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAUTHENTICATED);
        assertThat(e.type()).isEqualTo("invalid-refresh-token");
    }

    @Test
    void an_issued_token_is_256_random_bits_in_base64url_and_only_its_hash_is_stored() {
        RotatingRefreshTokens.Issued issued = tokens.issue("ACC1");

        assertThat(issued.token()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-12-10T03:00:00Z"));
        assertThat(store.tokens).containsOnlyKeys(RotatingRefreshTokens.hash(issued.token()));
        assertThat(store.tokens.toString()).doesNotContain(issued.token());
        assertThat(RotatingRefreshTokens.hash(issued.token())).matches("[0-9a-f]{64}");
        assertThat(RotatingRefreshTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(tokens.issue("ACC1").token()).isNotEqualTo(issued.token());
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void rotation_answers_a_new_token_of_the_same_family_and_spends_the_old_one() {
        RotatingRefreshTokens.Issued first = tokens.issue("ACC1");
        clock.advance(Duration.ofDays(10));

        RotatingRefreshTokens.Issued second = tokens.rotate(first.token());
        RotatingRefreshTokens.Issued third = tokens.rotate(second.token());

        assertThat(second.accountId()).isEqualTo(third.accountId()).isEqualTo("ACC1");
        assertThat(second.familyId()).isEqualTo(third.familyId()).isEqualTo(first.familyId());
        assertThat(second.expiresAt()).as("sliding").isEqualTo(Instant.parse("2026-12-20T03:00:00Z"));
        assertThat(store.find(RotatingRefreshTokens.hash(first.token()))).get()
                .extracting(RefreshTokens.StoredRefreshToken::status).isEqualTo(Status.USED);
        assertThat(store.find(RotatingRefreshTokens.hash(third.token()))).get()
                .extracting(RefreshTokens.StoredRefreshToken::status).isEqualTo(Status.ACTIVE);
    }

    @Test
    void reusing_a_spent_token_revokes_the_family_so_its_newest_token_is_refused_too() {
        RotatingRefreshTokens.Issued first = tokens.issue("ACC1");
        RotatingRefreshTokens.Issued other = tokens.issue("ACC1"); // another login, another family
        RotatingRefreshTokens.Issued second = tokens.rotate(first.token());

        assertRefused(() -> tokens.rotate(first.token()));

        assertThat(store.isFamilyRevoked(first.familyId())).isTrue();
        assertRefused(() -> tokens.rotate(second.token()));
        assertThat(tokens.rotate(other.token()).familyId()).as("other families untouched").isEqualTo(other.familyId());
    }

    @Test
    void an_expired_unknown_or_malformed_token_is_refused_without_revoking() {
        RotatingRefreshTokens.Issued issued = tokens.issue("ACC1");
        assertRefused(() -> tokens.rotate(null));
        assertRefused(() -> tokens.rotate(""));
        assertRefused(() -> tokens.rotate(issued.token() + "A"));
        assertRefused(() -> tokens.rotate(issued.token().substring(1) + "+"));
        assertRefused(() -> tokens.rotate("A".repeat(43)));

        clock.advance(RotatingRefreshTokens.DEFAULT_TTL);
        assertRefused(() -> tokens.rotate(issued.token()));
        assertThat(store.isFamilyRevoked(issued.familyId())).isFalse();
        assertThat(store.find(RotatingRefreshTokens.hash(issued.token()))).get()
                .extracting(RefreshTokens.StoredRefreshToken::status).isEqualTo(Status.ACTIVE);
    }

    @Test
    void the_store_refuses_an_expired_token_even_when_the_read_said_it_was_valid() {
        RotatingRefreshTokens.Issued issued = tokens.issue("ACC1");
        String hash = RotatingRefreshTokens.hash(issued.token());
        assertThat(store.markUsed(hash, issued.expiresAt())).isFalse();
        assertThat(store.markUsed(hash, issued.expiresAt().minusMillis(1))).isTrue();
        assertThat(store.markUsed(hash, issued.expiresAt().minusMillis(1))).isFalse();
    }

    @Test
    void logout_revokes_the_family() {
        RotatingRefreshTokens.Issued first = tokens.issue("ACC1");
        RotatingRefreshTokens.Issued second = tokens.rotate(first.token());

        tokens.logOut(second.token());
        tokens.logOut("not a token");

        assertRefused(() -> tokens.rotate(second.token()));
        assertThat(store.find(RotatingRefreshTokens.hash(second.token()))).get()
                .extracting(RefreshTokens.StoredRefreshToken::status).isEqualTo(Status.REVOKED);
    }

    @Test
    void all_of_an_accounts_families_but_the_kept_one_are_revoked_and_other_accounts_are_untouched() {
        RotatingRefreshTokens.Issued phone = tokens.issue("ACC1");
        RotatingRefreshTokens.Issued laptop = tokens.issue("ACC1");
        RotatingRefreshTokens.Issued tablet = tokens.rotate(tokens.issue("ACC1").token());
        RotatingRefreshTokens.Issued someoneElse = tokens.issue("ACC2");

        assertThat(tokens.revokeFamiliesOf("ACC1", phone.familyId())).isEqualTo(2);

        assertRefused(() -> tokens.rotate(laptop.token()));
        assertRefused(() -> tokens.rotate(tablet.token()));
        assertThat(tokens.rotate(phone.token()).familyId()).as("the kept family").isEqualTo(phone.familyId());
        assertThat(tokens.rotate(someoneElse.token()).familyId()).isEqualTo(someoneElse.familyId());
        assertThat(store.revokedFamilies).containsExactlyInAnyOrder(laptop.familyId(), tablet.familyId());
    }

    @Test
    void keeping_no_family_or_another_accounts_revokes_them_all_and_expired_families_cost_nothing() {
        RotatingRefreshTokens.Issued old = tokens.issue("ACC1");
        clock.advance(RotatingRefreshTokens.DEFAULT_TTL);
        RotatingRefreshTokens.Issued phone = tokens.issue("ACC1");
        RotatingRefreshTokens.Issued someoneElse = tokens.issue("ACC2");

        assertThat(tokens.revokeFamiliesOf("ACC1", someoneElse.familyId())).as("not ACC1's: kept nothing")
                .isEqualTo(1);
        assertThat(tokens.revokeFamiliesOf("ACC2", null)).isEqualTo(1);

        assertRefused(() -> tokens.rotate(phone.token()));
        assertRefused(() -> tokens.rotate(someoneElse.token()));
        assertThat(store.revokedFamilies).as("the expired family was not written to")
                .containsExactlyInAnyOrder(phone.familyId(), someoneElse.familyId()).doesNotContain(old.familyId());
        assertThat(tokens.revokeFamiliesOf("NOBODY", null)).isZero();
    }

    @Test
    void two_tabs_refreshing_at_once_one_wins_the_others_are_reuse_and_the_family_is_revoked() throws Exception {
        RotatingRefreshTokens.Issued issued = tokens.issue("ACC1");
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            pool.execute(() -> {
                try {
                    go.await();
                    outcomes.add(tokens.rotate(issued.token()));
                } catch (DomainException e) {
                    outcomes.add(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        List<RotatingRefreshTokens.Issued> won = outcomes.stream()
                .filter(RotatingRefreshTokens.Issued.class::isInstance)
                .map(RotatingRefreshTokens.Issued.class::cast).toList();
        assertThat(won).hasSize(1);
        assertThat(outcomes).filteredOn(DomainException.class::isInstance).hasSize(n - 1);
        assertThat(store.isFamilyRevoked(issued.familyId())).isTrue();
        assertRefused(() -> tokens.rotate(won.get(0).token()));
        assertThat(store.family(issued.familyId())).hasSize(2);
    }
}
