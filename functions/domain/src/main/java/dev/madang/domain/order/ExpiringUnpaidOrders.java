package dev.madang.domain.order;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The belt beside the workflow's timers (docs/architecture.md §5): every minute, open orders whose payment
 * deadline passed a grace period ago are closed as the workflow would have closed them (seats back, anything the PG
 * holds cancelled). It also settles orders stuck in an uncertain state (CONFIRMING, APPROVED past their deadline,
 * e.g. a workflow that failed) and orders a close left CLOSING: closing reads the payment back from the PG and refunds
 * what was approved. Closing is idempotent, so meeting the workflow's own close is harmless.
 */
public final class ExpiringUnpaidOrders {

    /** Longer than the workflow needs to close an order itself after its timer fires. */
    public static final Duration GRACE = Duration.ofMinutes(2);
    static final int BATCH = 100;

    private final Orders orders;
    private final ClosingOrders closing;
    private final Clock clock;

    public ExpiringUnpaidOrders(Orders orders, ClosingOrders closing, Clock clock) {
        this.orders = orders;
        this.closing = closing;
        this.clock = clock;
    }

    public record Swept(int closed, int failed) {
    }

    public Swept sweep() {
        List<Order> due = orders.openPayableBefore(clock.instant().minus(GRACE), BATCH);
        int closed = 0;
        int failed = 0;
        for (Order order : due) {
            try {
                closing.close(order.id(), reason(order.status()));
                closed++;
            } catch (RuntimeException e) {
                failed++; // the next sweep tries again; one bad order must not stop the others
            }
        }
        return new Swept(closed, failed);
    }

    /** A CLOSING order keeps the reason it was closed for; the one given here is not used. */
    private static CloseReason reason(OrderStatus status) {
        return switch (status) {
            case AWAITING_PAYMENT -> CloseReason.EXPIRED;
            case AWAITING_DEPOSIT -> CloseReason.DEPOSIT_EXPIRED;
            default -> CloseReason.PAYMENT_UNCERTAIN; // CONFIRMING, APPROVED: the PG is asked what happened
        };
    }
}
