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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

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
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(endpoint.isPresent()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Only functions that read a secret (signing keys, provider credentials) ever build this client. */
    @Produces
    @Singleton
    SecretsManagerClient secretsManager(@ConfigProperty(name = "madang.aws.region") String region,
                                        @ConfigProperty(name = "madang.aws.endpoint.secretsmanager") Optional<URI> endpoint) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .region(Region.of(region))
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
