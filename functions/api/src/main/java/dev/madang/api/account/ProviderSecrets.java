package dev.madang.api.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.config.Config;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Credentials for the providers (PortOne, Kakao, Naver). In AWS they are one Secrets Manager secret, a JSON object
 * ({@code {"portoneApiSecret":…,"kakaoClientSecret":…,"naverClientSecret":…}}) named by
 * {@code madang.providers.secret-id}, read once per function instance; locally and in tests there is no such secret
 * and each value comes from plain configuration instead. Never logged: a missing value names its key, not a value.
 */
final class ProviderSecrets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Config config;
    private final Optional<String> secretId;
    private final Supplier<SecretsManagerClient> secrets;
    private JsonNode loaded;

    ProviderSecrets(Config config, Optional<String> secretId, Supplier<SecretsManagerClient> secrets) {
        this.config = config;
        this.secretId = secretId.filter(s -> !s.isBlank());
        this.secrets = secrets;
    }

    /** The secret's {@code jsonKey}, or else the configuration property {@code property}. */
    synchronized String get(String jsonKey, String property) {
        if (secretId.isPresent()) {
            if (loaded == null) {
                String value = secrets.get().getSecretValue(r -> r.secretId(secretId.get())).secretString();
                try {
                    loaded = JSON.readTree(value);
                } catch (IOException e) {
                    throw new IllegalStateException("the provider secret is not a JSON object");
                }
            }
            JsonNode node = loaded.get(jsonKey);
            if (node == null || !node.isTextual() || node.asText().isBlank()) {
                throw new IllegalStateException("the provider secret has no " + jsonKey);
            }
            return node.asText();
        }
        return config.getOptionalValue(property, String.class).filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException(property + " is not configured"));
    }
}
