package dev.madang.domain.order;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PgPayment;
import dev.madang.domain.payment.PgStatus;

import java.util.Optional;

/**
 * What the PG tells us without being asked (webhooks). Nothing in a webhook is trusted as is:
 * <ul>
 *   <li>a deposit callback must carry the secret the PG gave us with that virtual account (compared in constant
 *       time); a forged one is refused and changes nothing;</li>
 *   <li>a status change is only a hint: the payment is read back from the PG and that answer is acted on.</li>
 * </ul>
 * A deposit moves the order AWAITING_DEPOSIT → APPROVED in one conditional write and wakes the workflow; the same
 * callback again (PGs deliver at least once, in any order) finds the order moved on and does nothing.
 */
public final class ReceivingPaymentEvents {

    private static final System.Logger SECURITY = System.getLogger("dev.madang.security");

    private final Orders orders;
    private final OrderLifecycle lifecycle;
    private final PaymentGateway gateway;
    private final PaymentWorkflows workflows;
    private final Refunds refunds;

    public ReceivingPaymentEvents(Orders orders, PaymentGateway gateway, PaymentWorkflows workflows, Refunds refunds) {
        this.orders = orders;
        this.lifecycle = new OrderLifecycle(orders);
        this.gateway = gateway;
        this.workflows = workflows;
        this.refunds = refunds;
    }

    /** Whether the event changed anything (for the log; the PG gets a 200 either way once the secret matched). */
    public boolean depositCallback(String orderId, String secret, String status) {
        Optional<Order> order = orders.byId(orderId == null ? "" : orderId);
        if (order.isEmpty() || !PaymentGateway.secretMatches(orders.depositSecret(orderId).orElse(null), secret)) {
            SECURITY.log(System.Logger.Level.WARNING, "security event: deposit callback with a wrong secret or an "
                    + "unknown order ({0})", orderId);
            throw DomainException.unauthenticated("webhook-refused", "the callback could not be verified");
        }
        if (!"DONE".equals(status)) {
            return false; // WAITING_FOR_DEPOSIT or CANCELED: nothing for us to do; the workflow's timer stands
        }
        return deposited(order.get());
    }

    /** A status change, trusted only after reading the payment back from the PG. */
    public boolean paymentStatusChanged(String paymentKey) {
        PgPayment payment = gateway.payment(paymentKey);
        Optional<Order> order = orders.byId(payment.orderId());
        if (order.isEmpty() || !paymentKey.equals(order.get().paymentKey())) {
            return false;
        }
        return payment.status() == PgStatus.DONE && deposited(order.get());
    }

    private boolean deposited(Order order) {
        if (order.status() == OrderStatus.AWAITING_DEPOSIT) {
            if (!lifecycle.deposited(order.id())) {
                return false; // a twin delivery got there first, or the order is closing: closing reads the PG
            }
            orders.taskToken(order.id(), PayingOrders.DEPOSIT_STAGE)
                    .ifPresent(token -> workflows.succeed(token, "{\"deposited\":true}"));
            return true;
        }
        if (order.status().isClosed()) {
            // paid after the deadline, when the seats were already given back: the money goes back too, in full, once
            return refunds.refundLate(order, CloseReason.LATE_DEPOSIT);
        }
        return false; // APPROVED or PAID already; or CLOSING, whose close reads the PG and refunds what it finds
    }
}
