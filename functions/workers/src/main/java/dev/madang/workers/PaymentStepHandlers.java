package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.aws.order.PaymentSteps;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * The payment workflow's Lambda tasks and the unpaid-expiry schedule, one {@code @Named} handler per function of
 * template.yaml; each hands its event to the step of {@link PaymentSteps} with the same name.
 */
public final class PaymentStepHandlers {

    private PaymentStepHandlers() {
    }

    @Named("awaitPayment")
    public static class AwaitPayment implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        PaymentSteps steps;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return steps.awaitPayment(event);
        }
    }

    @Named("confirmPayment")
    public static class ConfirmPayment implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        PaymentSteps steps;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return steps.confirmPayment(event);
        }
    }

    @Named("issueTickets")
    public static class IssueTickets implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        PaymentSteps steps;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return steps.issueTickets(event);
        }
    }

    @Named("notifyBooking")
    public static class NotifyBooking implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        PaymentSteps steps;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return steps.notifyBooking(event);
        }
    }

    @Named("closeOrder")
    public static class CloseOrder implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        PaymentSteps steps;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return steps.closeOrder(event);
        }
    }

    @Named("expireUnpaidOrders")
    public static class ExpireUnpaidOrders implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Inject
        PaymentSteps steps;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
            return steps.expireUnpaidOrders(scheduledEvent);
        }
    }
}
