package dev.madang.domain.account;

import dev.madang.domain.account.AccountFakes.FakeIdentityProvider;
import dev.madang.domain.account.AccountFakes.InMemoryAccounts;
import dev.madang.domain.account.AccountFakes.InMemoryLoginAttempts;
import dev.madang.domain.account.AccountFakes.RecordingHasher;
import dev.madang.domain.account.ManagingMyAccount.ProfileEdit;
import dev.madang.domain.account.token.InMemoryRefreshTokens;
import dev.madang.domain.account.token.RotatingRefreshTokens;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import dev.madang.domain.identity.VerificationResult;
import dev.madang.domain.identity.VerifiedPerson;
import dev.madang.domain.identity.VerifyingIdentity;
import dev.madang.domain.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ManagingMyAccountTest {

    static final VerifiedPerson HONG = SigningUpTest.HONG;
    static final VerifiedPerson LEE = new VerifiedPerson("이영희", LocalDate.of(2000, 3, 4), "01055556666", "DI-lee",
            "CI-lee");

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T03:00:00Z"));
    final InMemoryAccounts accounts = new InMemoryAccounts();
    final RecordingHasher hasher = new RecordingHasher();
    final InMemoryLoginAttempts attempts = new InMemoryLoginAttempts();
    final FakeIdentityProvider provider = new FakeIdentityProvider();
    final VerifyingIdentity verifying = new VerifyingIdentity(provider);
    final SigningUp signingUp = new SigningUp(accounts, hasher, verifying, new Ids(clock), clock);
    final InMemoryRefreshTokens refreshStore = new InMemoryRefreshTokens();
    final RotatingRefreshTokens refreshTokens = new RotatingRefreshTokens(refreshStore, clock);
    final ManagingMyAccount my = new ManagingMyAccount(accounts, hasher, attempts, verifying, refreshTokens, clock);
    final Account fan;
    final Account social;

    ManagingMyAccountTest() {
        provider.results.put("iv-hong", VerificationResult.verified(HONG));
        provider.results.put("iv-hong-2", VerificationResult.verified(HONG));
        provider.results.put("iv-lee", VerificationResult.verified(LEE));
        provider.results.put("iv-lee-2", VerificationResult.verified(LEE));
        provider.results.put("iv-ready", VerificationResult.notVerified("READY"));
        fan = signingUp.signUp(new SigningUp.SignUp("fan@example.com", "correct horse 1".toCharArray(), "iv-hong",
                "길동", false));
        social = Account.newSocialUser(new Ids(clock).next(), new SocialLink("kakao", "k-42"), clock.instant(),
                Profile.empty());
        accounts.create(social, null);
        provider.asked.clear();
    }

    static DomainException refused(Runnable r) {
        DomainException e = catchThrowableOfType(DomainException.class, r::run);
        assertThat(e).as("refused with a DomainException").isNotNull();
        return e;
    }

    Account stored(Account a) {
        return accounts.byId(a.id()).orElseThrow();
    }

    @Test
    void a_fan_sees_their_own_account_and_a_missing_or_closed_one_is_not_found() {
        assertThat(my.view(fan.id())).isEqualTo(fan);
        assertThat(refused(() -> my.view("01HZZZZZZZZZZZZZZZZZZZZZZZ")).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);

        accounts.close(fan, clock.instant());
        assertThat(refused(() -> my.view(fan.id())).kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
    }

    @Test
    void an_edit_changes_only_the_fields_it_names_and_stores_them() {
        assertThat(fan.profile()).isEqualTo(new Profile("길동", "01012345678", false));

        Account consented = my.edit(fan.id(), new ProfileEdit(null, null, true));
        assertThat(consented.profile()).isEqualTo(new Profile("길동", "01012345678", true));
        assertThat(stored(fan)).isEqualTo(consented);

        Account renamed = my.edit(fan.id(), new ProfileEdit("  홍 길동 ", null, null));
        assertThat(renamed.profile()).isEqualTo(new Profile("홍 길동", "01012345678", true));

        Account rephoned = my.edit(fan.id(), new ProfileEdit(null, "010-9876 5432", false));
        assertThat(rephoned.profile()).isEqualTo(new Profile("홍 길동", "01098765432", false));
        assertThat(stored(fan).profile()).isEqualTo(rephoned.profile());
        // the profile is the fan's to change; the verified identity is not
        assertThat(stored(fan).identity()).isEqualTo(fan.identity());
        assertThat(stored(fan).identity().phone()).isEqualTo("01012345678");
    }

    @Test
    void a_bad_name_or_phone_or_an_empty_edit_is_a_400_with_every_field_and_changes_nothing() {
        DomainException both = refused(() -> my.edit(fan.id(), new ProfileEdit(" ", "02-123-4567", true)));
        assertThat(both.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(both.errors()).extracting(FieldError::field).containsExactly("name", "phone");

        DomainException longName = refused(() -> my.edit(fan.id(), new ProfileEdit("가".repeat(51), null, null)));
        assertThat(longName.errors()).extracting(FieldError::field).containsExactly("name");

        DomainException empty = refused(() -> my.edit(fan.id(), new ProfileEdit(null, null, null)));
        assertThat(empty.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(empty.errors()).extracting(FieldError::field).containsExactly("body");

        assertThat(stored(fan)).isEqualTo(fan);
        assertThat(new ProfileEdit("홍길동", "01012345678", true).toString()).doesNotContain("홍길동", "01012345678");
    }

    @Test
    void a_closed_account_cannot_be_edited() {
        accounts.close(fan, clock.instant());

        assertThat(refused(() -> my.edit(fan.id(), new ProfileEdit("새 이름", null, null))).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
    }

    @Test
    void the_password_changes_with_the_right_current_password_and_the_new_one_logs_in() {
        my.changePassword(fan.id(), null, "correct horse 1".toCharArray(), "battery staple 2".toCharArray());

        assertThat(stored(fan).passwordHash()).isEqualTo("fake$battery staple 2");
        LoggingIn loggingIn = new LoggingIn(accounts, hasher, attempts, clock);
        assertThat(loggingIn.logIn(new LoggingIn.LogIn("fan@example.com", "battery staple 2".toCharArray())).id())
                .isEqualTo(fan.id());
        assertThat(catchThrowableOfType(DomainException.class, () -> loggingIn.logIn(
                new LoggingIn.LogIn("fan@example.com", "correct horse 1".toCharArray()))).type())
                .isEqualTo("invalid-credentials");
    }

    @Test
    void changing_the_password_ends_the_accounts_other_sessions_and_keeps_the_one_it_is_made_in() {
        RotatingRefreshTokens.Issued phone = refreshTokens.issue(fan.id());
        RotatingRefreshTokens.Issued laptop = refreshTokens.issue(fan.id());
        RotatingRefreshTokens.Issued someoneElse = refreshTokens.issue(social.id());

        my.changePassword(fan.id(), phone.familyId(), "correct horse 1".toCharArray(),
                "battery staple 2".toCharArray());

        assertThat(refreshStore.isFamilyRevoked(laptop.familyId())).isTrue();
        assertThat(refreshStore.isFamilyRevoked(phone.familyId())).as("the session it was made in").isFalse();
        assertThat(refreshTokens.rotate(phone.token()).familyId()).isEqualTo(phone.familyId());
        assertThat(refused(() -> refreshTokens.rotate(laptop.token())).type()).isEqualTo("invalid-refresh-token");
        assertThat(refreshStore.isFamilyRevoked(someoneElse.familyId())).as("another account's").isFalse();
    }

    @Test
    void a_password_change_outside_any_session_ends_them_all_and_a_refused_one_ends_none() {
        RotatingRefreshTokens.Issued phone = refreshTokens.issue(fan.id());
        RotatingRefreshTokens.Issued laptop = refreshTokens.issue(fan.id());

        refused(() -> my.changePassword(fan.id(), phone.familyId(), "not my password".toCharArray(),
                "battery staple 2".toCharArray()));
        refused(() -> my.changePassword(fan.id(), phone.familyId(), "correct horse 1".toCharArray(),
                "short".toCharArray()));
        assertThat(refreshStore.revoked()).as("nothing changed, nothing ended").isEmpty();

        my.changePassword(fan.id(), null, "correct horse 1".toCharArray(), "battery staple 2".toCharArray());

        assertThat(refreshStore.revoked()).containsExactlyInAnyOrder(phone.familyId(), laptop.familyId());
    }

    @Test
    void a_wrong_current_password_is_refused_counted_and_throttled_like_logins() {
        for (int i = 0; i < LoggingIn.MAX_FAILURES; i++) {
            DomainException wrong = refused(() -> my.changePassword(fan.id(), null, "not my password".toCharArray(),
                    "battery staple 2".toCharArray()));
            assertThat(wrong.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
            assertThat(wrong.type()).isEqualTo("wrong-password");
            assertThat(wrong.errors()).containsExactly(new FieldError("currentPassword", "is not correct"));
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(attempts.failures.get("fan@example.com")).hasSize(LoggingIn.MAX_FAILURES);
        int checks = hasher.checks.get();

        DomainException throttled = refused(() -> my.changePassword(fan.id(), null, "correct horse 1".toCharArray(),
                "battery staple 2".toCharArray()));
        assertThat(throttled.kind()).isEqualTo(DomainException.Kind.THROTTLED);
        assertThat(throttled.type()).isEqualTo("too-many-attempts");
        assertThat(throttled.retryAfter()).contains(LoggingIn.WINDOW);
        assertThat(hasher.checks).as("refused before any hashing").hasValue(checks);
        // the same count throttles logins with this e-mail
        LoggingIn loggingIn = new LoggingIn(accounts, hasher, attempts, clock);
        assertThat(catchThrowableOfType(DomainException.class, () -> loggingIn.logIn(new LoggingIn.LogIn(
                "fan@example.com", "correct horse 1".toCharArray()))).type()).isEqualTo("too-many-attempts");
        assertThat(stored(fan).passwordHash()).isEqualTo(fan.passwordHash());

        clock.advance(LoggingIn.WINDOW);
        my.changePassword(fan.id(), null, "correct horse 1".toCharArray(), "battery staple 2".toCharArray());
        assertThat(stored(fan).passwordHash()).isEqualTo("fake$battery staple 2");
    }

    @Test
    void a_malformed_password_change_is_a_400_for_every_field_before_any_check() {
        DomainException e = refused(() -> my.changePassword(fan.id(), null, new char[0], "short".toCharArray()));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactly("currentPassword", "newPassword", "newPassword");
        assertThat(hasher.checks).hasValue(0);
        assertThat(attempts.failures).isEmpty();
    }

    @Test
    void a_social_account_has_no_password_to_change() {
        DomainException e = refused(() -> my.changePassword(social.id(), null, "anything at all 1".toCharArray(),
                "battery staple 2".toCharArray()));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(e.type()).isEqualTo("no-password");
        assertThat(stored(social).hasPassword()).isFalse();
        assertThat(hasher.hashes).as("only the fan's sign-up hashed").hasValue(1);
    }

    @Test
    void a_social_account_verifies_later_and_then_may_book() {
        Account verified = my.verifyIdentity(social.id(), "iv-lee");

        assertThat(verified.isIdentityVerified()).isTrue();
        assertThat(verified.identity().diHash()).isEqualTo(VerifiedIdentity.hashDi("DI-lee"));
        assertThat(verified.identity().verifiedAt()).isEqualTo(clock.instant());
        assertThat(verified.profile()).as("an empty profile takes the verified name and phone")
                .isEqualTo(new Profile("이영희", "01055556666", false));
        assertThat(accounts.claimsOf(social.id())).containsExactlyInAnyOrder("SOCIAL#kakao#k-42",
                "PERSON#" + VerifiedIdentity.hashDi("DI-lee"), "IDV#iv-lee");
        Account stored = my.view(social.id());
        assertThat(stored.profile()).as("the filled-in profile that was answered is the one stored")
                .isEqualTo(verified.profile());
        assertThat(stored).isEqualTo(verified);
    }

    @Test
    void a_verified_account_cannot_verify_again_and_the_provider_is_not_asked() {
        DomainException e = refused(() -> my.verifyIdentity(fan.id(), "iv-hong-2"));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("identity-already-verified");
        assertThat(provider.asked).isEmpty();
        assertThat(accounts.claims).doesNotContainKey("IDV#iv-hong-2");
    }

    @Test
    void a_person_who_has_an_account_cannot_verify_a_second_one_which_stays_unverified() {
        DomainException e = refused(() -> my.verifyIdentity(social.id(), "iv-hong-2"));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("identity-already-linked");
        assertThat(stored(social).isIdentityVerified()).isFalse();
        assertThat(accounts.claims).doesNotContainKey("IDV#iv-hong-2");
        // the refusal wrote nothing: the account is still free to be verified
        assertThat(my.verifyIdentity(social.id(), "iv-lee").isIdentityVerified()).isTrue();
    }

    @Test
    void an_unfinished_or_used_verification_does_not_verify() {
        assertThat(refused(() -> my.verifyIdentity(social.id(), "iv-ready")).type()).isEqualTo("identity-not-verified");
        assertThat(refused(() -> my.verifyIdentity(social.id(), "iv-hong")).type())
                .as("the fan's sign-up spent it").isIn("identity-already-linked", "identity-verification-used");
        assertThat(stored(social).isIdentityVerified()).isFalse();
    }

    @Test
    void closing_a_password_account_needs_its_password() {
        DomainException missing = refused(() -> my.close(fan.id(), null));
        assertThat(missing.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(missing.errors()).extracting(FieldError::field).containsExactly("password");

        DomainException wrong = refused(() -> my.close(fan.id(), "not my password".toCharArray()));
        assertThat(wrong.type()).isEqualTo("wrong-password");
        assertThat(wrong.errors()).containsExactly(new FieldError("password", "is not correct"));
        assertThat(attempts.failures.get("fan@example.com")).hasSize(1);
        assertThat(stored(fan).status()).isEqualTo(AccountStatus.ACTIVE);

        my.close(fan.id(), "correct horse 1".toCharArray());
        Account closed = stored(fan);
        assertThat(closed.status()).isEqualTo(AccountStatus.CLOSED);
        assertThat(closed.email()).isNull();
        assertThat(closed.passwordHash()).isNull();
        assertThat(closed.identity()).isNull();
        assertThat(closed.profile()).isEqualTo(Profile.empty());
        assertThat(closed.roles()).isEqualTo(fan.roles());
        assertThat(closed.createdAt()).isEqualTo(fan.createdAt());
        assertThat(accounts.claimsOf(fan.id())).as("the verification stays spent").containsExactly("IDV#iv-hong");
        assertThat(refused(() -> my.close(fan.id(), "correct horse 1".toCharArray())).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
    }

    @Test
    void after_closing_the_email_and_the_person_may_sign_up_again_with_a_new_verification() {
        my.close(fan.id(), "correct horse 1".toCharArray());

        assertThat(refused(() -> signingUp.signUp(new SigningUp.SignUp("fan@example.com",
                "correct horse 1".toCharArray(), "iv-hong", null, false))).type())
                .isEqualTo("identity-verification-used");
        Account again = signingUp.signUp(new SigningUp.SignUp("fan@example.com", "correct horse 1".toCharArray(),
                "iv-hong-2", null, false));
        assertThat(again.id()).isNotEqualTo(fan.id());
        assertThat(accounts.byEmail("fan@example.com")).contains(again);
    }

    @Test
    void a_social_account_closes_without_a_password_and_frees_its_link() {
        my.close(social.id(), null);

        assertThat(stored(social).status()).isEqualTo(AccountStatus.CLOSED);
        assertThat(stored(social).socialLinks()).isEmpty();
        assertThat(accounts.bySocialLink(new SocialLink("kakao", "k-42"))).isEmpty();
        assertThat(accounts.claimsOf(social.id())).isEmpty();
    }
}
