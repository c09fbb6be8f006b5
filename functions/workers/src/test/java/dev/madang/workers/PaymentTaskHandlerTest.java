package dev.madang.workers;

import dev.madang.aws.order.PaymentWorkflowTasks;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment handler ({@link PaymentTaskHandler}), as each payment function configures it, given the event the state machine or the schedule sends
 * (src/test/resources/events), on DynamoDB, SQS and the Toss sandbox: what it answers and what it leaves stored.
 */
class PaymentTaskHandlerTest extends WorkerFixture {

    @Test
    void aCardOrderGoesFromAwaitPaymentToNotifyBooking() {
        Round round = roundOnSale(4);
        String fan = fan();
        Order order = cardOrder(fan, round, "A-1-1", "A-1-2");
        PaymentWorkflowTasks tasks = paymentTasks(Clock.systemUTC());

        var await = new PaymentTaskHandler(tasks, "awaitPayment");
        Map<String, Object> awaitEvent = event("await-payment.json", order.id());
        assertThat(await.handleRequest(awaitEvent, null)).isEqualTo(Map.of("waiting", true));
        assertThat(orders.taskToken(order.id(), "PAYMENT")).contains((String) awaitEvent.get("taskToken"));
        assertThat(stored(order.id()).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);

        assertThat(paid(fan, order).status()).isEqualTo(OrderStatus.CONFIRMING);

        var confirm = new PaymentTaskHandler(tasks, "confirmPayment");
        assertThat(confirm.handleRequest(event("confirm-payment.json", order.id()), null))
                .isEqualTo(Map.of("outcome", "PAID"));
        assertThat(stored(order.id()).status()).isEqualTo(OrderStatus.APPROVED);

        var issue = new PaymentTaskHandler(tasks, "issueTickets");
        assertThat(issue.handleRequest(event("issue-tickets.json", order.id()), null))
                .isEqualTo(Map.of("outcome", "ISSUED"));
        assertThat(stored(order.id()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(orders.ticketsOf(order.id())).hasSize(2);

        var notify = new PaymentTaskHandler(tasks, "notifyBooking");
        assertThat(notify.handleRequest(event("notify-booking.json", order.id()), null))
                .isEqualTo(Map.of("notified", true));
        assertThat(notificationsAbout(order.id())).singleElement().satisfies(m -> assertThat(m.body())
                .contains("\"type\":\"BOOKING_CONFIRMED\"").contains("\"tickets\":2"));
    }

    @Test
    void closeOrderExpiresAnUnpaidOrder() {
        Round round = roundOnSale(2);
        Order order = cardOrder(fan(), round, "A-1-1");
        var close = new PaymentTaskHandler(paymentTasks(Clock.systemUTC()), "closeOrder");

        assertThat(close.handleRequest(event("close-order-expired.json", order.id()), null))
                .isEqualTo(Map.of("status", "EXPIRED"));
        assertThat(stored(order.id()).status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void theScheduledSweepClosesAnOverdueOrder() {
        Round round = roundOnSale(2);
        Order order = cardOrder(fan(), round, "A-1-2");
        // the sweep an hour from now: the order's 8-minute hold and the grace after it are long over
        var sweep = new PaymentTaskHandler(paymentTasks(Clock.offset(Clock.systemUTC(), Duration.ofHours(1))),
                "expireUnpaidOrders");

        Map<String, Object> swept = sweep.handleRequest(event("scheduler-tick.json"), null);
        assertThat((Integer) swept.get("closed")).isGreaterThanOrEqualTo(1);
        assertThat(swept.get("failed")).isEqualTo(0);
        assertThat(stored(order.id()).status()).isEqualTo(OrderStatus.EXPIRED);
    }

    private static List<Message> notificationsAbout(String orderId) {
        String queue = aws.queueUrl("NotificationQueue");
        return aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages().stream().filter(m -> m.body().contains(orderId)).toList();
    }

    @Test
    void aFunctionNamingAnUnknownTaskFailsAtStartNotAtItsFirstPayment() {
        PaymentWorkflowTasks tasks = paymentTasks(Clock.systemUTC());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PaymentTaskHandler(tasks, "confirmPaymnet"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confirmPaymnet");
    }
}
