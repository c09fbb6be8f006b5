package dev.madang.api.support;

import dev.madang.aws.support.SdkClients;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.net.URI;
import java.time.Clock;
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
        return SdkClients.build(DynamoDbClient.builder(), region, endpoint);
    }

    /** Only functions that read a secret (signing keys, provider credentials) ever build this client. */
    @Produces
    @Singleton
    SecretsManagerClient secretsManager(@ConfigProperty(name = "madang.aws.region") String region,
                                        @ConfigProperty(name = "madang.aws.endpoint.secretsmanager") Optional<URI> endpoint) {
        return SdkClients.build(SecretsManagerClient.builder(), region, endpoint);
    }

    /** The payment workflow: orders start it, payments and webhooks answer its waits. */
    @Produces
    @Singleton
    SfnClient stepFunctions(@ConfigProperty(name = "madang.aws.region") String region,
                            @ConfigProperty(name = "madang.aws.endpoint.sfn") Optional<URI> endpoint) {
        return SdkClients.build(SfnClient.builder(), region, endpoint);
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
