package dev.madang.api;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.order.PaymentWorkflowTasks;
import dev.madang.aws.order.SqsBookingNotifications;
import dev.madang.aws.order.StepFunctionsPaymentWorkflows;
import dev.madang.aws.order.TicketCancellationWiring;
import dev.madang.aws.toss.TossPayments;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.order.ClosingOrders;
import dev.madang.domain.order.ConfirmingBookings;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.OrderLifecycle;
import dev.madang.domain.order.Refunds;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.PortOneSandbox;
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
        return config;
    }

    /**
     * The payment tasks wired as the workers' {@code PaymentWiring} wires them. Written out here because the api
     * module cannot have the workers artifact on its classpath (two Quarkus applications would meet in one test).
     */
    static PaymentWorkflowTasks paymentTasks(PaymentGateway gateway) {
        DynamoCatalog catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"),
                aws.tableName("SeatsTable"));
        DynamoBooking booking = new DynamoBooking(aws.dynamo(), aws.tableName("SeatsTable"));
        DynamoOrders orders = new DynamoOrders(aws.dynamo(), aws.tableName("OrdersTable"));
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), Clock.systemUTC(),
                Duration.ofSeconds(10), Runnable::run);
        ClosingOrders closing = new ClosingOrders(orders, new Refunds(gateway, new OrderLifecycle(orders)),
                booking.seatClaims(), booking.holdLedgers(), cached);
        return new PaymentWorkflowTasks(new ConfirmingBookings(orders, gateway, booking.seatClaims(),
                booking.holdLedgers(), cached, catalog.performances(),
                StepFunctionsPaymentWorkflows.answeringOnly(aws.sfn()),
                new SqsBookingNotifications(aws.sqs(), aws.queueUrl("NotificationQueue")), closing, Clock.systemUTC()),
                new ExpiringUnpaidOrders(orders, closing, Clock.systemUTC()),
                TicketCancellationWiring.cancelling(aws.dynamo(), aws.tableName("OrdersTable"),
                        aws.tableName("SeatsTable"), orders, cached, TicketCancellationWiring.standardPolicy(), gateway,
                        Clock.systemUTC()));
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
