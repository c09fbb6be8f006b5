package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.aws.order.PaymentWorkflowTasks;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * One handler for every payment task: each payment worker function of template.yaml selects it
 * ({@code QUARKUS_LAMBDA_HANDLER: paymentTask}) and names its task ({@code MADANG_PAYMENT_TASK: confirmPayment},
 * ...). An unknown task fails the function's start, not its first payment.
 */
@LogsInvocation
@Named("paymentTask")
// one wiring serves the six tasks (PaymentTaskWiring), so each payment function holds all three
@TouchesTables({"CatalogTable", "SeatsTable", "OrdersTable"})
public class PaymentTaskHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final PaymentWorkflowTasks tasks;
    private final PaymentWorkflowTasks.Task task;

    @Inject
    public PaymentTaskHandler(PaymentWorkflowTasks tasks, @ConfigProperty(name = "madang.payment.task") String task) {
        this.tasks = tasks;
        this.task = PaymentWorkflowTasks.Task.named(task);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return tasks.run(task, event);
    }
}
