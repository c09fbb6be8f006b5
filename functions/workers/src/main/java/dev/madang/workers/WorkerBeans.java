package dev.madang.workers;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.order.SqsBookingNotifications;
import dev.madang.aws.order.StepFunctionsPaymentWorkflows;
import dev.madang.aws.support.ProviderSecrets;
import dev.madang.aws.support.SdkClients;
import dev.madang.aws.toss.TossPayments;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.PaymentTasks;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.Config;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import java.time.Duration;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Clock;
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
    PaymentTasks paymentTasks(DynamoDbClient dynamo, SfnClient sfn, SqsClient sqs, Config config,
                              Instance<SecretsManagerClient> secrets,
                              @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                              @ConfigProperty(name = "madang.tables.seats") String seatsTable,
                              @ConfigProperty(name = "madang.tables.orders") String ordersTable,
                              @ConfigProperty(name = "madang.payment.state-machine-arn") String stateMachineArn,
                              @ConfigProperty(name = "madang.notification.queue-url") String queueUrl,
                              @ConfigProperty(name = "madang.toss.base-url") URI tossBaseUrl,
                              @ConfigProperty(name = "madang.providers.secret-id") Optional<String> secretId) {
        DynamoCatalog catalog = new DynamoCatalog(dynamo, catalogTable, seatsTable);
        DynamoBooking booking = new DynamoBooking(dynamo, seatsTable);
        ProviderSecrets providerSecrets = new ProviderSecrets(name -> config.getOptionalValue(name, String.class),
                secretId, secrets::get);
        Clock clock = Clock.systemUTC();
        return new PaymentTasks(new DynamoOrders(dynamo, ordersTable),
                new TossPayments(tossBaseUrl, providerSecrets.get("tossSecretKey", "madang.toss.secret-key")),
                booking.seatClaims(), booking.holdLedgers(),
                new CachedCatalog(catalog.rounds(), catalog.venues(), clock, Duration.ofSeconds(10), Runnable::run),
                catalog.performances(), new StepFunctionsPaymentWorkflows(sfn, stateMachineArn),
                new SqsBookingNotifications(sqs, queueUrl), clock);
    }

    @Produces
    @Singleton
    ExpiringUnpaidOrders expiring(PaymentTasks tasks, DynamoDbClient dynamo,
                                  @ConfigProperty(name = "madang.tables.orders") String ordersTable) {
        return new ExpiringUnpaidOrders(new DynamoOrders(dynamo, ordersTable), tasks, Clock.systemUTC());
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
