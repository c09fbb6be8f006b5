package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.aws.lottery.LotteryWorkflowTasks;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * The lottery workflow's one function ({@code QUARKUS_LAMBDA_HANDLER: lotteryTask}): every task event names its task,
 * and {@link LotteryWorkflowTasks} runs it.
 */
@LogsInvocation
@Named("lotteryTask")
@TouchesTables({"CatalogTable", "SeatsTable", "OrdersTable", "LotteryTable"})
public class LotteryTaskHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final LotteryWorkflowTasks tasks;

    @Inject
    public LotteryTaskHandler(LotteryWorkflowTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return tasks.run(event);
    }
}
