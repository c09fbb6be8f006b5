package dev.madang.workers;

import dev.madang.aws.order.PaymentSteps;
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
 * Each payment handler of {@link PaymentStepHandlers} given the event the state machine or the schedule sends
 * (src/test/resources/events), on DynamoDB, SQS and the Toss sandbox: what it answers and what it leaves stored.
 */
class PaymentStepHandlersTest extends WorkerFixture {

    @Test
    void aCardOrderGoesFromAwaitPaymentToNotifyBooking() {
        Round round = roundOnSale(4);
        String fan = fan();
        Order order = cardOrder(fan, round, "A-1-1", "A-1-2");
        PaymentSteps steps = paymentSteps(Clock.systemUTC());

        var await = new PaymentStepHandlers.AwaitPayment();
        await.steps = steps;
        Map<String, Object> awaitEvent = event("await-payment.json", order.id());
        assertThat(await.handleRequest(awaitEvent, null)).isEqualTo(Map.of("waiting", true));
        assertThat(orders.taskToken(order.id(), "PAYMENT")).contains((String) awaitEvent.get("taskToken"));
        assertThat(stored(order.id()).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);

        assertThat(paid(fan, order).status()).isEqualTo(OrderStatus.CONFIRMING);

        var confirm = new PaymentStepHandlers.ConfirmPayment();
        confirm.steps = steps;
        assertThat(confirm.handleRequest(event("confirm-payment.json", order.id()), null))
                .isEqualTo(Map.of("outcome", "PAID"));
        assertThat(stored(order.id()).status()).isEqualTo(OrderStatus.APPROVED);

        var issue = new PaymentStepHandlers.IssueTickets();
        issue.steps = steps;
        assertThat(issue.handleRequest(event("issue-tickets.json", order.id()), null))
                .isEqualTo(Map.of("outcome", "ISSUED"));
        assertThat(stored(order.id()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(orders.ticketsOf(order.id())).hasSize(2);

        var notify = new PaymentStepHandlers.NotifyBooking();
        notify.steps = steps;
        assertThat(notify.handleRequest(event("notify-booking.json", order.id()), null))
                .isEqualTo(Map.of("notified", true));
        assertThat(notificationsAbout(order.id())).singleElement().satisfies(m -> assertThat(m.body())
                .contains("\"type\":\"BOOKING_CONFIRMED\"").contains("\"tickets\":2"));
    }

    @Test
    void closeOrderExpiresAnUnpaidOrder() {
        Round round = roundOnSale(2);
        Order order = cardOrder(fan(), round, "A-1-1");
        var close = new PaymentStepHandlers.CloseOrder();
        close.steps = paymentSteps(Clock.systemUTC());

        assertThat(close.handleRequest(event("close-order-expired.json", order.id()), null))
                .isEqualTo(Map.of("status", "EXPIRED"));
        assertThat(stored(order.id()).status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void theScheduledSweepClosesAnOverdueOrder() {
        Round round = roundOnSale(2);
        Order order = cardOrder(fan(), round, "A-1-2");
        var sweep = new PaymentStepHandlers.ExpireUnpaidOrders();
        // the sweep an hour from now: the order's 8-minute hold and the grace after it are long over
        sweep.steps = paymentSteps(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));

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
}
