package dev.madang.domain.account;

import dev.madang.domain.account.AccountFakes.InMemoryAccounts;
import dev.madang.domain.account.AccountFakes.RecordingHasher;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningUpTest {

    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

    final InMemoryAccounts accounts = new InMemoryAccounts();
    final RecordingHasher hasher = new RecordingHasher();
    final SigningUp signingUp = new SigningUp(accounts, hasher, new Ids(Clock.fixed(NOW, ZoneOffset.UTC)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static SigningUp.SignUp request(String email, String password) {
        return new SigningUp.SignUp(email, password == null ? null : password.toCharArray());
    }

    @Test
    void a_sign_up_creates_an_active_user_with_a_normalised_email_and_only_the_hash_stored() {
        Account a = signingUp.signUp(request("  New.Fan@Example.COM", "correct horse 1"));

        assertThat(Ids.isWellFormed(a.id())).isTrue();
        assertThat(a.email()).isEqualTo("new.fan@example.com");
        assertThat(a.roles()).containsExactly(Role.USER);
        assertThat(a.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(a.createdAt()).isEqualTo(NOW);
        assertThat(a.passwordHash()).isEqualTo("fake$correct horse 1"); // what the hasher made, not the password
        assertThat(accounts.byEmail("NEW.FAN@example.com")).contains(a);
        assertThat(accounts.byId(a.id())).contains(a);
    }

    @Test
    void the_request_carries_no_role_so_every_account_made_here_is_a_plain_user() {
        // the command type has no role at all: whatever a client's JSON says, it cannot reach the account
        assertThat(SigningUp.SignUp.class.getRecordComponents()).extracting(c -> c.getName())
                .containsExactly("email", "password");
        assertThat(signingUp.signUp(request("admin@madang.dev", "LetMeBeAdmin1")).roles())
                .containsExactly(Role.USER).doesNotContain(Role.ADMIN);
    }

    @Test
    void the_same_email_in_another_spelling_is_taken() {
        signingUp.signUp(request("fan@example.com", "first password 1"));

        assertThatThrownBy(() -> signingUp.signUp(request("FAN@Example.com ", "second password 2")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.type()).isEqualTo("email-taken");
                });
        assertThat(accounts.byId).hasSize(1);
    }

    @Test
    void every_mistake_is_reported_at_once_and_nothing_is_hashed_or_stored() {
        assertThatThrownBy(() -> signingUp.signUp(request("not-an-email", "short")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("email", "password", "password");
                });
        assertThatThrownBy(() -> signingUp.signUp(request(null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("email", "is required"), new FieldError("password", "is required")));
        assertThatThrownBy(() -> signingUp.signUp(request("fan@example.com", "onlylowercaseletters")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(f -> assertThat(f.field()).isEqualTo("password")));
        assertThat(hasher.hashes).hasValue(0);
        assertThat(accounts.byId).isEmpty();
    }

    @Test
    void the_request_does_not_print_its_password() {
        assertThat(request("fan@example.com", "correct horse 1").toString()).doesNotContain("correct horse");
    }
}
