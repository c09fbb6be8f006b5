package dev.madang.domain.reconciliation;

import dev.madang.domain.order.CloseReason;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.domain.payment.PgPayment;
import dev.madang.domain.payment.PgTransaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The daily reconciliation (issue 12): compares, for one Korea-time day, the PG's own transaction ledger with the
 * movements of money on our side, and reports every mismatch. It never changes an order nor asks the PG to change
 * anything: a person reads the report and decides.
 *
 * <h2>How</h2>
 * <ol>
 *   <li>Both sides of the day: the PG's transactions ({@link PaymentGateway#transactions}, every page) and our
 *       {@link LedgerEntry ledger entries} (written with each PAID and each refunded cancellation), summed per order id
 *       (our order id is the PG's {@code orderId}): captured and refunded on each side.</li>
 *   <li>An order whose day sums agree on both counts is reconciled; nothing more is read.</li>
 *   <li>Any other order is checked on its whole history, not just the day, so that a movement on the other side of
 *       midnight (approved at 23:59:59, PAID at 00:00:01) or a cancellation still waiting for the PG is not a false
 *       alarm: the PG's payments for the order (each payment key the PG listed, and the one on our order) against the
 *       order's books. Captured at the PG means approved at some point ({@code approvedAt}); refunded means total minus
 *       balance. Then: captured at the PG with no order of ours paid → {@code MISSING_ORDER} (unless every won was
 *       refunded and the order is closed); paid with us, nothing captured at the PG → {@code MISSING_APPROVAL};
 *       different amounts → {@code AMOUNT_MISMATCH}; the PG refunded more than our cancellations committed →
 *       {@code UNKNOWN_REFUND}; less than they finished → {@code MISSING_REFUND}. An order CLOSING is left for the
 *       next day's run (its refund is under way).</li>
 * </ol>
 * Each mismatch is logged at WARNING with ids and amounts only; the report is stored per day.
 */
public final class ReconcilingPayments {

    public static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
    private static final System.Logger LOG = System.getLogger(ReconcilingPayments.class.getName());

    private final PaymentGateway gateway;
    private final Reconciliations store;
    private final Clock clock;

    public ReconcilingPayments(PaymentGateway gateway, Reconciliations store, Clock clock) {
        this.gateway = gateway;
        this.store = store;
        this.clock = clock;
    }

    /** Yesterday in Korea: what the 06:00 schedule reconciles. */
    public ReconciliationReport reconcileYesterday() {
        return reconcile(LocalDate.ofInstant(clock.instant(), KOREA).minusDays(1));
    }

    /** Reconciles the Korea-time {@code day}, stores the report (replacing an earlier run's) and returns it. */
    public ReconciliationReport reconcile(LocalDate day) {
        Instant from = day.atStartOfDay(KOREA).toInstant();
        Instant until = day.plusDays(1).atStartOfDay(KOREA).toInstant().minus(Duration.ofMillis(1));
        List<PgTransaction> transactions = gateway.transactions(from, until);
        List<LedgerEntry> entries = store.entriesOn(day);

        Map<String, Sums> byOrder = new TreeMap<>(); // sorted: the report lists orders in a stable order
        for (PgTransaction t : transactions) {
            Sums sums = byOrder.computeIfAbsent(t.orderId(), id -> new Sums());
            sums.paymentKeys.add(t.paymentKey());
            if (t.isApproval()) {
                sums.pgCaptured += t.amount();
            } else if (t.isCancel()) {
                sums.pgRefunded += t.amount();
            }
        }
        for (LedgerEntry e : entries) {
            Sums sums = byOrder.computeIfAbsent(e.orderId(), id -> new Sums());
            if (e.kind() == LedgerEntry.Kind.APPROVAL) {
                sums.ourCaptured += e.amount();
            } else {
                sums.ourRefunded += e.amount();
            }
        }
        List<Mismatch> mismatches = new ArrayList<>();
        for (Map.Entry<String, Sums> order : byOrder.entrySet()) {
            Sums sums = order.getValue();
            if (sums.pgCaptured == sums.ourCaptured && sums.pgRefunded == sums.ourRefunded) {
                continue;
            }
            mismatches.addAll(wholeHistory(order.getKey(), sums.paymentKeys));
        }
        ReconciliationReport report = new ReconciliationReport(day, clock.instant(), transactions.size(),
                entries.size(), byOrder.size(), mismatches);
        for (Mismatch m : mismatches) {
            LOG.log(System.Logger.Level.WARNING, "reconciliation {0}: {1} order={2} paymentKey={3} ours={4} pg={5}",
                    day, m.kind(), m.orderId(), m.paymentKey(), Long.toString(m.ours()), Long.toString(m.pg()));
        }
        store.save(report);
        return report;
    }

    /** Per order id: the day's sums on each side and the payment keys the PG listed. */
    private static final class Sums {
        final Set<String> paymentKeys = new LinkedHashSet<>();
        long pgCaptured;
        long pgRefunded;
        long ourCaptured;
        long ourRefunded;
    }

    /** The order's whole history on both sides: the mismatches that remain (none, when the day merely split it). */
    private List<Mismatch> wholeHistory(String orderId, Set<String> pgPaymentKeys) {
        Optional<OrderBooks> found = store.books(orderId);
        Set<String> keys = new LinkedHashSet<>(pgPaymentKeys);
        found.map(OrderBooks::paymentKey).ifPresent(keys::add);
        long pgCaptured = 0;
        long pgRefunded = 0;
        String paymentKey = found.map(OrderBooks::paymentKey).orElse(null);
        for (String key : keys) {
            PgPayment payment;
            try {
                payment = gateway.payment(key);
            } catch (PaymentRefused unknown) {
                continue; // NOT_FOUND_PAYMENT: a key of ours the PG never saw holds nothing
            }
            if (payment.approvedAt() != null) {
                pgCaptured += payment.totalAmount();
                pgRefunded += payment.canceledAmount();
                paymentKey = paymentKey == null ? key : paymentKey;
            }
        }
        List<Mismatch> mismatches = new ArrayList<>();
        if (found.isEmpty()) {
            if (pgCaptured > 0) {
                mismatches.add(new Mismatch(orderId, paymentKey, Mismatch.Kind.MISSING_ORDER, 0, pgCaptured));
            }
            return mismatches;
        }
        OrderBooks books = found.get();
        if (books.status() == OrderStatus.CLOSING) {
            LOG.log(System.Logger.Level.INFO, "reconciliation: order {0} is closing; left for the next run", orderId);
            return mismatches;
        }
        boolean refundedByClose = books.status() == OrderStatus.REFUNDED && books.committedRefund() == 0;
        boolean ourCapture = books.status() == OrderStatus.APPROVED || books.status() == OrderStatus.PAID
                || books.status() == OrderStatus.REFUNDED || books.closeReason() == CloseReason.REFUND_OWED;
        if (!ourCapture) {
            if (pgCaptured > 0 && !(books.status().isClosed() && pgRefunded == pgCaptured)) {
                mismatches.add(new Mismatch(orderId, paymentKey, Mismatch.Kind.MISSING_ORDER, 0, pgCaptured));
            }
            return mismatches;
        }
        if (pgCaptured == 0) {
            mismatches.add(new Mismatch(orderId, paymentKey, Mismatch.Kind.MISSING_APPROVAL, books.amount(), 0));
            return mismatches;
        }
        if (pgCaptured != books.amount()) {
            mismatches.add(new Mismatch(orderId, paymentKey, Mismatch.Kind.AMOUNT_MISMATCH, books.amount(), pgCaptured));
        }
        // what our side may have refunded: at least what finished, at most what was committed (a cancellation may be
        // refunded at the PG and not yet finished with us); a close refunds the whole amount; a refund owed, nothing
        long atLeast = refundedByClose ? books.amount() : books.refunded();
        long atMost = refundedByClose ? books.amount() : Math.max(books.committedRefund(), books.refunded());
        if (pgRefunded > atMost) {
            mismatches.add(new Mismatch(orderId, paymentKey, Mismatch.Kind.UNKNOWN_REFUND, atMost, pgRefunded));
        } else if (pgRefunded < atLeast) {
            mismatches.add(new Mismatch(orderId, paymentKey, Mismatch.Kind.MISSING_REFUND, atLeast, pgRefunded));
        }
        return mismatches;
    }
}
