package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.domain.release.DawnRelease;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EventBridge Scheduler target, once a minute from 02:00 to 04:59 Korea time: {@link DawnRelease#tick} decides at this
 * minute, and only now, whether tonight's release happens now. Only a release is logged, after it happened: before,
 * there is nothing to log, because nothing has been decided.
 */
@LogsInvocation
@Named("dawnRelease")
// the release pools and the night records live beside the seats
@TouchesTables("SeatsTable")
public class DawnReleaseHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = Logger.getLogger(DawnReleaseHandler.class);

    private final DawnRelease release;

    @Inject
    public DawnReleaseHandler(DawnRelease release) {
        this.release = release;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        DawnRelease.Tick tick = release.tick();
        if (tick.outcome() == DawnRelease.Outcome.RELEASED || tick.outcome() == DawnRelease.Outcome.RESUMED) {
            LOG.infof("dawn release of %s: %d seats of %d rounds back on sale (%s)", tick.night(), tick.seats(),
                    tick.rounds().size(), tick.outcome());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", tick.outcome().name());
        out.put("night", tick.night().toString());
        out.put("seats", tick.seats());
        return out;
    }
}
