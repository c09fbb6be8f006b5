package dev.madang.api;

import dev.madang.aws.notification.DynamoNotificationLookups;
import dev.madang.aws.notification.NotificationWiring;
import dev.madang.aws.notification.SqsNotifications;
import dev.madang.aws.order.PaymentTaskWiring;
import dev.madang.aws.support.SqsBatches;
import dev.madang.aws.order.PaymentWorkflowTasks;
import dev.madang.aws.toss.TossPayments;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.PortOneSandbox;
import dev.madang.localstack.SqsEventSource;
import dev.madang.localstack.TossSandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the local stack, provisioned from template.yaml, and the providers' stand-ins (PortOne, Kakao, Naver), and
 * points the API at them: the signing keys and the verification JWKS of {@link TestTokens}, and provider secrets made
 * for this run (tests check that none of them ever reaches a log line).
 */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {

    static final String REDIRECT_URI = "https://app.madang.test/auth/callback";
    static final String PORTONE_SECRET = "portone-test-secret-" + UUID.randomUUID();
    static final String TOSS_SECRET = "test_sk_" + UUID.randomUUID().toString().replace("-", "");
    /** Short, so a test of a lost answer waits a second, not the production 15. */
    static final TossPayments.Settings TOSS_SETTINGS = new TossPayments.Settings(Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofMillis(100));

    static LocalAws aws;
    static PortOneSandbox portOne;
    static TossSandbox toss;
    static PaymentWorkflowTasks paymentTasks;

    /** The running stack and sandboxes, for tests outside this package (the browser tests in {@code web}). */
    public static LocalAws aws() {
        return aws;
    }

    public static PortOneSandbox portOne() {
        return portOne;
    }

    public static TossSandbox toss() {
        return toss;
    }

    @Override
    public Map<String, String> start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        portOne = PortOneSandbox.start(PORTONE_SECRET);
        Map<String, String> config = new HashMap<>(aws.apiEnvironment());
        config.put("mp.jwt.verify.publickey", TestTokens.KEYS.jwks());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("madang.auth.signing-keys", TestTokens.KEYS.toJson());
        config.put("madang.portone.base-url", portOne.baseUrl().toString());
        config.put("madang.portone.api-secret", PORTONE_SECRET);
        config.put("madang.social.redirect-uris", REDIRECT_URI);
        config.putAll(SocialSandboxes.start());
        toss = TossSandbox.start(TOSS_SECRET);
        config.put("madang.toss.base-url", toss.baseUrl().toString());
        config.put("madang.toss.secret-key", TOSS_SECRET);
        // the payment workflow's steps, served on the local Lambda endpoint the state machine invokes
        paymentTasks = paymentTasks(new TossPayments(toss.baseUrl(), TOSS_SECRET, TOSS_SETTINGS));
        paymentTasks.functions().forEach((name, fn) -> aws.lambdas().register(name, fn::apply));
        registerNotificationFunction();
        return config;
    }

    /** The payment tasks as the workers wire them. */
    static PaymentWorkflowTasks paymentTasks(PaymentGateway gateway) {
        return PaymentTaskWiring.tasks(aws.dynamo(), aws.sfn(), aws.sqs(), gateway, new PaymentTaskWiring.Tables(
                aws.tableName("CatalogTable"), aws.tableName("SeatsTable"), aws.tableName("OrdersTable")),
                aws.queueUrl("NotificationQueue"), Clock.systemUTC());
    }

    /**
     * The notification consumer as the workers wire it, on the local Lambda endpoint under its template name. Nothing
     * feeds it until a test starts {@link #deliverNotifications}: other tests read the notification queue themselves.
     */
    private static void registerNotificationFunction() {
        var delivering = NotificationWiring.delivering(aws.dynamo(), aws.ses(),
                aws.functionEnvironment("NotificationFunction").get("NOTIFICATION_SENDER"),
                new DynamoNotificationLookups.Tables(aws.tableName("AccountsTable"), aws.tableName("CatalogTable"),
                        aws.tableName("SeatsTable"), aws.tableName("OrdersTable")), Clock.systemUTC());
        aws.lambdas().register("NotificationFunction", SqsBatches.overJson(event -> SqsNotifications.handle(delivering,
                event))::apply);
    }

    /**
     * Starts delivering the notification queue (the template's event source mapping, with a short visibility timeout
     * so a failed message comes back within a second); the caller closes it when done.
     */
    public static SqsEventSource deliverNotifications() {
        return aws.sqsEventSource("NotificationFunction", Duration.ofSeconds(1));
    }

    @Override
    public void stop() {
        SocialSandboxes.stop();
        if (toss != null) {
            toss.close();
        }
        if (portOne != null) {
            portOne.close();
        }
        if (aws != null) {
            aws.close();
        }
    }
}
