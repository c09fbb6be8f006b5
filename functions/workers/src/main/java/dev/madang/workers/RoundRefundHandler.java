package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.aws.order.SqsRoundRefunds;
import dev.madang.domain.cancellation.CancellingRounds;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * The round refund queue's consumer (template.yaml {@code RoundRefundFunction}, an SQS event source with
 * {@code ReportBatchItemFailures}): refunds each message's order and answers the messages that failed, which SQS
 * delivers again after the visibility timeout (the others are deleted).
 */
@LogsInvocation
@Named("roundRefund")
@TouchesTables({"CatalogTable", "SeatsTable", "OrdersTable"})
public class RoundRefundHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final CancellingRounds rounds;

    @Inject
    public RoundRefundHandler(CancellingRounds rounds) {
        this.rounds = rounds;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return SqsRoundRefunds.handle(rounds, event);
    }
}
