package dev.madang.domain.account;

import dev.madang.domain.account.AccountFakes.FakeIdentityProvider;
import dev.madang.domain.account.AccountFakes.InMemoryAccounts;
import dev.madang.domain.account.AccountFakes.RecordingHasher;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import dev.madang.domain.identity.IdentityProviderUnavailable;
import dev.madang.domain.identity.IdentityVerifications;
import dev.madang.domain.identity.VerificationResult;
import dev.madang.domain.identity.VerifiedPerson;
import dev.madang.domain.identity.VerifyingIdentity;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SigningUpTest {

    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    static final VerifiedPerson HONG = new VerifiedPerson("홍길동", LocalDate.of(1990, 1, 2), "01012345678",
            "DI-hong", "CI-hong");
    static final VerifiedPerson KIM = new VerifiedPerson("김철수", LocalDate.of(1985, 5, 6), null, "DI-kim", null);

    final InMemoryAccounts accounts = new InMemoryAccounts();
    final RecordingHasher hasher = new RecordingHasher();
    final FakeIdentityProvider provider = new FakeIdentityProvider();
    final SigningUp signingUp = new SigningUp(accounts, hasher, new VerifyingIdentity(provider),
            new Ids(Clock.fixed(NOW, ZoneOffset.UTC)), Clock.fixed(NOW, ZoneOffset.UTC));

    SigningUpTest() {
        provider.results.put("iv-hong", VerificationResult.verified(HONG));
        provider.results.put("iv-hong-2", VerificationResult.verified(HONG));
        provider.results.put("iv-kim", VerificationResult.verified(KIM));
        provider.results.put("iv-ready", VerificationResult.notVerified("READY"));
    }

    static SigningUp.SignUp request(String email, String password, String verificationId) {
        return new SigningUp.SignUp(email, password == null ? null : password.toCharArray(), verificationId, null,
                false);
    }

    static SigningUp.SignUp request(String email, String password) {
        return request(email, password, "iv-hong");
    }

    static DomainException refused(Runnable r) {
        DomainException e = catchThrowableOfType(DomainException.class, r::run);
        assertThat(e).as("refused with a DomainException").isNotNull();
        return e;
    }

    @Test
    void a_sign_up_creates_an_active_verified_user_with_a_normalised_email_and_only_the_hash_stored() {
        Account a = signingUp.signUp(request("  New.Fan@Example.COM", "correct horse 1"));

        assertThat(Ids.isWellFormed(a.id())).isTrue();
        assertThat(a.email()).isEqualTo("new.fan@example.com");
        assertThat(a.roles()).containsExactly(Role.USER);
        assertThat(a.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(a.createdAt()).isEqualTo(NOW);
        assertThat(a.passwordHash()).isEqualTo("fake$correct horse 1"); // what the hasher made, not the password
        assertThat(a.socialLinks()).isEmpty();
        assertThat(a.isIdentityVerified()).isTrue();
        VerifiedIdentity identity = a.identity();
        assertThat(identity.name()).isEqualTo("홍길동");
        assertThat(identity.birthDate()).isEqualTo(LocalDate.of(1990, 1, 2));
        assertThat(identity.phone()).isEqualTo("01012345678");
        assertThat(identity.verifiedAt()).isEqualTo(NOW);
        assertThat(identity.diHash()).isEqualTo(VerifiedIdentity.hashDi("DI-hong")).matches("[0-9a-f]{64}")
                .doesNotContain("DI-hong");
        assertThat(accounts.byEmail("NEW.FAN@example.com")).contains(a);
        assertThat(accounts.byId(a.id())).contains(a);
        // claimed in the same step: the e-mail, the person and the verification
        assertThat(accounts.claimsOf(a.id())).containsExactlyInAnyOrder("EMAIL#new.fan@example.com",
                "PERSON#" + VerifiedIdentity.hashDi("DI-hong"), "IDV#iv-hong");
        assertThat(provider.asked).containsExactly("iv-hong");
    }

    @Test
    void the_verified_name_and_phone_are_the_default_profile_and_a_given_name_wins() {
        Account defaulted = signingUp.signUp(request("hong@example.com", "correct horse 1"));
        assertThat(defaulted.profile()).isEqualTo(new Profile("홍길동", "01012345678", false));

        Account named = signingUp.signUp(new SigningUp.SignUp("kim@example.com", "correct horse 1".toCharArray(),
                "iv-kim", "  철수  ", true));
        assertThat(named.profile()).isEqualTo(new Profile("철수", null, true));
        assertThat(named.identity().name()).as("the verified name is kept apart from the display name")
                .isEqualTo("김철수");
        assertThat(named.identity().phone()).isNull();
    }

    @Test
    void the_request_carries_no_role_or_verified_flag_so_every_account_made_here_is_a_plain_user() {
        // the command type has no role at all: whatever a client's JSON says, it cannot reach the account
        assertThat(SigningUp.SignUp.class.getRecordComponents()).extracting(RecordComponent::getName)
                .containsExactly("email", "password", "identityVerificationId", "name", "marketingConsent");
        assertThat(signingUp.signUp(request("admin@madang.dev", "LetMeBeAdmin1")).roles())
                .containsExactly(Role.USER).doesNotContain(Role.ADMIN);
    }

    @Test
    void the_same_email_in_another_spelling_is_taken_and_the_loser_writes_nothing() {
        Account first = signingUp.signUp(request("fan@example.com", "first password 1"));

        DomainException e = refused(() -> signingUp.signUp(request("FAN@Example.com ", "second password 2", "iv-kim")));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("email-taken");
        assertThat(accounts.byId).containsOnlyKeys(first.id());
        assertThat(accounts.claims).hasSize(3).doesNotContainKey("PERSON#" + VerifiedIdentity.hashDi("DI-kim"))
                .doesNotContainKey("IDV#iv-kim");
        // the refusal burnt nothing: kim's verification still opens an account
        assertThat(signingUp.signUp(request("kim@example.com", "second password 2", "iv-kim")).isIdentityVerified())
                .isTrue();
    }

    @Test
    void one_person_has_one_account_whatever_the_email() {
        signingUp.signUp(request("hong@example.com", "correct horse 1", "iv-hong"));

        DomainException e = refused(() -> signingUp.signUp(request("hong.again@example.com", "correct horse 1",
                "iv-hong-2")));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("identity-already-linked");
        assertThat(accounts.byEmail("hong.again@example.com")).isEmpty();
        assertThat(accounts.byId).hasSize(1);
        assertThat(accounts.claims).doesNotContainKeys("EMAIL#hong.again@example.com", "IDV#iv-hong-2");
    }

    @Test
    void a_verification_vouches_once_even_for_another_person_s_sign_up() {
        signingUp.signUp(request("hong@example.com", "correct horse 1", "iv-hong"));
        // the provider now (wrongly, or after a reset of its records) says the same id vouched for someone else
        provider.results.put("iv-hong", VerificationResult.verified(KIM));

        DomainException e = refused(() -> signingUp.signUp(request("kim@example.com", "correct horse 1", "iv-hong")));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("identity-verification-used");
        assertThat(accounts.byId).hasSize(1);
        assertThat(accounts.claims).doesNotContainKeys("EMAIL#kim@example.com",
                "PERSON#" + VerifiedIdentity.hashDi("DI-kim"));
    }

    @Test
    void anything_but_verified_is_refused_after_the_provider_is_asked_and_nothing_is_hashed_or_stored() {
        DomainException ready = refused(() -> signingUp.signUp(request("fan@example.com", "correct horse 1",
                "iv-ready")));
        assertThat(ready.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(ready.type()).isEqualTo("identity-not-verified");
        assertThat(ready.errors()).extracting(FieldError::field).containsExactly("identityVerificationId");

        DomainException unknown = refused(() -> signingUp.signUp(request("fan@example.com", "correct horse 1",
                "iv-nobody")));
        assertThat(unknown.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(unknown.type()).isEqualTo("identity-verification-unknown");

        assertThat(provider.asked).containsExactly("iv-ready", "iv-nobody");
        assertThat(hasher.hashes).hasValue(0);
        assertThat(accounts.byId).isEmpty();
        assertThat(accounts.claims).isEmpty();
    }

    @Test
    void a_provider_outage_reaches_the_caller_and_stores_nothing() {
        IdentityVerifications down = id -> {
            throw new IdentityProviderUnavailable("down");
        };
        SigningUp withOutage = new SigningUp(accounts, hasher, new VerifyingIdentity(down),
                new Ids(Clock.fixed(NOW, ZoneOffset.UTC)), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> withOutage.signUp(request("fan@example.com", "correct horse 1")))
                .isInstanceOf(IdentityProviderUnavailable.class);
        assertThat(hasher.hashes).hasValue(0);
        assertThat(accounts.byId).isEmpty();
    }

    @Test
    void every_mistake_is_reported_at_once_and_the_provider_is_not_asked_and_nothing_is_hashed_or_stored() {
        DomainException all = refused(() -> signingUp.signUp(new SigningUp.SignUp("not-an-email",
                "short".toCharArray(), "../payments", " ", false)));
        assertThat(all.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(all.errors()).extracting(FieldError::field)
                .containsExactly("email", "password", "password", "identityVerificationId", "name");

        DomainException missing = refused(() -> signingUp.signUp(new SigningUp.SignUp(null, null, null, null,
                false)));
        assertThat(missing.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(missing.errors()).extracting(FieldError::field)
                .containsExactly("email", "password", "identityVerificationId");
        assertThat(missing.errors()).contains(new FieldError("email", "is required"),
                new FieldError("password", "is required"));

        DomainException onlyPassword = refused(() -> signingUp.signUp(request("fan@example.com",
                "onlylowercaseletters")));
        assertThat(onlyPassword.errors()).singleElement()
                .satisfies(f -> assertThat(f.field()).isEqualTo("password"));

        DomainException longName = refused(() -> signingUp.signUp(new SigningUp.SignUp("fan@example.com",
                "correct horse 1".toCharArray(), "iv-hong", "가".repeat(Profile.MAX_NAME + 1), false)));
        assertThat(longName.errors()).extracting(FieldError::field).containsExactly("name");

        assertThat(provider.asked).isEmpty();
        assertThat(hasher.hashes).hasValue(0);
        assertThat(accounts.byId).isEmpty();
        assertThat(accounts.claims).isEmpty();
    }

    @Test
    void the_request_and_the_account_do_not_print_the_password_or_personal_data() {
        SigningUp.SignUp request = new SigningUp.SignUp("fan@example.com", "correct horse 1".toCharArray(), "iv-hong",
                "홍길동", true);
        assertThat(request.toString()).doesNotContain("correct horse", "fan@example.com", "홍길동");

        Account a = signingUp.signUp(request);
        assertThat(a.toString()).contains(a.id()).doesNotContain("fan@example.com", "fake$", "홍길동", "01012345678",
                a.identity().diHash(), "1990");
    }
}
