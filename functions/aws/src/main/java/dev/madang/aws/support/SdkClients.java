package dev.madang.aws.support;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How every function builds its SDK clients: the region, the role's credentials (any keys when a local endpoint is
 * given: the local stack accepts them, and a developer's machine may have none), the light URL-connection HTTP client
 * with short timeouts (a Lambda has seconds, not minutes), and the local endpoint when there is one.
 */
public final class SdkClients {

    private SdkClients() {
    }

    public static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(
            B builder, String region, Optional<URI> endpoint) {
        builder.region(Region.of(region))
                .credentialsProvider(credentials(endpoint.isPresent()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * A client configured as every Quarkus function configures it: the region from {@code madang.aws.region}, the
     * local endpoint, if any, from {@code madang.aws.endpoint.<service>} (say {@code dynamodb}, {@code sfn},
     * {@code sqs}, {@code secretsmanager}). {@code config} answers a property's value, empty when unset or blank: the
     * api's and the workers' producers pass their MicroProfile Config, so both read the same keys the same way.
     */
    public static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C configured(
            B builder, String service, Function<String, Optional<String>> config) {
        String region = config.apply("madang.aws.region")
                .orElseThrow(() -> new IllegalStateException("madang.aws.region is not configured"));
        Optional<URI> endpoint = config.apply("madang.aws.endpoint." + service).filter(v -> !v.isBlank())
                .map(URI::create);
        return build(builder, region, endpoint);
    }

    private static AwsCredentialsProvider credentials(boolean local) {
        return local ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }
}
