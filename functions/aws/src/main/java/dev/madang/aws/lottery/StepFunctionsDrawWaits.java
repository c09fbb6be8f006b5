package dev.madang.aws.lottery;

import dev.madang.domain.lottery.DrawWaits;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Ends the lottery workflow's Await Close task (a {@code .waitForTaskToken} task) with SendTaskSuccess. A token whose
 * task is over (timed out at the scheduled close, ended by an earlier draw now, or its execution stopped) is answered
 * by Step Functions with one of three errors; each means the wait is not waiting any more, which is what was asked.
 */
public final class StepFunctionsDrawWaits implements DrawWaits {

    private final SfnClient sfn;

    public StepFunctionsDrawWaits(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public void end(String waitToken) {
        try {
            sfn.sendTaskSuccess(r -> r.taskToken(waitToken).output("{\"drawNow\":true}"));
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException over) {
            // the wait ended already: the draw has started or will start at the close
        }
    }
}
