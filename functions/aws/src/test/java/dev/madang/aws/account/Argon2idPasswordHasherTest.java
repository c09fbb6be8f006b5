package dev.madang.aws.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Argon2idPasswordHasherTest {

    static final Argon2idPasswordHasher HASHER = new Argon2idPasswordHasher();
    static final char[] PASSWORD = "correct horse 1".toCharArray();
    /** Made once: every tampering test starts from a real hash of PASSWORD. */
    static final String HASH = HASHER.hash(PASSWORD);

    @Test
    void the_hash_is_a_phc_string_with_owasp_parameters_a_16_byte_salt_and_a_32_byte_tag() {
        assertThat(HASH).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        String[] parts = HASH.split("\\$");
        assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
        assertThat(HASH).doesNotContain("correct horse");
        assertThat(HASHER.needsRehash(HASH)).isFalse();
    }

    @Test
    void two_hashes_of_one_password_differ_and_both_verify() {
        String other = HASHER.hash(PASSWORD);
        assertThat(other).isNotEqualTo(HASH);
        assertThat(other.split("\\$")[4]).as("salt").isNotEqualTo(HASH.split("\\$")[4]);
        assertThat(HASHER.matches(PASSWORD, HASH)).isTrue();
        assertThat(HASHER.matches(PASSWORD, other)).isTrue();
    }

    @Test
    void a_wrong_password_does_not_match() {
        assertThat(HASHER.matches("correct horse 2".toCharArray(), HASH)).isFalse();
        assertThat(HASHER.matches("Correct horse 1".toCharArray(), HASH)).isFalse();
        assertThat(HASHER.matches("correct horse 1 ".toCharArray(), HASH)).isFalse();
        assertThat(HASHER.matches(new char[0], HASH)).isFalse();
        assertThat(HASHER.matches(null, HASH)).isFalse();
    }

    @Test
    void it_reads_hashes_of_the_reference_implementation() {
        // phc-winner-argon2 (and the RustCrypto, Python and Dart libraries agree): "password", salt "somesalt"
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(HASHER.matches("password".toCharArray(), reference)).isTrue();
        assertThat(HASHER.matches("passwore".toCharArray(), reference)).isFalse();
        assertThat(HASHER.needsRehash(reference)).as("other parameters than today's").isTrue();
    }

    @Test
    void non_ascii_passwords_are_hashed_as_utf8() {
        char[] hangul = "비밀번호는길어야해요1".toCharArray();
        String hash = HASHER.hash(hangul);
        assertThat(HASHER.matches("비밀번호는길어야해요1".toCharArray(), hash)).isTrue();
        assertThat(HASHER.matches("비밀번호는길어야해요2".toCharArray(), hash)).isFalse();
    }

    @Test
    void a_tampered_tag_or_salt_does_not_match() {
        String[] parts = HASH.split("\\$");
        byte[] tag = Base64.getDecoder().decode(parts[5]);
        tag[31] ^= 1;
        assertThat(HASHER.matches(PASSWORD, with(parts, 5, b64(tag)))).isFalse();
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        salt[0] ^= 1;
        assertThat(HASHER.matches(PASSWORD, with(parts, 4, b64(salt)))).isFalse();
        // the parameters are inputs too: the same salt and tag under other ones do not match
        assertThat(HASHER.matches(PASSWORD, HASH.replace("m=19456", "m=19457"))).isFalse();
        assertThat(HASHER.matches(PASSWORD, HASH.replace("t=2", "t=1"))).isFalse();
    }

    @Test
    void a_truncated_tag_is_refused_rather_than_made_easy_to_guess() {
        String[] parts = HASH.split("\\$");
        byte[] tag = Base64.getDecoder().decode(parts[5]);
        byte[] shortTag = java.util.Arrays.copyOf(tag, 8);
        assertThat(HASHER.matches(PASSWORD, with(parts, 5, b64(shortTag)))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "plain text", "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2d$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=19456,t=99,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=19456,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=4,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$t=2,m=19456,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHR$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$CTFhFdXP-O1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            " $argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"})
    void anything_malformed_or_out_of_bounds_simply_does_not_match(String hash) {
        assertThat(HASHER.matches("password".toCharArray(), hash)).isFalse();
        assertThat(HASHER.needsRehash(hash)).isTrue();
    }

    @Test
    void null_is_neither_hashed_nor_matched() {
        assertThat(HASHER.matches(PASSWORD, null)).isFalse();
        assertThatThrownBy(() -> HASHER.hash(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hashing_takes_tens_of_milliseconds_not_microseconds() {
        HASHER.hash(PASSWORD); // warm-up (JIT)
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            HASHER.hash(PASSWORD);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        long start = System.nanoTime();
        HASHER.matches(PASSWORD, HASH);
        long verify = (System.nanoTime() - start) / 1_000_000;
        Collections.sort(millis);
        System.out.printf("Argon2id m=19456 KiB t=2 p=1: hash %s ms (median %d), verify %d ms%n", millis,
                millis.get(2), verify);
        assertThat(millis.get(2)).as("a hash this cheap would not slow a guesser").isGreaterThanOrEqualTo(5);
    }

    private static String with(String[] parts, int index, String value) {
        String[] copy = parts.clone();
        copy[index] = value;
        return String.join("$", copy);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
