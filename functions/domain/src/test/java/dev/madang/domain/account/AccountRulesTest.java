package dev.madang.domain.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.EnumSet;
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

    @Test
    void an_account_keeps_its_email_normalised_its_roles_fixed_and_its_hash_out_of_logs() {
        EnumSet<Role> roles = EnumSet.of(Role.USER);
        Account a = new Account("01J0000000000000000000000A", "Fan@Example.com", "secret-hash", roles,
                AccountStatus.ACTIVE, Instant.EPOCH);
        roles.add(Role.ADMIN);
        assertThat(a.email()).isEqualTo("fan@example.com");
        assertThat(a.roles()).containsExactly(Role.USER);
        assertThatThrownBy(() -> a.roles().add(Role.ADMIN)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(a.toString()).doesNotContain("secret-hash").contains("fan@example.com");
        assertThat(a.isActive()).isTrue();
        assertThat(Account.newUser("id", "x@example.com", "h", Instant.EPOCH).roles()).isEqualTo(Set.of(Role.USER));
        assertThatThrownBy(() -> new Account("id", "x@example.com", "h", Set.of(), AccountStatus.ACTIVE, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Account("id", "x@example.com", null, Set.of(Role.USER), AccountStatus.ACTIVE,
                Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }
}
