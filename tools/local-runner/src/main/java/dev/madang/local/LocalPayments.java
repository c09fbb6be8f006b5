package dev.madang.local;

import dev.madang.aws.order.PaymentWorkflowTasks;
import dev.madang.aws.order.RoundRefundWiring;
import dev.madang.aws.order.SqsRoundRefunds;
import dev.madang.aws.support.SqsBatches;
import dev.madang.domain.cancellation.CancellingRounds;
import dev.madang.aws.toss.TossPayments;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.TossSandbox;
import dev.madang.aws.order.PaymentTaskWiring;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Payments for the local runner: the Toss sandbox as the PG (its webhooks posted to the local API), and the payment
 * workflow's steps served on the local Lambda endpoint that the state machine invokes, wired as the deployed workers
 * are, and a cancelled round's refunds served for the SQS event source stand-in. A developer pays with the sandbox's checkout page or {@code POST /sandbox/payments} (README, "Payments").
 */
final class LocalPayments implements AutoCloseable {

    private final TossSandbox toss;
    private final String secretKey;
    private final PaymentWorkflowTasks tasks;

    private LocalPayments(LocalAws aws, String apiBase) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.secretKey = "test_sk_local_" + HexFormat.of().formatHex(random);
        this.toss = TossSandbox.start(secretKey);
        toss.webhookUrl(URI.create(apiBase + "/v1/hooks/toss"));
        this.tasks = PaymentTaskWiring.tasks(aws.dynamo(), aws.sfn(), aws.sqs(), new TossPayments(toss.baseUrl(), secretKey),
                new PaymentTaskWiring.Tables(aws.tableName("CatalogTable"), aws.tableName("SeatsTable"),
                        aws.tableName("OrdersTable")), aws.queueUrl("NotificationQueue"), Clock.systemUTC());
        tasks.functions().forEach((name, fn) -> aws.lambdas().register(name, fn::apply));
        // a cancelled round's refunds, as RoundRefundFunction consumes them
        CancellingRounds rounds = RoundRefundWiring.consumer(aws.dynamo(), aws.sqs(),
                new TossPayments(toss.baseUrl(), secretKey), aws.tableName("CatalogTable"), aws.tableName("SeatsTable"),
                aws.tableName("OrdersTable"), aws.queueUrl("NotificationQueue"), Clock.systemUTC());
        aws.lambdas().register("RoundRefundFunction", SqsBatches.overJson(event -> SqsRoundRefunds.handle(rounds,
                event))::apply);
    }

    static LocalPayments start(LocalAws aws, String apiBase) {
        return new LocalPayments(aws, apiBase);
    }

    /** The Toss secret for the providers secret ({@code tossSecretKey}). */
    String secretKey() {
        return secretKey;
    }

    /** What the API process needs for payments on top of {@link LocalAws#apiEnvironment()}. */
    Map<String, String> apiEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TOSS_BASE_URL", toss.baseUrl().toString());
        return env;
    }

    URI tossUrl() {
        return toss.baseUrl();
    }

    /** The unpaid-expiry sweep, as the template's schedule runs it once a minute. */
    void sweep() {
        tasks.run(PaymentWorkflowTasks.Task.EXPIRE_UNPAID_ORDERS, Map.of());
    }

    @Override
    public void close() {
        toss.close();
    }
}
