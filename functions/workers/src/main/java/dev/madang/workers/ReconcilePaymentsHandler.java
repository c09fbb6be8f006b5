package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.domain.reconciliation.ReconciliationReport;
import dev.madang.domain.reconciliation.ReconcilingPayments;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EventBridge Scheduler target, daily at 06:00 Korea time: reconciles yesterday (Korea) between Toss's transaction
 * ledger and our orders ({@link ReconcilingPayments}), stores the day's report and logs a WARN per mismatch. An
 * operator may rerun a day by invoking it with {@code {"day":"2026-03-14"}}. It never changes an order.
 */
@LogsInvocation
@Named("reconcilePayments")
@TouchesTables("OrdersTable")
public class ReconcilePaymentsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = Logger.getLogger(ReconcilePaymentsHandler.class);

    private final ReconcilingPayments reconciling;

    @Inject
    public ReconcilePaymentsHandler(ReconcilingPayments reconciling) {
        this.reconciling = reconciling;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object day = event == null ? null : event.get("day");
        ReconciliationReport report = day instanceof String d ? reconciling.reconcile(LocalDate.parse(d))
                : reconciling.reconcileYesterday();
        LOG.infof("reconciliation of %s: %d PG transactions, %d ledger entries, %d orders, %d mismatches",
                report.day(), report.pgTransactions(), report.ourEntries(), report.ordersCompared(),
                report.mismatches().size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("day", report.day().toString());
        out.put("pgTransactions", report.pgTransactions());
        out.put("ourEntries", report.ourEntries());
        out.put("ordersCompared", report.ordersCompared());
        report.counts().forEach((kind, n) -> out.put(kind.name(), n));
        return out;
    }
}
