package dev.madang.domain.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reconciliation of one Korea-time day: how much each side showed (the PG's transactions that day, our ledger
 * entries that day), how many orders were compared, and every mismatch found. Written once per run; a rerun of the
 * same day replaces it.
 */
public record ReconciliationReport(LocalDate day, Instant reconciledAt, int pgTransactions, int ourEntries,
                                   int ordersCompared, List<Mismatch> mismatches) {

    public ReconciliationReport {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(reconciledAt, "reconciledAt");
        mismatches = List.copyOf(mismatches);
    }

    /** Mismatches by kind, every kind present (zero when none). */
    public Map<Mismatch.Kind, Integer> counts() {
        Map<Mismatch.Kind, Integer> counts = new EnumMap<>(Mismatch.Kind.class);
        for (Mismatch.Kind kind : Mismatch.Kind.values()) {
            counts.put(kind, 0);
        }
        mismatches.forEach(m -> counts.merge(m.kind(), 1, Integer::sum));
        return counts;
    }

    public boolean clean() {
        return mismatches.isEmpty();
    }
}
