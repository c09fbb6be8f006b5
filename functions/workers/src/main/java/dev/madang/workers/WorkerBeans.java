package dev.madang.workers;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.PaymentSteps;
import dev.madang.aws.support.ProviderSecrets;
import dev.madang.aws.support.SdkClients;
import dev.madang.aws.toss.TossPayments;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Wires worker use cases to their adapters from the environment template.yaml gives each function. */
@ApplicationScoped
public class WorkerBeans {

    @Produces
    @Singleton
    DynamoDbClient dynamo(@ConfigProperty(name = "madang.aws.region") String region,
                          @ConfigProperty(name = "madang.aws.endpoint.dynamodb") Optional<URI> endpoint) {
        return SdkClients.build(DynamoDbClient.builder(), region, endpoint);
    }

    @Produces
    @Singleton
    SfnClient stepFunctions(@ConfigProperty(name = "madang.aws.region") String region,
                            @ConfigProperty(name = "madang.aws.endpoint.sfn") Optional<URI> endpoint) {
        return SdkClients.build(SfnClient.builder(), region, endpoint);
    }

    @Produces
    @Singleton
    SqsClient sqs(@ConfigProperty(name = "madang.aws.region") String region,
                  @ConfigProperty(name = "madang.aws.endpoint.sqs") Optional<URI> endpoint) {
        return SdkClients.build(SqsClient.builder(), region, endpoint);
    }

    @Produces
    @Singleton
    SecretsManagerClient secretsManager(@ConfigProperty(name = "madang.aws.region") String region,
                                        @ConfigProperty(name = "madang.aws.endpoint.secretsmanager") Optional<URI> endpoint) {
        return SdkClients.build(SecretsManagerClient.builder(), region, endpoint);
    }

    /** The payment steps, wired to the orders and seats tables, Toss, the workflow and the notification queue. */
    @Produces
    @Singleton
    PaymentSteps paymentSteps(DynamoDbClient dynamo, SfnClient sfn, SqsClient sqs, Config config,
                              Instance<SecretsManagerClient> secrets,
                              @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                              @ConfigProperty(name = "madang.tables.seats") String seatsTable,
                              @ConfigProperty(name = "madang.tables.orders") String ordersTable,
                              @ConfigProperty(name = "madang.notification.queue-url") String queueUrl,
                              @ConfigProperty(name = "madang.toss.base-url") URI tossBaseUrl,
                              @ConfigProperty(name = "madang.providers.secret-id") Optional<String> secretId) {
        ProviderSecrets providerSecrets = new ProviderSecrets(name -> config.getOptionalValue(name, String.class),
                secretId, secrets::get);
        return new PaymentSteps(dynamo, sfn, sqs,
                new TossPayments(tossBaseUrl, providerSecrets.get("tossSecretKey", "madang.toss.secret-key")),
                Map.of("CatalogTable", catalogTable, "SeatsTable", seatsTable, "OrdersTable", ordersTable),
                queueUrl, Clock.systemUTC());
    }

    @Produces
    @Singleton
    RefreshingSeatMaps refreshing(DynamoDbClient dynamo,
                                  @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                                  @ConfigProperty(name = "madang.tables.seats") String seatsTable) {
        DynamoCatalog c = new DynamoCatalog(dynamo, catalogTable, seatsTable);
        return new RefreshingSeatMaps(c.performances(), c.rounds(), c.venues(), c.seatInventory(),
                c.seatMapSnapshots(), Clock.systemUTC());
    }
}
