package dev.madang.localstack;

import java.time.Instant;

/**
 * One firing of a schedule by {@link SchedulerStandIn}: which schedule, the time its expression gave
 * ({@code scheduledTime}), when the target was invoked ({@code actualTime}, from the stand-in's clock), what was
 * sent and what came of it.
 *
 * @param scheduleName  the schedule's name
 * @param groupName     its group ({@code default})
 * @param scheduleArn   its ARN
 * @param scheduledTime the occurrence of the schedule expression that fired
 * @param actualTime    when the invocation started, on the stand-in's clock
 * @param finishedTime  when the outcome was known, on the stand-in's clock
 * @param targetArn     the target's ARN (a Lambda function's)
 * @param input         the payload sent: the target's {@code Input} with the context attributes
 *                      ({@code <aws.scheduler.scheduled-time>}, ...) substituted; {@code null} if it has none
 * @param outcome       what happened
 * @param detail        the function's result on success, its error (or the failure) otherwise
 */
public record ScheduleFiring(String scheduleName, String groupName, String scheduleArn, Instant scheduledTime,
                             Instant actualTime, Instant finishedTime, String targetArn, String input,
                             Outcome outcome, String detail) {

    /** What came of a firing. */
    public enum Outcome {
        /** The function ran and returned. */
        SUCCEEDED,
        /** The function ran and failed (the Invoke API's {@code X-Amz-Function-Error}). */
        FUNCTION_ERROR,
        /** No function of that name is served by the Lambda endpoint. */
        TARGET_NOT_FOUND,
        /** The Lambda endpoint could not be reached or answered an error. */
        INVOKE_FAILED,
        /** The target is not a Lambda function: the stand-in invokes no other kind. */
        UNSUPPORTED_TARGET,
        /**
         * Not invoked: the occurrence was older than the target's {@code RetryPolicy.MaximumEventAgeInSeconds}
         * (default 86,400) when its turn came (the stand-in was not ticking, or the JVM was stopped).
         */
        EXPIRED
    }

    /** Whether the target ran and returned. */
    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
