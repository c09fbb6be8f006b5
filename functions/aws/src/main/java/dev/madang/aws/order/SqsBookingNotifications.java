package dev.madang.aws.order;

import dev.madang.aws.notification.SqsNotificationQueue;
import dev.madang.domain.order.BookingNotifications;
import dev.madang.domain.order.Order;
import dev.madang.domain.payment.PgPayment;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An order's news on the notification queue: ids, counts, amounts and times only (consumers read the rest), so the
 * message carries no personal data and can be logged or dead-lettered safely. A virtual account's number is the
 * PG's, issued for this order, not the fan's own account.
 */
public final class SqsBookingNotifications implements BookingNotifications {

    private final SqsNotificationQueue queue;

    public SqsBookingNotifications(SqsClient sqs, String queueUrl) {
        this.queue = new SqsNotificationQueue(sqs, queueUrl);
    }

    @Override
    public void bookingConfirmed(String orderId, String userId, int tickets) {
        queue.send("BOOKING_CONFIRMED", userId, Map.of("orderId", orderId, "tickets", tickets));
    }

    @Override
    public void depositWaiting(Order order, PgPayment.VirtualAccount account) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("orderId", order.id());
        facts.put("amount", order.amount());
        if (account != null) {
            facts.put("bank", account.bankCode());
            facts.put("accountNumber", account.accountNumber());
        }
        facts.put("dueAt", order.payBy() == null ? null : order.payBy().toString());
        queue.send("DEPOSIT_WAITING", order.userId(), facts);
    }

    @Override
    public void orderClosed(Order order) {
        queue.send("ORDER_CLOSED", order.userId(), Map.of("orderId", order.id(), "reason",
                order.closeReason() == null ? order.status().name() : order.closeReason().name()));
    }
}
