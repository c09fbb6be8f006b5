package dev.madang.domain.order;

import dev.madang.domain.common.BusinessMetrics;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.domain.payment.PgPayment;
import dev.madang.domain.payment.PgStatus;

/**
 * Gives back whatever the PG holds for an order that will not be paid for, asking the PG rather than trusting what the
 * order says (a confirm or a deposit may have landed after the order stopped waiting for it). One idempotency key per
 * order and operation, so two closers racing each other refund once.
 */
public final class Refunds {

    private static final System.Logger LOG = System.getLogger("dev.madang.security");

    /** What the PG holds for the order once this returns. */
    public enum Outcome {
        /** Nothing was ever captured (no confirm, an unpaid virtual account, now closed at the PG). */
        NOTHING_CAPTURED,
        /** Captured money is back with the fan (refunded now, or by an earlier close). */
        REFUNDED,
        /** Captured money the PG would not refund automatically (a deposit with no refund account): a person must. */
        OWED
    }

    private final PaymentGateway gateway;
    private final OrderLifecycle lifecycle;

    public Refunds(PaymentGateway gateway, OrderLifecycle lifecycle) {
        this.gateway = gateway;
        this.lifecycle = lifecycle;
    }

    /**
     * Refunds in full what the PG captured for {@code order}, and closes a virtual account still awaiting its deposit.
     * Harmless to repeat. An order never confirmed (no payment key) has nothing at the PG: a payment the fan
     * authorised but we never confirmed is never captured.
     */
    public Outcome returnCaptured(Order order, CloseReason why) {
        if (order.paymentKey() == null) {
            return Outcome.NOTHING_CAPTURED;
        }
        if (order.closeReason() == CloseReason.REFUND_OWED) {
            return Outcome.OWED; // on record for a person: never try a second, competing refund
        }
        PgPayment payment = gateway.payment(order.paymentKey());
        PgStatus status = payment.status();
        if (status == PgStatus.WAITING_FOR_DEPOSIT) {
            gateway.cancel(payment.paymentKey(), "Madang: order closed (" + why + ")", null, null, "close-" + order.id());
            return Outcome.NOTHING_CAPTURED;
        }
        if (status.paid()) {
            try {
                gateway.cancel(payment.paymentKey(), "Madang: order closed (" + why + ")", null, order.refundAccount(),
                        "refund-" + order.id());
            } catch (PaymentRefused refused) {
                if (order.method() == PaymentMethod.VIRTUAL_ACCOUNT) {
                    // Toss refunds a deposit only to an account the customer names; failing here would fail every
                    // retry the same way, so the order says a person has to refund it
                    LOG.log(System.Logger.Level.WARNING, "order {0} closed ({1}) with a deposit at the PG that needs "
                            + "a manual refund ({2})", order.id(), why, refused.code());
                    return Outcome.OWED;
                }
                throw refused;
            }
            BusinessMetrics.current().count(BusinessMetrics.Metric.Refunds);
            return Outcome.REFUNDED;
        }
        // CANCELED after an approval: an earlier close refunded it; anything else never captured money
        return status == PgStatus.CANCELED && payment.approvedAt() != null ? Outcome.REFUNDED
                : Outcome.NOTHING_CAPTURED;
    }

    /**
     * Money reached the PG after {@code closed} closed (a late deposit, a confirm that landed after the sweep): it goes
     * back, and the order says so. True when the order changed.
     */
    public boolean refundLate(Order closed, CloseReason why) {
        return switch (returnCaptured(closed, why)) {
            case REFUNDED -> closed.status() != OrderStatus.REFUNDED && lifecycle.refunded(closed.id(), why);
            case OWED -> closed.closeReason() != CloseReason.REFUND_OWED
                    && lifecycle.owesRefund(closed.id(), closed.status());
            case NOTHING_CAPTURED -> false;
        };
    }
}
