package dev.madang.local;

import dev.madang.operator.KeyTool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.account.token.SigningKeySet;
import dev.madang.domain.account.Role;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevKeysTest {

    static final String ISSUER = "http://localhost:8080/v1/auth";
    static final String AUDIENCE = "madang-api";

    /** The production signer with the dev set's active key, as the local API signs after a login. */
    static String token(DevKeys keys, String subject, Role role, Duration lifetime) {
        return keys.keySet().activeSigner(ISSUER, AUDIENCE, Clock.systemUTC(), lifetime).issue(subject, Set.of(role))
                .value();
    }

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void the_first_run_makes_an_owner_only_key_set_file_and_later_runs_read_it_back() throws Exception {
        Path dir = root.resolve(".madang/dev-keys");
        DevKeys first = DevKeys.loadOrCreate(dir);

        Path file = dir.resolve("signing-keys.json");
        assertThat(first.keySetFile()).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(first.keySet().activeKid()).matches("dev-\\d{4}-\\d{2}-k1");
        assertThat(SigningKeySet.parse(Files.readString(file))).isEqualTo(first.keySet());
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");

        DevKeys again = DevKeys.loadOrCreate(dir);
        assertThat(again.keySet()).isEqualTo(first.keySet());
        assertThat(Files.readString(first.jwksFile())).isEqualTo(first.keySet().jwks());
        assertThat(Files.readString(first.publicKeyFile())).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void admin_and_fan_tokens_are_signed_by_the_active_key_with_its_kid_and_pass_smallrye_verification()
            throws Exception {
        DevKeys keys = DevKeys.loadOrCreate(root);
        String admin = token(keys, "local-admin", Role.ADMIN, Duration.ofHours(12));
        String fan = token(keys, "local-fan", Role.USER, Duration.ofMinutes(30));

        assertThat(header(admin).get("kid").asText()).isEqualTo(keys.keySet().activeKid());
        assertThat(verifies(admin, keys.keySet().publicKeys().get(keys.keySet().activeKid()))).isTrue();

        // the API's verifier (SmallRye JWT), given either file the runner can hand it
        for (Path location : new Path[] {keys.jwksFile(), keys.publicKeyFile()}) {
            JsonWebToken a = parser(location).parse(admin);
            assertThat(a.getSubject()).isEqualTo("local-admin");
            assertThat(a.getGroups()).containsExactly("ADMIN");
            assertThat(a.getIssuer()).isEqualTo(ISSUER);
            assertThat(a.getAudience()).containsExactly(AUDIENCE);
            assertThat(a.getExpirationTime() - a.getIssuedAtTime()).isEqualTo(Duration.ofHours(12).toSeconds());
            JsonWebToken f = parser(location).parse(fan);
            assertThat(f.getSubject()).isEqualTo("local-fan");
            assertThat(f.getGroups()).containsExactly("USER");
            assertThat(f.getExpirationTime() - f.getIssuedAtTime()).isEqualTo(1800);
        }
    }

    @Test
    void after_a_rotation_with_the_key_tool_the_jwks_file_still_verifies_the_old_keys_tokens() throws Exception {
        DevKeys before = DevKeys.loadOrCreate(root);
        String oldToken = token(before, "local-fan", Role.USER, Duration.ofHours(1));
        String file = before.keySetFile().toString();
        assertThat(KeyTool.run(new String[] {"add", "dev-next", file}, System.out, System.err)).isZero();
        assertThat(KeyTool.run(new String[] {"activate", "dev-next", file}, System.out, System.err)).isZero();

        DevKeys after = DevKeys.loadOrCreate(root);
        String newToken = token(after, "local-fan", Role.USER, Duration.ofHours(1));

        assertThat(header(newToken).get("kid").asText()).isEqualTo("dev-next");
        assertThat(parser(after.jwksFile()).parse(oldToken).getSubject()).isEqualTo("local-fan");
        assertThat(parser(after.jwksFile()).parse(newToken).getSubject()).isEqualTo("local-fan");
        assertThatThrownBy(() -> parser(after.publicKeyFile()).parse(oldToken))
                .as("the PEM holds the active key only").isInstanceOf(ParseException.class);
    }

    @Test
    void a_key_directory_from_before_the_key_set_is_taken_over() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey legacy = generator.generateKeyPair().getPrivate();
        Files.writeString(root.resolve("private.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(legacy.getEncoded()) + "\n-----END PRIVATE KEY-----\n");

        DevKeys keys = DevKeys.loadOrCreate(root);

        assertThat(keys.keySet().activeKid()).isEqualTo(DevKeys.MIGRATED_KID);
        assertThat(keys.keySet().activePrivateKey().getEncoded()).isEqualTo(legacy.getEncoded());
        assertThat(root.resolve("private.pem")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.keySetFile())))
                .isEqualTo("rw-------");
    }

    @Test
    void a_broken_key_set_file_is_reported_by_path_without_its_content_and_loose_permissions_are_tightened()
            throws Exception {
        DevKeys keys = DevKeys.loadOrCreate(root);
        Path file = keys.keySetFile();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        DevKeys.loadOrCreate(root);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        String json = Files.readString(file);
        Files.writeString(file, json.substring(0, json.length() - 40));
        assertThatThrownBy(() -> DevKeys.loadOrCreate(root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(file + " is not a valid signing key set: the signing key set is not valid JSON")
                .hasNoCause()
                .message().doesNotContain("MII");
    }

    // ------------------------------------------------------------------------------------------------------

    static DefaultJWTParser parser(Path keyLocation) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(keyLocation.toUri().toString(), ISSUER);
        info.setExpectedAudience(Set.of(AUDIENCE));
        return new DefaultJWTParser(info);
    }

    static JsonNode header(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
    }

    static boolean verifies(String jwt, RSAPublicKey key) throws Exception {
        int lastDot = jwt.lastIndexOf('.');
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)));
    }
}
