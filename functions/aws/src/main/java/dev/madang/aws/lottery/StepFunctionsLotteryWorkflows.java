package dev.madang.aws.lottery;

import dev.madang.domain.lottery.LotteryWorkflows;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

import java.time.Instant;

/**
 * The lottery state machine (statemachines/lottery.asl.json) on Step Functions. An execution is named for the round and
 * the time its entries close ({@code lottery-<round>-<epoch second>}), so opening the same lottery twice starts one
 * draw, and a replaced schedule's execution can be found and stopped by name.
 */
public final class StepFunctionsLotteryWorkflows implements LotteryWorkflows {

    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsLotteryWorkflows(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    /** The execution's name: Step Functions allows 80 characters of [A-Za-z0-9_-]; our ids are ULIDs. */
    public static String executionName(String roundId, Instant entriesCloseAt) {
        return "lottery-" + roundId + "-" + entriesCloseAt.getEpochSecond();
    }

    @Override
    public void start(String roundId, Instant entriesCloseAt, long closeWaitSeconds) {
        try {
            sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(executionName(roundId, entriesCloseAt))
                    .input("{\"roundId\":\"" + roundId + "\",\"closeWaitSeconds\":" + closeWaitSeconds + "}"));
        } catch (ExecutionAlreadyExistsException running) {
            // this schedule's draw is waiting already (the organiser saved the same schedule again)
        }
    }

    @Override
    public void cancel(String roundId, Instant entriesCloseAt) {
        String executionArn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":"
                + executionName(roundId, entriesCloseAt);
        try {
            sfn.stopExecution(r -> r.executionArn(executionArn).error("LotteryRescheduled")
                    .cause("the organiser replaced the entry schedule before entries opened"));
        } catch (ExecutionDoesNotExistException gone) {
            // never started, or already ended: nothing waits on the old schedule
        }
    }
}
