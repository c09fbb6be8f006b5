package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.domain.order.ExpiringUnpaidOrders;
import dev.madang.domain.order.PaymentTasks;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payment workflow's Lambda tasks (statemachines/payment.asl.json) and the unpaid-expiry schedule: each a short
 * adapter from the event's fields to one step of {@link PaymentTasks}. An exception leaves the handler as it is, and
 * Step Functions sees its class name as the error: {@code dev.madang.domain.payment.PaymentRefused} is caught by the
 * state machine (no retry), anything else is retried.
 */
public final class PaymentStepHandlers {

    private PaymentStepHandlers() {
    }

    static String orderId(Map<String, Object> event) {
        Object id = event.get("orderId");
        if (!(id instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("the task input has no orderId");
        }
        return s;
    }

    @Named("awaitPayment")
    public static class AwaitPayment implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        PaymentTasks tasks;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            tasks.awaitPayment(orderId(event), String.valueOf(event.get("stage")), String.valueOf(event.get("taskToken")));
            return Map.of("waiting", true);
        }
    }

    @Named("confirmPayment")
    public static class ConfirmPayment implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        PaymentTasks tasks;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            PaymentTasks.Confirmation c = tasks.confirm(orderId(event));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("outcome", c.outcome());
            if (c.depositWaitSeconds() != null) {
                out.put("depositWaitSeconds", c.depositWaitSeconds());
            }
            return out;
        }
    }

    @Named("issueTickets")
    public static class IssueTickets implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        PaymentTasks tasks;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return Map.of("outcome", tasks.issueTickets(orderId(event)));
        }
    }

    @Named("notifyBooking")
    public static class NotifyBooking implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        PaymentTasks tasks;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            tasks.notifyBooking(orderId(event));
            return Map.of("notified", true);
        }
    }

    @Named("closeOrder")
    public static class CloseOrder implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        PaymentTasks tasks;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return Map.of("status", tasks.close(orderId(event), String.valueOf(event.get("reason"))).name());
        }
    }

    @Named("expireUnpaidOrders")
    public static class ExpireUnpaidOrders implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        ExpiringUnpaidOrders expiring;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
            ExpiringUnpaidOrders.Swept swept = expiring.sweep();
            return Map.of("closed", swept.closed(), "failed", swept.failed());
        }
    }
}
