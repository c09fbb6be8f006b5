package dev.madang.operator;

import dev.madang.aws.account.token.SigningKeySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class KeyToolTest {

    @TempDir
    Path dir;

    /** One run's exit status and what it printed. */
    record Run(int status, String out, String err) {
    }

    static Run keyTool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KeyTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path generated(String kid) throws IOException {
        Run run = keyTool("generate", kid);
        assertThat(run.status()).isZero();
        Path file = dir.resolve("keys.json");
        Files.writeString(file, run.out());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    @Test
    void generate_prints_a_key_set_of_one_active_key_and_nothing_else() {
        Run run = keyTool("generate", "2026-11-k1");

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        SigningKeySet set = SigningKeySet.parse(run.out());
        assertThat(set.activeKid()).isEqualTo("2026-11-k1");
        assertThat(set.kids()).containsExactly("2026-11-k1");
        assertThat(run.out()).startsWith("{\"activeKid\":\"2026-11-k1\",\"keys\":[").endsWith("}" + System.lineSeparator());
    }

    @Test
    void the_three_rotation_steps_rewrite_the_file_owner_only_and_print_no_key_material() throws IOException {
        Path file = generated("2026-11-k1");
        SigningKeySet original = SigningKeySet.parse(Files.readString(file));

        Run add = keyTool("add", "2026-12-k1", file.toString());
        assertThat(add.status()).isZero();
        SigningKeySet published = SigningKeySet.parse(Files.readString(file));
        assertThat(published.kids()).containsExactly("2026-11-k1", "2026-12-k1");
        assertThat(published.activeKid()).isEqualTo("2026-11-k1");
        assertThat(published.publicKeys().get("2026-11-k1")).isEqualTo(original.publicKeys().get("2026-11-k1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(add.err()).contains("add: 2026-12-k1; now SigningKeySet[active=2026-11-k1, kids=[2026-11-k1, "
                + "2026-12-k1]]", "put-secret-value", "file://" + file);

        Run activate = keyTool("activate", "2026-12-k1", file.toString());
        assertThat(activate.status()).isZero();
        assertThat(SigningKeySet.parse(Files.readString(file)).activeKid()).isEqualTo("2026-12-k1");

        Run retire = keyTool("retire", "2026-11-k1", file.toString());
        assertThat(retire.status()).isZero();
        SigningKeySet retired = SigningKeySet.parse(Files.readString(file));
        assertThat(retired.kids()).containsExactly("2026-12-k1");
        assertThat(retired.publicKeys().get("2026-12-k1")).as("the key added in step 1 is the one left")
                .isEqualTo(published.publicKeys().get("2026-12-k1"));

        for (Run run : new Run[] {add, activate, retire}) {
            assertThat(run.out()).as("nothing on standard output").isEmpty();
            assertThat(run.err()).doesNotContain("PRIVATE KEY").doesNotContain("MII");
        }
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void retiring_the_active_key_is_refused_and_leaves_the_file_alone() throws IOException {
        Path file = generated("2026-11-k1");
        String before = Files.readString(file);

        Run run = keyTool("retire", "2026-11-k1", file.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("KeyTool retire: '2026-11-k1' is the active key and cannot be retired; "
                + "activate another key first" + System.lineSeparator());
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void jwks_prints_the_public_keys_only() throws IOException {
        Path file = generated("2026-11-k1");
        keyTool("add", "2026-12-k1", file.toString());

        Run run = keyTool("jwks", file.toString());

        assertThat(run.status()).isZero();
        assertThat(run.out().strip()).isEqualTo(SigningKeySet.parse(Files.readString(file)).jwks());
        assertThat(run.out()).contains("\"kid\":\"2026-11-k1\"", "\"kid\":\"2026-12-k1\"")
                .doesNotContain("PRIVATE", "\"d\"");
    }

    @Test
    void bad_invocations_say_why_with_the_right_exit_status() throws IOException {
        assertThat(keyTool().status()).isEqualTo(2);
        assertThat(keyTool("rotate", "x").status()).isEqualTo(2);
        Run usage = keyTool("add", "only-a-kid");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).startsWith("usage: KeyTool generate <kid>");

        Run badKid = keyTool("generate", "no spaces please");
        assertThat(badKid.status()).isEqualTo(1);
        assertThat(badKid.out()).isEmpty();
        assertThat(badKid.err()).contains("a kid is 1 to 64 of");

        Run missing = keyTool("activate", "k", dir.resolve("absent.json").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("absent.json is not a file");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"activeKid\":\"k\",\"keys\":[{\"kid\":\"k\",\"privateKey\":\"MIIsecret\"}]}");
        Run unreadable = keyTool("jwks", broken.toString());
        assertThat(unreadable.status()).isEqualTo(1);
        assertThat(unreadable.err()).contains(broken + " is not a valid signing key set", "unencrypted PKCS#8 PEM")
                .doesNotContain("MIIsecret");
    }
}
