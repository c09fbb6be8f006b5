package dev.madang.api;

import dev.madang.aws.order.RoundRefundWiring;
import dev.madang.aws.order.SqsRoundRefunds;
import dev.madang.aws.toss.TossPayments;
import dev.madang.domain.cancellation.CancellingRounds;
import dev.madang.localstack.TossSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.madang.api.TicketCancellationApiTest.PRICE;
import static dev.madang.api.TicketCancellationApiTest.as;
import static dev.madang.api.TicketCancellationApiTest.balanceAtPg;
import static dev.madang.api.TicketCancellationApiTest.toss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * An organiser cancels a whole round over HTTP: several fans' paid orders (bought through the real payment flow,
 * paid at the Toss sandbox) are refunded in full by the round refund queue's consumer, driven with the real queue's
 * messages (ElasticMQ) as the Lambda event source would: received, consumed, deleted when refunded, left to come back
 * after their visibility timeout when not. The PG fails the first refunds; every order still ends refunded, once.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class RoundCancellationApiTest {

    @BeforeEach
    void webhooksReachThisApi() {
        toss().webhookUrl(URI.create("http://localhost:" + RestAssured.port + "/v1/hooks/toss"));
    }

    /** A paid card order of seats {@code A-1-from} to {@code A-1-(from+seats-1)}. */
    static TicketCancellationApiTest.Paid buy(String fan, String round, int from, int seats) {
        List<String> seatIds = new ArrayList<>();
        for (int n = from; n < from + seats; n++) {
            seatIds.add("A-1-" + n);
        }
        String holdId = as(fan).body(Map.of("roundId", round, "seatIds", seatIds)).post("/v1/holds").then()
                .statusCode(201).extract().path("holdId");
        String orderId = as(fan).body(Map.of("holdId", holdId, "method", "CARD")).post("/v1/orders").then()
                .statusCode(201).extract().path("orderId");
        String paymentKey = toss().authorize(orderId, PRICE * seats, TossSandbox.PayMethod.CARD);
        List<String> tickets = as(fan).body(Map.of("paymentKey", paymentKey, "amount", PRICE * seats))
                .post("/v1/orders/" + orderId + "/payment").then().statusCode(200).body("status", equalTo("PAID"))
                .extract().path("tickets.ticketId");
        return new TicketCancellationApiTest.Paid(orderId, paymentKey, tickets);
    }

    static String path(String round) {
        return "/v1/admin/rounds/" + round + "/cancellation";
    }

    /** The consumer as RoundRefundFunction wires it, with the sandbox's short PG timeouts. */
    static CancellingRounds consumer() {
        return RoundRefundWiring.consumer(LocalAwsResource.aws.dynamo(), LocalAwsResource.aws.sqs(),
                new TossPayments(toss().baseUrl(), LocalAwsResource.TOSS_SECRET, LocalAwsResource.TOSS_SETTINGS),
                LocalAwsResource.aws.tableName("CatalogTable"), LocalAwsResource.aws.tableName("SeatsTable"),
                LocalAwsResource.aws.tableName("OrdersTable"), LocalAwsResource.aws.queueUrl("NotificationQueue"),
                Clock.systemUTC());
    }

    /** What draining the queue came to. */
    record Drain(int receives, int failures, int refunded) {
    }

    /**
     * The event source's loop over the real queue: receive (a one-second visibility timeout stands for the queue's
     * twelve minutes), consume, delete what succeeded; a failed message comes back, and after five receives the queue's
     * redrive policy moves it to the dead-letter queue. Until the queue is empty, at most a minute.
     */
    static Drain drain(CancellingRounds consumer) throws InterruptedException {
        String url = LocalAwsResource.aws.queueUrl("RoundRefundQueue");
        int receives = 0;
        int failures = 0;
        int refunded = 0;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            List<Message> batch = LocalAwsResource.aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(5)
                    .visibilityTimeout(1).waitTimeSeconds(1)).messages();
            if (batch.isEmpty()) {
                Map<QueueAttributeName, String> left = LocalAwsResource.aws.sqs().getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                if (left.values().stream().allMatch("0"::equals)) {
                    return new Drain(receives, failures, refunded);
                }
                Thread.sleep(300);
                continue;
            }
            receives += batch.size();
            List<String> failed = SqsRoundRefunds.consume(consumer, batch.stream()
                    .map(m -> new dev.madang.aws.support.SqsBatches.Message(m.messageId(), m.body())).toList());
            failures += failed.size();
            for (Message m : batch) {
                if (!failed.contains(m.messageId())) {
                    refunded++;
                    LocalAwsResource.aws.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
                }
            }
        }
        throw new AssertionError("the round refund queue did not drain in a minute");
    }

    @Test
    void every_paid_order_of_a_cancelled_round_is_refunded_in_full_once_though_the_pg_fails_the_first_refunds()
            throws Exception {
        String round = TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH);
        List<TicketCancellationApiTest.Paid> paid = List.of(buy("rc-fan-1", round, 1, 2), buy("rc-fan-2", round, 3, 1),
                buy("rc-fan-3", round, 4, 3));
        List<String> fans = List.of("rc-fan-1", "rc-fan-2", "rc-fan-3");
        long total = 6 * PRICE;

        // not cancelled yet: no progress to report
        CatalogApiTest.problem(CatalogApiTest.admin().get(path(round)).then(), 404);
        CatalogApiTest.admin().post(path(round)).then().statusCode(202).body("status", equalTo("REFUNDING"))
                .body("ordersAtCancellation", equalTo(3)).body("amountAtCancellation", equalTo((int) total))
                .body("orders", equalTo(3)).body("refunded", equalTo(0)).body("pending", equalTo(3))
                .body("amountRefunded", equalTo(0)).body("amountPending", equalTo((int) total));
        // cancelling twice is harmless: the same progress, no second round of messages
        CatalogApiTest.admin().post(path(round)).then().statusCode(202).body("ordersAtCancellation", equalTo(3))
                .body("pending", equalTo(3)).body("refunded", equalTo(0));

        // the PG fails the first two refunds (three tries each by the adapter); a stray message that is no order
        String url = LocalAwsResource.aws.queueUrl("RoundRefundQueue");
        LocalAwsResource.aws.sqs().sendMessage(r -> r.queueUrl(url)
                .messageBody("{\"roundId\":\"" + round + "\",\"orderId\":\"01HZZZZZZZZZZZZZZZZZZZZZZZ\"}"));
        int cancelsBefore = toss().effectCount(TossSandbox.Endpoint.CANCEL);
        toss().failNext(TossSandbox.Endpoint.CANCEL, 6, 500);
        CancellingRounds consumer = consumer();
        Drain drain = drain(consumer);
        int cancels = toss().effectCount(TossSandbox.Endpoint.CANCEL) - cancelsBefore;

        // a duplicate delivery of every order afterwards (SQS is at least once): nothing refunded again
        for (TicketCancellationApiTest.Paid p : paid) {
            LocalAwsResource.aws.sqs().sendMessage(r -> r.queueUrl(url)
                    .messageBody("{\"roundId\":\"" + round + "\",\"orderId\":\"" + p.orderId() + "\"}"));
        }
        Drain again = drain(consumer);
        int cancelsAfterDuplicates = toss().effectCount(TossSandbox.Endpoint.CANCEL) - cancelsBefore;
        String dlq = LocalAwsResource.aws.queueUrl("RoundRefundDeadLetterQueue");
        List<Message> dead = LocalAwsResource.aws.sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        List<Long> balances = paid.stream().map(p -> balanceAtPg(p.paymentKey())).toList();
        System.out.println("round cancellation: orders=" + paid.size() + " receives=" + drain.receives()
                + " failures=" + drain.failures() + " deleted=" + drain.refunded() + " pg_cancel_effects=" + cancels
                + " duplicate_receives=" + again.receives() + " pg_cancel_effects_after_duplicates="
                + cancelsAfterDuplicates + " balances_at_pg=" + balances + " dead_letters=" + dead.size());

        assertThat(drain.failures()).as("the PG's failures were retried").isGreaterThanOrEqualTo(2 + 5);
        assertThat(cancels).as("one PG cancel per order").isEqualTo(paid.size());
        assertThat(cancelsAfterDuplicates).as("duplicates refund nothing").isEqualTo(paid.size());
        assertThat(again.failures()).isZero();
        assertThat(balances).containsOnly(0L);
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).contains("01HZZZZZZZZZZZZZZZZZZZZZZZ"));
        for (int i = 0; i < paid.size(); i++) {
            as(fans.get(i)).get("/v1/orders/" + paid.get(i).orderId()).then().statusCode(200)
                    .body("status", equalTo("REFUNDED"))
                    .body("tickets.status", everyItem(equalTo("CANCELLED")));
        }
        CatalogApiTest.admin().get(path(round)).then().statusCode(200).body("status", equalTo("REFUNDED"))
                .body("orders", equalTo(3)).body("refunded", equalTo(3)).body("pending", equalTo(0))
                .body("amountRefunded", equalTo((int) total)).body("amountPending", equalTo(0));
        // the cancelled tickets are on the round's revocation list for the door
        TicketsApiTest.scanner(TicketsApiTest.scannerFor(round)).get("/v1/scanner/rounds/" + round + "/revocations")
                .then().statusCode(200).body("items", hasSize(6));
        // each fan is told, with ids only
        String notifications = LocalAwsResource.aws.queueUrl("NotificationQueue");
        List<String> told = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            LocalAwsResource.aws.sqs().receiveMessage(r -> r.queueUrl(notifications).maxNumberOfMessages(10)
                    .visibilityTimeout(0)).messages().stream().map(Message::body)
                    .filter(b -> b.contains("ROUND_CANCELLED_REFUNDED") && b.contains(round)).forEach(told::add);
        }
        for (TicketCancellationApiTest.Paid p : paid) {
            assertThat(told).as("a notice for " + p.orderId()).anyMatch(b -> b.contains(p.orderId()));
        }
    }

    @Test
    void refusals_are_problems_and_change_nothing() {
        String round = TicketCancellationApiTest.round(CatalogApiTest.NEXT_MONTH);
        TicketCancellationApiTest.Paid paid = buy("rc-owner", round, 1, 1);
        // a fan is not an admin: 403, and the round still sells
        CatalogApiTest.problem(as("rc-owner").post(path(round)).then(), 403);
        CatalogApiTest.problem(as("rc-owner").get(path(round)).then(), 403);
        io.restassured.RestAssured.given().post(path(round)).then().statusCode(401);
        CatalogApiTest.problem(CatalogApiTest.admin().post(path("01HZZZZZZZZZZZZZZZZZZZZZZZ")).then(), 404);
        CatalogApiTest.problem(CatalogApiTest.admin().get(path("01HZZZZZZZZZZZZZZZZZZZZZZZ")).then(), 404);
        CatalogApiTest.problem(CatalogApiTest.admin().post(path("not a round")).then(), 400);
        CatalogApiTest.problem(CatalogApiTest.admin().get(path(round)).then(), 404);
        assertThat(balanceAtPg(paid.paymentKey())).isEqualTo(PRICE);
        as("rc-owner").get("/v1/orders/" + paid.orderId()).then().body("status", equalTo("PAID"));
        as("rc-other").body(Map.of("roundId", round, "seatIds", List.of("A-1-2"))).post("/v1/holds").then()
                .statusCode(201);
    }
}
