package dev.madang.workers;

import dev.madang.aws.metrics.EmbeddedMetricFormat;
import dev.madang.aws.order.PaymentTaskWiring;
import dev.madang.aws.lottery.LotteryWorkflowTasks;
import dev.madang.aws.order.PaymentWorkflowTasks;
import dev.madang.aws.support.ProviderSecrets;
import dev.madang.aws.support.SdkClients;
import dev.madang.aws.order.RoundRefundWiring;
import dev.madang.aws.toss.TossPayments;
import dev.madang.aws.notification.DynamoNotificationLookups;
import dev.madang.aws.notification.NotificationWiring;
import dev.madang.domain.cancellation.CancellingRounds;
import dev.madang.domain.common.BusinessMetrics;
import dev.madang.domain.notification.DeliveringNotifications;
import dev.madang.aws.alerts.CatalogAnnouncements;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import dev.madang.aws.pricing.TimeSaleWiring;
import dev.madang.domain.pricing.RunningTimeSales;
import dev.madang.domain.recommendation.ComputingRecommendations;
import dev.madang.domain.release.DawnRelease;
import dev.madang.domain.reconciliation.ReconcilingPayments;
import dev.madang.aws.order.DynamoReconciliations;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/** Wires worker use cases to their adapters from the environment template.yaml gives each function. */
@ApplicationScoped
public class WorkerBeans {

    /** Business metrics as CloudWatch Embedded Metric Format lines on stdout (docs/operations.md, "Metrics"). */
    void emitMetrics(@Observes StartupEvent start) {
        BusinessMetrics.install(EmbeddedMetricFormat.onStdout());
    }

    @Produces
    @Singleton
    DynamoDbClient dynamo(Config config) {
        return SdkClients.configured(DynamoDbClient.builder(), "dynamodb",
                name -> config.getOptionalValue(name, String.class));
    }

    @Produces
    @Singleton
    SfnClient stepFunctions(Config config) {
        return SdkClients.configured(SfnClient.builder(), "sfn", name -> config.getOptionalValue(name, String.class));
    }

    @Produces
    @Singleton
    SqsClient sqs(Config config) {
        return SdkClients.configured(SqsClient.builder(), "sqs", name -> config.getOptionalValue(name, String.class));
    }

    @Produces
    @Singleton
    SecretsManagerClient secretsManager(Config config) {
        return SdkClients.configured(SecretsManagerClient.builder(), "secretsmanager",
                name -> config.getOptionalValue(name, String.class));
    }

    /** The payment tasks, wired to the catalog, seats and orders tables, Toss, the workflow and the notification queue. */
    @Produces
    @Singleton
    PaymentWorkflowTasks paymentTasks(DynamoDbClient dynamo, SfnClient sfn, SqsClient sqs, Config config,
                                      Instance<SecretsManagerClient> secrets,
                                      @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                                      @ConfigProperty(name = "madang.tables.seats") String seatsTable,
                                      @ConfigProperty(name = "madang.tables.orders") String ordersTable,
                                      @ConfigProperty(name = "madang.notification.queue-url") String queueUrl,
                                      @ConfigProperty(name = "madang.toss.base-url") URI tossBaseUrl,
                                      @ConfigProperty(name = "madang.providers.secret-id") Optional<String> secretId) {
        ProviderSecrets providerSecrets = new ProviderSecrets(name -> config.getOptionalValue(name, String.class),
                secretId, secrets::get);
        return PaymentTaskWiring.tasks(dynamo, sfn, sqs,
                new TossPayments(tossBaseUrl, providerSecrets.get("tossSecretKey", "madang.toss.secret-key")),
                new PaymentTaskWiring.Tables(catalogTable, seatsTable, ordersTable), queueUrl, Clock.systemUTC());
    }

    /** The daily reconciliation: Toss's transaction ledger against the orders table (read, and the day's report). */
    @Produces
    @Singleton
    ReconcilingPayments reconciling(DynamoDbClient dynamo, Config config, Instance<SecretsManagerClient> secrets,
                                    @ConfigProperty(name = "madang.tables.orders") String ordersTable,
                                    @ConfigProperty(name = "madang.toss.base-url") URI tossBaseUrl,
                                    @ConfigProperty(name = "madang.providers.secret-id") Optional<String> secretId) {
        ProviderSecrets providerSecrets = new ProviderSecrets(name -> config.getOptionalValue(name, String.class),
                secretId, secrets::get);
        return new ReconcilingPayments(new TossPayments(tossBaseUrl,
                providerSecrets.get("tossSecretKey", "madang.toss.secret-key")),
                new DynamoReconciliations(dynamo, ordersTable), Clock.systemUTC());
    }

    /** The lottery tasks, wired to the catalog, seats, orders and lottery tables, Step Functions and the queue. */
    @Produces
    @Singleton
    LotteryWorkflowTasks lotteryTasks(DynamoDbClient dynamo, SfnClient sfn, SqsClient sqs,
                                      @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                                      @ConfigProperty(name = "madang.tables.seats") String seatsTable,
                                      @ConfigProperty(name = "madang.tables.orders") String ordersTable,
                                      @ConfigProperty(name = "madang.tables.lottery") String lotteryTable,
                                      @ConfigProperty(name = "madang.notification.queue-url") String queueUrl) {
        return LotteryWiring.tasks(dynamo, new LotteryWiring.Messaging(sfn, sqs, queueUrl),
                new LotteryWiring.Tables(catalogTable, seatsTable, ordersTable, lotteryTable), Clock.systemUTC());
    }

    /** A cancelled round's refunds: the orders table, Toss, and the fans told on the notification queue. */
    @Produces
    @Singleton
    CancellingRounds roundRefunds(DynamoDbClient dynamo, SqsClient sqs, Config config,
                                  Instance<SecretsManagerClient> secrets,
                                  @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                                  @ConfigProperty(name = "madang.tables.seats") String seatsTable,
                                  @ConfigProperty(name = "madang.tables.orders") String ordersTable,
                                  @ConfigProperty(name = "madang.notification.queue-url") String queueUrl,
                                  @ConfigProperty(name = "madang.toss.base-url") URI tossBaseUrl,
                                  @ConfigProperty(name = "madang.providers.secret-id") Optional<String> secretId) {
        ProviderSecrets providerSecrets = new ProviderSecrets(name -> config.getOptionalValue(name, String.class),
                secretId, secrets::get);
        return RoundRefundWiring.consumer(dynamo, sqs,
                new TossPayments(tossBaseUrl, providerSecrets.get("tossSecretKey", "madang.toss.secret-key")),
                catalogTable, seatsTable, ordersTable, queueUrl, Clock.systemUTC());
    }

    @Produces
    @Singleton
    SesV2Client ses(Config config) {
        return SdkClients.configured(SesV2Client.builder(), "sesv2", name -> config.getOptionalValue(name, String.class));
    }

    /** The notification consumer: the inbox beside the accounts, titles from the catalog and orders, SES. */
    @Produces
    @Singleton
    DeliveringNotifications delivering(DynamoDbClient dynamo, SesV2Client ses,
                                       @ConfigProperty(name = "madang.notification.sender") String sender,
                                       @ConfigProperty(name = "madang.tables.accounts") String accountsTable,
                                       @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                                       @ConfigProperty(name = "madang.tables.seats") String seatsTable,
                                       @ConfigProperty(name = "madang.tables.orders") String ordersTable) {
        return NotificationWiring.delivering(dynamo, ses, sender, new DynamoNotificationLookups.Tables(accountsTable,
                catalogTable, seatsTable, ordersTable), Clock.systemUTC());
    }

    /** The dawn release over the seats table's pools and night records, deciding with a cryptographic random source. */
    @Produces
    @Singleton
    DawnRelease dawnRelease(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.seats") String seatsTable) {
        return ReleaseWiring.dawnRelease(dynamo, seatsTable, Clock.systemUTC());
    }

    /** The refresher, its snapshots watched for seats that came back (the waitlists, docs/waitlist.md). */
    @Produces
    @Singleton
    RefreshingSeatMaps refreshing(DynamoDbClient dynamo, SqsClient sqs,
                                  @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                                  @ConfigProperty(name = "madang.tables.seats") String seatsTable,
                                  @ConfigProperty(name = "madang.tables.alerts") String alertsTable,
                                  @ConfigProperty(name = "madang.notification.queue-url") String queueUrl) {
        return AlertWiring.refreshing(dynamo, sqs, new AlertWiring.Tables(catalogTable, seatsTable, alertsTable),
                queueUrl, Clock.systemUTC());
    }

    /** Genre alerts: a genre's followers (alerts table), told on the notification queue. */
    @Produces
    @Singleton
    CatalogAnnouncements genreAlerts(DynamoDbClient dynamo, SqsClient sqs,
                                      @ConfigProperty(name = "madang.tables.alerts") String alertsTable,
                                      @ConfigProperty(name = "madang.notification.queue-url") String queueUrl) {
        return AlertWiring.genreAlerts(dynamo, sqs, alertsTable, queueUrl);
    }

    /** The recommendation job (docs/recommendations.md). */
    @Produces
    @Singleton
    ComputingRecommendations recommendations(DynamoDbClient dynamo,
                                             @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                                             @ConfigProperty(name = "madang.tables.seats") String seatsTable,
                                             @ConfigProperty(name = "madang.tables.orders") String ordersTable,
                                             @ConfigProperty(name = "madang.tables.alerts") String alertsTable) {
        return RecommendationWiring.computing(dynamo, new RecommendationWiring.Tables(catalogTable, seatsTable,
                ordersTable, alertsTable), Clock.systemUTC());
    }

    /** The time-sale job (docs/commerce.md "Time sales"). */
    @Produces
    @Singleton
    RunningTimeSales timeSales(DynamoDbClient dynamo,
                               @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                               @ConfigProperty(name = "madang.tables.seats") String seatsTable) {
        return TimeSaleWiring.running(dynamo, catalogTable, seatsTable, Clock.systemUTC());
    }
}
