package dev.madang.domain.lottery;

import java.time.Instant;

/**
 * The lottery workflow engine (Step Functions): one execution per round and entry schedule, which waits until the
 * entries close, then draws. Starting it again for the same schedule is harmless (the execution's name is its key).
 */
public interface LotteryWorkflows {

    /** Starts the round's lottery, to draw once its entries close at {@code entriesCloseAt}. */
    void start(String roundId, Instant entriesCloseAt, long closeWaitSeconds);

    /** Stops the execution started for a schedule the organiser replaced before the entries opened. */
    void cancel(String roundId, Instant entriesCloseAt);
}
