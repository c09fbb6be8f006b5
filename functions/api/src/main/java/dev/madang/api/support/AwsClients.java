package dev.madang.api.support;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * SDK clients built once per function instance (outside the handler, so SnapStart snapshots them) from configuration,
 * so that tests and the local runner point them at the local stack instead of AWS.
 */
@ApplicationScoped
public class AwsClients {

    @Produces
    @Singleton
    DynamoDbClient dynamo(@ConfigProperty(name = "madang.aws.region") String region,
                          @ConfigProperty(name = "madang.aws.endpoint.dynamodb") Optional<URI> endpoint) {
        return configured(DynamoDbClient.builder(), region, endpoint);
    }

    /** Only functions that read a secret (signing keys, provider credentials) ever build this client. */
    @Produces
    @Singleton
    SecretsManagerClient secretsManager(@ConfigProperty(name = "madang.aws.region") String region,
                                        @ConfigProperty(name = "madang.aws.endpoint.secretsmanager") Optional<URI> endpoint) {
        return configured(SecretsManagerClient.builder(), region, endpoint);
    }

    /** Region, credentials, a small HTTP client with short timeouts, and the local endpoint when there is one. */
    private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C configured(
            B builder, String region, Optional<URI> endpoint) {
        builder.region(Region.of(region))
                .credentialsProvider(credentials(endpoint.isPresent()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** In Lambda the role's keys come from the environment; a local endpoint accepts any keys. */
    private static AwsCredentialsProvider credentials(boolean local) {
        return local ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }
}
