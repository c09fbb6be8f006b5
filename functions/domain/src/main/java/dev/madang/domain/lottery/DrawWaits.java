package dev.madang.domain.lottery;

/**
 * The lottery workflow's wait for the entries to close: a Step Functions task token handed to the lottery when the
 * execution starts. The wait ends by itself when the entry window closes (the task's timeout); the organiser's
 * "draw now" ends it early.
 */
public interface DrawWaits {

    /**
     * Ends the wait, so the workflow goes on to close the entries and draw. A token whose wait has ended already (timed
     * out, ended before, or its execution stopped) is ignored: ending a wait twice draws once.
     */
    void end(String waitToken);
}
