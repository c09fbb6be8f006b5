package dev.madang.aws.order;

import dev.madang.domain.order.BookingNotifications;
import dev.madang.domain.order.Order;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Booking confirmations on the notification queue: ids and counts only (consumers read the rest), so the message
 * carries no personal data and can be logged or dead-lettered safely.
 */
public final class SqsBookingNotifications implements BookingNotifications {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsBookingNotifications(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void bookingConfirmed(Order order, int tickets) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"type\":\"BOOKING_CONFIRMED\",\"orderId\":\""
                + order.id() + "\",\"accountId\":\"" + order.userId() + "\",\"tickets\":" + tickets + "}"));
    }
}
