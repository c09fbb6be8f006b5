package dev.madang.localstack;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the workflow tests ask of an execution: its status, its history, the states it entered, its end. */
final class WorkflowRuns {

    private final SfnClient sfn;

    WorkflowRuns(SfnClient sfn) {
        this.sfn = sfn;
    }

    DescribeExecutionResponse describe(String executionArn) {
        return sfn.describeExecution(b -> b.executionArn(executionArn));
    }

    List<HistoryEvent> history(String executionArn) {
        List<HistoryEvent> events = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn)).forEach(page -> events.addAll(page.events()));
        return events;
    }

    List<String> entered(String executionArn) {
        return history(executionArn).stream().filter(e -> e.stateEnteredEventDetails() != null)
                .map(e -> e.stateEnteredEventDetails().name()).toList();
    }

    /** Polls until the execution is no longer RUNNING; fails the test after {@code atMost}. */
    DescribeExecutionResponse awaitEnd(String executionArn, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            DescribeExecutionResponse response = describe(executionArn);
            if (response.status() != ExecutionStatus.RUNNING) {
                return response;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still running after " + atMost + ": " + executionArn + ", entered "
                        + entered(executionArn));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
