package dev.madang.domain.account;

import dev.madang.domain.account.AccountFakes.InMemoryAccounts;
import dev.madang.domain.account.AccountFakes.RecordingHasher;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import dev.madang.domain.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CreatingAdminsTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T03:00:00Z"));
    final InMemoryAccounts accounts = new InMemoryAccounts();
    final RecordingHasher hasher = new RecordingHasher();
    final CreatingAdmins creating = new CreatingAdmins(accounts, hasher, new Ids(clock), clock);

    static DomainException refused(Runnable r) {
        DomainException e = catchThrowableOfType(DomainException.class, r::run);
        assertThat(e).as("refused with a DomainException").isNotNull();
        return e;
    }

    @Test
    void an_admin_is_an_active_unverified_user_and_admin_with_a_hashed_password() {
        Account admin = creating.createAdmin(" Organiser@Madang.DEV ", "correct horse 1".toCharArray(), "운영팀");

        assertThat(Ids.isWellFormed(admin.id())).isTrue();
        assertThat(admin.email()).isEqualTo("organiser@madang.dev");
        assertThat(admin.roles()).containsExactly(Role.USER, Role.ADMIN);
        assertThat(admin.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(admin.passwordHash()).isEqualTo("fake$correct horse 1");
        assertThat(admin.isIdentityVerified()).as("an admin account cannot book").isFalse();
        assertThat(admin.socialLinks()).isEmpty();
        assertThat(admin.profile()).isEqualTo(new Profile("운영팀", null, false));
        assertThat(admin.createdAt()).isEqualTo(clock.instant());
        assertThat(accounts.byEmail("organiser@madang.dev")).contains(admin);
        assertThat(accounts.claimsOf(admin.id())).containsExactly("EMAIL#organiser@madang.dev");

        LoggingIn loggingIn = new LoggingIn(accounts, hasher, new AccountFakes.InMemoryLoginAttempts(), clock);
        assertThat(loggingIn.logIn(new LoggingIn.LogIn("organiser@madang.dev", "correct horse 1".toCharArray())))
                .isEqualTo(admin);
    }

    @Test
    void an_admin_needs_no_name() {
        assertThat(creating.createAdmin("ops@madang.dev", "correct horse 1".toCharArray(), null).profile())
                .isEqualTo(Profile.empty());
    }

    @Test
    void every_mistake_is_reported_at_once_and_nothing_is_hashed_or_stored() {
        DomainException e = refused(() -> creating.createAdmin("not-an-email", "short".toCharArray(), " "));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("email", "password", "password", "name");
        assertThat(refused(() -> creating.createAdmin(null, null, null)).errors()).extracting(FieldError::field)
                .containsExactly("email", "password");
        assertThat(hasher.hashes).hasValue(0);
        assertThat(accounts.byId).isEmpty();
    }

    @Test
    void an_email_that_has_an_account_is_taken_for_admins_too() {
        Account first = creating.createAdmin("ops@madang.dev", "correct horse 1".toCharArray(), null);

        DomainException e = refused(() -> creating.createAdmin("OPS@madang.dev", "correct horse 2".toCharArray(), null));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("email-taken");
        assertThat(accounts.byId).containsOnlyKeys(first.id());
    }
}
