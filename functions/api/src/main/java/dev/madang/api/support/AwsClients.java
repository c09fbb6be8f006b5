package dev.madang.api.support;

import dev.madang.aws.support.SdkClients;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/**
 * SDK clients built once per function instance (outside the handler, so SnapStart snapshots them) from configuration,
 * so that tests and the local runner point them at the local stack instead of AWS ({@link SdkClients#configured} reads
 * the same keys for the workers).
 */
@ApplicationScoped
public class AwsClients {

    @Produces
    @Singleton
    DynamoDbClient dynamo(Config config) {
        return SdkClients.configured(DynamoDbClient.builder(), "dynamodb",
                name -> config.getOptionalValue(name, String.class));
    }

    /** Only functions that read a secret (signing keys, provider credentials) ever build this client. */
    @Produces
    @Singleton
    SecretsManagerClient secretsManager(Config config) {
        return SdkClients.configured(SecretsManagerClient.builder(), "secretsmanager",
                name -> config.getOptionalValue(name, String.class));
    }

    /** The payment workflow: orders start it, payments and webhooks answer its waits. */
    @Produces
    @Singleton
    SfnClient stepFunctions(Config config) {
        return SdkClients.configured(SfnClient.builder(), "sfn", name -> config.getOptionalValue(name, String.class));
    }

    /** Only the round cancellation sends messages (its refund queue). */
    @Produces
    @Singleton
    SqsClient sqs(Config config) {
        return SdkClients.configured(SqsClient.builder(), "sqs", name -> config.getOptionalValue(name, String.class));
    }

    /** Only the round scheduling announces on the catalog bus. */
    @Produces
    @Singleton
    EventBridgeClient eventBridge(Config config) {
        return SdkClients.configured(EventBridgeClient.builder(), "events",
                name -> config.getOptionalValue(name, String.class));
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
