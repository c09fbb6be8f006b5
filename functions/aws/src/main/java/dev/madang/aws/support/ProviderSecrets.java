package dev.madang.aws.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Credentials for the providers (PortOne, Kakao, Naver, Toss). In AWS they are one Secrets Manager secret, a JSON
 * object ({@code {"portoneApiSecret":…,"kakaoClientSecret":…,"naverClientSecret":…,"tossSecretKey":…}}) named by
 * {@code madang.providers.secret-id}, read once per function instance; locally and in tests there may be no such
 * secret and each value comes from plain configuration instead. Never logged: a missing value names its key, not a
 * value.
 */
public final class ProviderSecrets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, Optional<String>> config;
    private final Optional<String> secretId;
    private final Supplier<SecretsManagerClient> secrets;
    private JsonNode loaded;

    /** {@code config} looks a configuration property up by name. */
    public ProviderSecrets(Function<String, Optional<String>> config, Optional<String> secretId,
                           Supplier<SecretsManagerClient> secrets) {
        this.config = config;
        this.secretId = secretId.filter(s -> !s.isBlank());
        this.secrets = secrets;
    }

    /** The secret's {@code jsonKey}, or else the configuration property {@code property}. */
    public synchronized String get(String jsonKey, String property) {
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
        return config.apply(property).filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException(property + " is not configured"));
    }
}
