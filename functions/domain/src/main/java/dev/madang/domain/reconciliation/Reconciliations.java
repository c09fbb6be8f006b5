package dev.madang.domain.reconciliation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Our side of reconciliation: the day's ledger entries, an order's books, and the reports. Read-only on orders. */
public interface Reconciliations {

    /** Every ledger entry of the Korea-time {@code day} (written with the movement itself: see {@link LedgerEntry}). */
    List<LedgerEntry> entriesOn(LocalDate day);

    /** The order's money as we hold it, if we have the order. */
    Optional<OrderBooks> books(String orderId);

    /** Stores the day's report, replacing an earlier run's. */
    void save(ReconciliationReport report);

    Optional<ReconciliationReport> report(LocalDate day);
}
