package dev.madang.domain.recommendation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Which performances' pages each signed-in fan opened lately: a weaker signal of taste than a booking. */
public interface PerformanceViews {

    /** How many views of a fan the recommender looks at, newest first. */
    int KEPT = 20;

    /** Records (or refreshes) the fan's view of the performance; harmless to repeat. */
    void record(String accountId, String performanceId, Instant at);

    /** Every fan's views since {@code since}, newest first, at most {@link #KEPT} each: for the job, not a page. */
    Map<String, List<String>> since(Instant since);
}
