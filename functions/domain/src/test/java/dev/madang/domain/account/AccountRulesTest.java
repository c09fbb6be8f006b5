package dev.madang.domain.account;

import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Violations;
import dev.madang.domain.identity.VerifiedPerson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The value rules of accounts: e-mail normal form and format, the password policy, the account record. */
class AccountRulesTest {

    @Test
    void an_email_is_stored_trimmed_and_lower_case() {
        assertThat(EmailAddress.normalise("  Fan.One@Example.COM ")).isEqualTo("fan.one@example.com");
        assertThat(EmailAddress.normalise(null)).isNull();
        assertThat(EmailAddress.normalise("IVAN@EXAMPLE.COM")).isEqualTo("ivan@example.com"); // Locale.ROOT, not tr
    }

    @ParameterizedTest
    @ValueSource(strings = {"fan@example.com", "Fan@Example.COM", "fan.one+tickets@mail.example.co.kr", "a@b.io", "o'neil@example.org",
            "x_y-z@sub-domain.example.com", "fan@xn--3e0b707e.xn--3e0b707e"})
    void well_formed_addresses_are_accepted(String email) {
        assertThat(EmailAddress.isWellFormed(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fan", "@example.com", "fan@", "fan@example", "fan@@example.com", "fan@ex@ample.com",
            ".fan@example.com", "fan.@example.com", "fa..n@example.com", "fan @example.com", "fan@-example.com",
            "fan@example-.com", "fan@example..com", "fan@example.c", "fan@example.123", "팬@example.com",
            "fan@예시.com", "\"fan\"@example.com", "fan@[127.0.0.1]", "fan@example.com\n"})
    void malformed_addresses_are_refused(String email) {
        assertThat(EmailAddress.isWellFormed(email)).isFalse();
    }

    @Test
    void an_address_is_at_most_254_characters_with_a_local_part_of_64() {
        String domain = "@" + "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + ".com"; // 187 chars
        assertThat(EmailAddress.isWellFormed("l".repeat(64) + domain)).isTrue();
        assertThat(EmailAddress.isWellFormed("l".repeat(65) + domain)).isFalse();
        String longDomain = "@" + ("d".repeat(63) + ".").repeat(3) + "com"; // 196 chars
        assertThat(EmailAddress.isWellFormed("l".repeat(58) + longDomain)).isTrue(); // 254
        assertThat(EmailAddress.isWellFormed("l".repeat(59) + longDomain)).isFalse();
        assertThat(EmailAddress.isWellFormed(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"correcthorse1", "Correct Horse", "abcdefghiJ", "1234567890!", "비밀번호는길어야해요1",
            "abcdefghij-"})
    void passwords_of_ten_or_more_characters_mixing_two_classes_are_accepted(String password) {
        assertThat(PasswordPolicy.problemsWith(password.toCharArray())).isEmpty();
    }

    @Test
    void too_short_too_long_and_single_class_passwords_are_refused_with_every_reason() {
        assertThat(PasswordPolicy.problemsWith("abc1".toCharArray())).singleElement().asString().contains("10 to 128");
        assertThat(PasswordPolicy.problemsWith("abcdefghijklmn".toCharArray())).singleElement().asString()
                .contains("two kinds");
        assertThat(PasswordPolicy.problemsWith("1234567890".toCharArray())).hasSize(1);
        assertThat(PasswordPolicy.problemsWith("ABCDEFGHIJKL".toCharArray())).hasSize(1);
        assertThat(PasswordPolicy.problemsWith("!@#$%^&*()_+".toCharArray())).hasSize(1);
        assertThat(PasswordPolicy.problemsWith("abc".toCharArray())).hasSize(2);
        assertThat(PasswordPolicy.problemsWith(("a1".repeat(64)).toCharArray())).isEmpty(); // 128
        assertThat(PasswordPolicy.problemsWith(("a1".repeat(64) + "x").toCharArray())).hasSize(1); // 129
        assertThat(PasswordPolicy.problemsWith(new char[0])).hasSize(1);
        assertThat(PasswordPolicy.problemsWith(null)).containsExactly("is required");
    }

    @Test
    void length_counts_characters_not_utf16_units() {
        String nineEmoji = "😀".repeat(8) + "a"; // 9 code points, 17 chars
        assertThat(PasswordPolicy.problemsWith(nineEmoji.toCharArray())).singleElement().asString().contains("10 to 128");
        assertThat(PasswordPolicy.problemsWith((nineEmoji + "b").toCharArray())).isEmpty();
    }

    static final Instant T = Instant.parse("2026-11-26T03:00:00Z");
    static final VerifiedIdentity IDENTITY = new VerifiedIdentity("홍길동", LocalDate.of(1990, 1, 2), "01012345678",
            VerifiedIdentity.hashDi("DI-hong"), T);

    static Account account(String email, String hash, Set<Role> roles, AccountStatus status, List<SocialLink> links) {
        return new Account("01J0000000000000000000000A", email, hash, roles, status, T, Profile.empty(), null, links);
    }

    @Test
    void an_account_keeps_its_email_normalised_its_roles_fixed_and_its_hash_and_personal_data_out_of_logs() {
        EnumSet<Role> roles = EnumSet.of(Role.USER);
        Account a = new Account("01J0000000000000000000000A", "Fan@Example.com", "secret-hash", roles,
                AccountStatus.ACTIVE, T, new Profile("홍길동", "01012345678", true), IDENTITY, List.of());
        roles.add(Role.ADMIN);
        assertThat(a.email()).isEqualTo("fan@example.com");
        assertThat(a.roles()).containsExactly(Role.USER);
        assertThatThrownBy(() -> a.roles().add(Role.ADMIN)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(a.toString()).contains(a.id()).doesNotContain("secret-hash", "fan@example.com", "홍길동",
                "01012345678", IDENTITY.diHash(), "1990");
        assertThat(a.isActive()).isTrue();
        assertThat(a.isIdentityVerified()).isTrue();
        assertThat(a.hasPassword()).isTrue();
        assertThat(a.verifiedIdentity()).contains(IDENTITY);
    }

    @Test
    void the_factories_make_plain_users() {
        Account user = Account.newUser("id", "X@example.com", "h", T, Profile.empty(), IDENTITY);
        assertThat(user.roles()).isEqualTo(Set.of(Role.USER));
        assertThat(user.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(user.email()).isEqualTo("x@example.com");
        assertThat(user.socialLinks()).isEmpty();

        SocialLink kakao = new SocialLink("kakao", "k-1");
        Account social = Account.newSocialUser("id2", kakao, T, Profile.empty());
        assertThat(social.roles()).containsExactly(Role.USER);
        assertThat(social.email()).isNull();
        assertThat(social.hasPassword()).isFalse();
        assertThat(social.isIdentityVerified()).isFalse();
        assertThat(social.socialLinks()).containsExactly(kakao);
        assertThat(social.withIdentity(IDENTITY).isIdentityVerified()).isTrue();
    }

    @Test
    void an_open_account_logs_in_by_email_and_password_or_by_a_provider_and_a_closed_one_by_neither() {
        Set<Role> user = Set.of(Role.USER);
        assertThatThrownBy(() -> account("x@example.com", "h", Set.of(), AccountStatus.ACTIVE, List.of()))
                .as("no role").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> account("x@example.com", null, user, AccountStatus.ACTIVE, List.of()))
                .as("e-mail without password").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> account(null, "h", user, AccountStatus.ACTIVE, List.of(new SocialLink("kakao", "1"))))
                .as("password without e-mail").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> account(null, null, user, AccountStatus.ACTIVE, List.of()))
                .as("no way to log in").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> account(null, null, user, AccountStatus.DISABLED, List.of()))
                .as("a disabled account is still an open one").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Account("id", null, null, user, AccountStatus.ACTIVE, T, null, null, List.of(
                new SocialLink("kakao", "1")))).as("profile required").isInstanceOf(IllegalArgumentException.class);

        Account closed = account(null, null, user, AccountStatus.CLOSED, List.of());
        assertThat(closed.isActive()).isFalse();
        assertThat(closed.hasPassword()).isFalse();
        assertThat(account("x@example.com", "h", user, AccountStatus.DISABLED, List.of()).isActive()).isFalse();
    }

    @Test
    void a_profile_checks_name_and_korean_mobile_and_hides_them_in_logs() {
        Violations ok = new Violations();
        Profile.check("홍길동", "010-1234-5678", ok);
        Profile.check(null, null, ok);
        Profile.check("가".repeat(Profile.MAX_NAME), "011 123 4567", ok);
        assertThat(ok.errors()).isEmpty();

        Violations bad = new Violations();
        Profile.check("  ", "02-123-4567", bad);
        Profile.check("가".repeat(Profile.MAX_NAME + 1), "0101234567890", bad);
        Profile.check("tab\tname", "+82-10-1234-5678", bad);
        assertThat(bad.errors()).extracting(FieldError::field)
                .containsExactly("name", "phone", "name", "phone", "name", "phone");

        assertThat(Profile.normalisePhone("010-1234 5678")).isEqualTo("01012345678");
        assertThat(Profile.normalisePhone(null)).isNull();
        assertThat(Profile.empty()).isEqualTo(new Profile(null, null, false));
        assertThat(new Profile("홍길동", "01012345678", true).toString()).doesNotContain("홍길동", "01012345678");
    }

    @Test
    void only_the_sha256_of_the_di_is_kept() {
        assertThat(VerifiedIdentity.hashDi("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        VerifiedIdentity identity = VerifiedIdentity.of(new VerifiedPerson("홍길동", LocalDate.of(1990, 1, 2), null,
                "DI-hong", "CI-hong"), T);
        assertThat(identity.diHash()).isEqualTo(VerifiedIdentity.hashDi("DI-hong"));
        assertThat(identity.phone()).isNull();
        assertThat(identity.toString()).doesNotContain("홍길동", "DI-hong", "CI-hong", identity.diHash());
        assertThat(VerifiedIdentity.class.getRecordComponents()).extracting(c -> c.getName())
                .doesNotContain("di", "ci");
    }

    @Test
    void a_social_link_names_a_provider_and_a_user() {
        assertThatThrownBy(() -> new SocialLink("kakao", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocialLink("", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocialLink(null, "1")).isInstanceOf(NullPointerException.class);
        assertThat(new SocialLink("naver", "n-1")).isEqualTo(new SocialLink("naver", "n-1"));
    }
}
