package dev.madang.aws.account.token;

import dev.madang.aws.support.MovableClock;
import dev.madang.domain.account.Role;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.SecretsManagerStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The signing keys read from Secrets Manager with the real SDK client over HTTP, against the local stand-in: the
 * operator's rotation steps arrive as new secret versions.
 */
class SecretsManagerSigningKeysTest {

    static final String SECRET = "madang/access-token-signing-keys";
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    static SecretsManagerStandIn standIn;
    static SecretsManagerClient client;
    static SigningKeySet k1;
    static SigningKeySet published;
    static SigningKeySet activated;

    final MovableClock clock = new MovableClock();

    @BeforeAll
    static void start() {
        standIn = SecretsManagerStandIn.start();
        client = SecretsManagerSigningKeys.client(LocalAws.REGION, standIn.endpoint());
        k1 = SigningKeySet.generate("2026-11-k1");
        published = k1.withNewKey("2026-12-k1");
        activated = published.activate("2026-12-k1");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (standIn != null) {
            standIn.close();
        }
    }

    @BeforeEach
    void forget() {
        standIn.reset();
    }

    SecretsManagerSigningKeys keys() {
        return new SecretsManagerSigningKeys(client, SECRET, MAX_AGE, clock);
    }

    @Test
    void loads_the_set_the_operator_stored_and_signs_with_its_active_key() throws Exception {
        client.createSecret(r -> r.name(SECRET).secretString(published.toJson()));

        SigningKeySet loaded = keys().load();

        assertThat(loaded).isEqualTo(published);
        assertThat(loaded.activeKid()).isEqualTo("2026-11-k1");
        assertThat(loaded.jwks()).isEqualTo(published.jwks());
        String token = loaded.activeSigner("https://auth.madang.dev", "madang-api", clock)
                .issue("01JDFAN", Set.of(Role.USER)).value();
        assertThat(SigningKeySetTest.kidOf(token)).isEqualTo("2026-11-k1");
        assertThat(SigningKeySetTest.verifiesJwt(token, published.publicKeys().get("2026-11-k1"))).isTrue();
    }

    @Test
    void the_factory_built_client_reads_by_arn_too_and_is_closed_with_it() {
        String arn = client.createSecret(r -> r.name(SECRET).secretString(k1.toJson())).arn();

        try (SecretsManagerSigningKeys keys = SecretsManagerSigningKeys.create(LocalAws.REGION, standIn.endpoint(),
                arn)) {
            assertThat(keys.current()).isEqualTo(k1);
            assertThat(keys.secretId()).isEqualTo(arn);
        }
        assertThat(client.getSecretValue(r -> r.secretId(SECRET)).secretString())
                .as("closing the one built by create() left the caller's client open").isEqualTo(k1.toJson());
    }

    @Test
    void current_reads_again_only_after_the_reload_interval_and_then_sees_the_next_rotation_step() {
        client.createSecret(r -> r.name(SECRET).secretString(published.toJson()));
        SecretsManagerSigningKeys keys = keys();

        assertThat(keys.current().activeKid()).isEqualTo("2026-11-k1");
        int afterFirst = standIn.requestCount();
        client.putSecretValue(r -> r.secretId(SECRET).secretString(activated.toJson())); // step 2 by the operator
        int afterPut = standIn.requestCount();

        clock.advance(MAX_AGE.minusSeconds(1));
        assertThat(keys.current().activeKid()).as("within the interval the held copy serves").isEqualTo("2026-11-k1");
        assertThat(standIn.requestCount()).isEqualTo(afterPut);

        clock.advance(Duration.ofSeconds(1));
        SigningKeySet reloaded = keys.current();
        assertThat(reloaded.activeKid()).isEqualTo("2026-12-k1");
        assertThat(reloaded.publicKeys()).containsOnlyKeys("2026-11-k1", "2026-12-k1");
        assertThat(standIn.requestCount()).isEqualTo(afterPut + 1);
        assertThat(afterPut).isEqualTo(afterFirst + 1);
    }

    @Test
    void an_unreadable_secret_keeps_the_held_copy_serving_and_does_not_retry_on_every_call() {
        client.createSecret(r -> r.name(SECRET).secretString(k1.toJson()));
        SecretsManagerSigningKeys keys = keys();
        assertThat(keys.current()).isEqualTo(k1);

        standIn.reset(); // the secret is gone: every read now fails
        clock.advance(MAX_AGE);
        assertThat(keys.current()).as("the held copy keeps signing").isEqualTo(k1);
        assertThat(standIn.requestCount()).as("one failed attempt").isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(keys.current()).isEqualTo(k1);
        assertThat(standIn.requestCount()).as("no new attempt within the interval after a failure").isEqualTo(1);

        assertThatThrownBy(keys::load)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("could not read the signing keys' secret '" + SECRET + "'")
                .hasCauseInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void without_a_held_copy_a_missing_secret_fails_loudly() {
        assertThatThrownBy(() -> keys().current())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SECRET)
                .hasCauseInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void a_malformed_secret_is_reported_with_its_version_and_no_key_material() {
        String json = published.toJson();
        String broken = json.replace("\"activeKid\":\"2026-11-k1\"", "\"activeKid\":\"2027-01-k1\"");
        String version = client.createSecret(r -> r.name(SECRET).secretString(broken)).versionId();

        Throwable thrown = catchThrowable(() -> keys().load());

        assertThat(thrown).isInstanceOf(IllegalStateException.class)
                .hasMessage("the signing keys' secret '" + SECRET + "' (version " + version + ") is not a valid key "
                        + "set: activeKid '2027-01-k1' is none of the keys' kids [2026-11-k1, 2026-12-k1]")
                .hasNoCause();
        assertThat(thrown.getMessage()).doesNotContain("MII").doesNotContain("PRIVATE KEY");
    }

    @Test
    void a_binary_secret_is_refused() {
        client.createSecret(r -> r.name(SECRET).secretBinary(SdkBytes.fromUtf8String(k1.toJson())));

        assertThatThrownBy(() -> keys().load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no SecretString")
                .hasNoCause();
    }

    @Test
    void to_string_names_the_secret_only() {
        client.createSecret(r -> r.name(SECRET).secretString(k1.toJson()));
        SecretsManagerSigningKeys keys = keys();
        keys.load();

        assertThat(keys.toString()).isEqualTo("SecretsManagerSigningKeys[" + SECRET + ", maxAge PT5M]");
    }
}
