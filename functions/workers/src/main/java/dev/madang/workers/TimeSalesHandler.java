package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.domain.pricing.RunningTimeSales;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EventBridge Scheduler target, every 10 minutes: starts the time sales whose start has come (or skips them), ends
 * those whose end has (docs/commerce.md "Time sales"). Each move is conditional, so an overlapping or repeated run
 * changes nothing twice.
 */
@LogsInvocation
@Named("timeSales")
// the sales, the rounds they reprice and the price history are in the catalog table; the seat-map snapshot in seats
@TouchesTables({"CatalogTable", "SeatsTable"})
public class TimeSalesHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = Logger.getLogger(TimeSalesHandler.class);

    private final RunningTimeSales running;

    @Inject
    public TimeSalesHandler(RunningTimeSales running) {
        this.running = running;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        RunningTimeSales.Run run = running.run();
        LOG.infof("time sales: %d started, %d ended, %d skipped, %d waiting", run.started(), run.ended(),
                run.skipped(), run.waiting());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("started", run.started());
        out.put("ended", run.ended());
        out.put("skipped", run.skipped());
        out.put("waiting", run.waiting());
        return out;
    }
}
