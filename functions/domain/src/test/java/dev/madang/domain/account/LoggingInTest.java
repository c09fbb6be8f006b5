package dev.madang.domain.account;

import dev.madang.domain.account.AccountFakes.InMemoryAccounts;
import dev.madang.domain.account.AccountFakes.InMemoryLoginAttempts;
import dev.madang.domain.testing.MovableClock;
import dev.madang.domain.account.AccountFakes.RecordingHasher;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.identity.VerificationResult;
import dev.madang.domain.identity.VerifyingIdentity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LoggingInTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T03:00:00Z"));
    final InMemoryAccounts accounts = new InMemoryAccounts();
    final RecordingHasher hasher = new RecordingHasher();
    final InMemoryLoginAttempts attempts = new InMemoryLoginAttempts();
    final AccountFakes.FakeIdentityProvider provider = new AccountFakes.FakeIdentityProvider();
    final Account fan = signUpFan();
    final LoggingIn loggingIn = new LoggingIn(accounts, hasher, attempts, clock);

    Account signUpFan() {
        provider.results.put("iv-fan", VerificationResult.verified(SigningUpTest.HONG));
        return new SigningUp(accounts, hasher, new VerifyingIdentity(provider), new Ids(clock), clock)
                .signUp(new SigningUp.SignUp("fan@example.com", "correct horse 1".toCharArray(), "iv-fan", null,
                        false));
    }

    DomainException refused(String email, String password) {
        return catchThrowableOfType(DomainException.class,
                () -> loggingIn.logIn(new LoggingIn.LogIn(email, password.toCharArray())));
    }

    @Test
    void the_right_password_returns_the_account_whatever_the_emails_spelling() {
        assertThat(loggingIn.logIn(new LoggingIn.LogIn("fan@example.com", "correct horse 1".toCharArray()))).isEqualTo(fan);
        assertThat(loggingIn.logIn(new LoggingIn.LogIn(" FAN@Example.com", "correct horse 1".toCharArray()))).isEqualTo(fan);
        assertThat(attempts.failures).isEmpty();
    }

    @Test
    void unknown_email_and_wrong_password_are_one_and_the_same_refusal() {
        DomainException wrongPassword = refused("fan@example.com", "correct horse 2");
        DomainException unknownEmail = refused("nobody@example.com", "correct horse 1");

        assertThat(wrongPassword).isNotNull();
        assertThat(unknownEmail).isNotNull();
        for (DomainException e : new DomainException[] {wrongPassword, unknownEmail}) {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAUTHENTICATED);
            assertThat(e.type()).isEqualTo("invalid-credentials");
            assertThat(e.errors()).isEmpty();
        }
        assertThat(unknownEmail.getMessage()).isEqualTo(wrongPassword.getMessage());
        assertThat(unknownEmail.getClass()).isEqualTo(wrongPassword.getClass());
    }

    @Test
    void an_unknown_email_costs_one_hash_verification_like_a_known_one() {
        int before = hasher.checks.get();
        refused("nobody@example.com", "whatever password 1");
        assertThat(hasher.checks.get() - before).isEqualTo(1);
        assertThat(hasher.checkedAgainst).last().asString().startsWith("fake$").isNotEqualTo(fan.passwordHash());

        refused("fan@example.com", "whatever password 1");
        assertThat(hasher.checks.get() - before).isEqualTo(2);
        // the dummy hash was made by the hasher itself (so it has the real parameters), once, at construction
        assertThat(hasher.hashes).hasValue(2); // the fan's sign-up and the dummy
    }

    @Test
    void the_sixth_attempt_after_five_failures_within_fifteen_minutes_is_throttled_without_hashing() {
        for (int i = 0; i < LoggingIn.MAX_FAILURES; i++) {
            assertThat(refused("fan@example.com", "guess number " + i).type()).isEqualTo("invalid-credentials");
            clock.advance(Duration.ofMinutes(2));
        }
        int checks = hasher.checks.get();

        DomainException sixth = refused("fan@example.com", "correct horse 1"); // even the right password
        assertThat(sixth.kind()).isEqualTo(DomainException.Kind.THROTTLED);
        assertThat(sixth.type()).isEqualTo("too-many-attempts");
        assertThat(sixth.retryAfter()).contains(LoggingIn.WINDOW);
        assertThat(hasher.checks).hasValue(checks);
        assertThat(attempts.failures.get("fan@example.com")).as("a refused attempt records nothing").hasSize(5);
        // the throttle is per e-mail
        assertThat(refused("other@example.com", "correct horse 1").type()).isEqualTo("invalid-credentials");
    }

    @Test
    void failures_age_out_of_the_window_and_a_success_clears_them() {
        for (int i = 0; i < 5; i++) {
            refused("fan@example.com", "guess number " + i);
        }
        assertThat(refused("fan@example.com", "correct horse 1").type()).isEqualTo("too-many-attempts");

        clock.advance(LoggingIn.WINDOW); // the five failures were all at the start of the window
        assertThat(loggingIn.logIn(new LoggingIn.LogIn("fan@example.com", "correct horse 1".toCharArray()))).isEqualTo(fan);
        assertThat(attempts.clears).as("nothing recent to clear: a plain login costs no clean-up").isZero();

        for (int i = 0; i < 4; i++) {
            refused("fan@example.com", "guess number " + i);
        }
        loggingIn.logIn(new LoggingIn.LogIn("fan@example.com", "correct horse 1".toCharArray()));
        assertThat(attempts.clears).isEqualTo(1);
        assertThat(attempts.recentFailures("fan@example.com", clock.instant(), LoggingIn.WINDOW)).isZero();
        assertThat(refused("fan@example.com", "guess again 1").type()).as("the count started over")
                .isEqualTo("invalid-credentials");
    }

    @Test
    void unknown_emails_are_throttled_too_so_the_throttle_reveals_nothing() {
        for (int i = 0; i < 5; i++) {
            assertThat(refused("Nobody@Example.com", "guess number " + i).type()).isEqualTo("invalid-credentials");
        }
        assertThat(refused("nobody@example.com", "guess number 6").type()).isEqualTo("too-many-attempts");
        assertThat(attempts.failures).containsOnlyKeys("nobody@example.com");
    }

    @Test
    void a_disabled_account_is_refused_like_a_wrong_password() {
        accounts.create(new Account(new Ids(clock).next(), "gone@example.com", "fake$correct horse 1", Set.of(Role.USER),
                AccountStatus.DISABLED, clock.instant(), Profile.empty(), null, List.of()), null);
        DomainException e = refused("gone@example.com", "correct horse 1");
        assertThat(e.type()).isEqualTo("invalid-credentials");
        assertThat(attempts.failures).containsKey("gone@example.com");
    }

    @Test
    void a_closed_account_cannot_log_in_with_its_old_password() {
        accounts.close(fan, clock.instant());

        DomainException e = refused("fan@example.com", "correct horse 1");
        assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAUTHENTICATED);
        assertThat(e.type()).isEqualTo("invalid-credentials");
        assertThat(attempts.failures).containsKey("fan@example.com");
    }

    @Test
    void a_closed_account_that_kept_its_email_is_refused_even_with_the_dummy_hash_s_password() {
        // the store erases a closed account's e-mail; should one still be found by it, it has no hash, so the check
        // runs against the dummy hash, whose password is then the one that "matches" - the status must still refuse
        refused("nobody@example.com", "anything at all 1");
        String dummyPassword = hasher.checkedAgainst.get(hasher.checkedAgainst.size() - 1).substring("fake$".length());
        accounts.create(new Account(new Ids(clock).next(), "closed@example.com", null, Set.of(Role.USER),
                AccountStatus.CLOSED, clock.instant(), Profile.empty(), null, List.of()), null);

        assertThat(refused("closed@example.com", dummyPassword).type()).isEqualTo("invalid-credentials");
        assertThat(refused("closed@example.com", "correct horse 1").type()).isEqualTo("invalid-credentials");
    }

    @Test
    void a_social_account_has_no_password_and_no_email_so_no_password_logs_into_it() {
        refused("nobody@example.com", "anything at all 1");
        String dummyPassword = hasher.checkedAgainst.get(hasher.checkedAgainst.size() - 1).substring("fake$".length());
        Account social = Account.newSocialUser(new Ids(clock).next(), new SocialLink("kakao", "k-123"),
                clock.instant(), new Profile("카카오팬", null, false));
        accounts.create(social, null);

        for (String password : List.of(dummyPassword, "correct horse 1", "k-123")) {
            for (String email : List.of("kakao@example.com", "k-123", "kakao#k-123@example.com")) {
                DomainException e = refused(email, password);
                assertThat(e.type()).as(email).isEqualTo("invalid-credentials");
            }
        }
        assertThat(accounts.bySocialLink(new SocialLink("kakao", "k-123"))).contains(social);
    }

    @Test
    void a_request_without_email_or_password_is_malformed_and_costs_nothing() {
        assertThatThrownBy(() -> loggingIn.logIn(new LoggingIn.LogIn(null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    assertThat(e.errors()).hasSize(2);
                });
        assertThatThrownBy(() -> loggingIn.logIn(new LoggingIn.LogIn("fan@example.com",
                new char[LoggingIn.MAX_PASSWORD_CHARS + 1])))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID));
        assertThat(hasher.checks).hasValue(0);
        assertThat(attempts.failures).isEmpty();
    }
}
