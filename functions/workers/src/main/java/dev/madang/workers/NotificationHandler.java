package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.aws.notification.SqsNotifications;
import dev.madang.domain.notification.DeliveringNotifications;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * The notification queue's consumer (template.yaml {@code NotificationFunction}, an SQS event source with
 * {@code ReportBatchItemFailures}): delivers each message to the inbox and by e-mail, and answers the messages that
 * failed, which SQS delivers again after the visibility timeout and finally moves to the dead-letter queue.
 */
@LogsInvocation
@Named("notification")
@TouchesTables({"AccountsTable", "CatalogTable", "SeatsTable", "OrdersTable"})
public class NotificationHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final DeliveringNotifications delivering;

    @Inject
    public NotificationHandler(DeliveringNotifications delivering) {
        this.delivering = delivering;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return SqsNotifications.handle(delivering, event);
    }
}
