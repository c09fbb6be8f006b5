package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.domain.recommendation.ComputingRecommendations;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EventBridge Scheduler target, every six hours: recomputes every recommendation list (docs/recommendations.md). A
 * missed run changes nothing but the lists' age; the next one replaces them all.
 */
@LogsInvocation
@Named("recommendations")
// reads the catalog, the paid orders and the genre follows; writes the lists into the catalog table
@TouchesTables({"CatalogTable", "OrdersTable", "AlertsTable"})
public class RecommendationsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = Logger.getLogger(RecommendationsHandler.class);

    private final ComputingRecommendations computing;

    @Inject
    public RecommendationsHandler(ComputingRecommendations computing) {
        this.computing = computing;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        ComputingRecommendations.Run run = computing.run();
        LOG.infof("recommendations computed: %d performances (%d recommendable), %d fans, %d bookings",
                run.performances(), run.recommendable(), run.fans(), run.bookings());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("performances", run.performances());
        out.put("fans", run.fans());
        out.put("bookings", run.bookings());
        return out;
    }
}
