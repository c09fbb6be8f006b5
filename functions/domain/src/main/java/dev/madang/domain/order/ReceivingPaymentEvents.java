package dev.madang.domain.order;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.domain.payment.PgPayment;
import dev.madang.domain.payment.PgStatus;

import java.util.Optional;
import java.util.Set;

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
    private final PaymentGateway gateway;
    private final PaymentWorkflows workflows;

    public ReceivingPaymentEvents(Orders orders, PaymentGateway gateway, PaymentWorkflows workflows) {
        this.orders = orders;
        this.gateway = gateway;
        this.workflows = workflows;
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
            if (!orders.transition(order.id(), Set.of(OrderStatus.AWAITING_DEPOSIT),
                    Orders.Change.to(OrderStatus.APPROVED))) {
                return false; // a twin delivery got there first
            }
            orders.taskToken(order.id(), PayingOrders.DEPOSIT_STAGE)
                    .ifPresent(token -> workflows.succeed(token, "{\"deposited\":true}"));
            return true;
        }
        if (!order.status().isOpen() && order.status() != OrderStatus.PAID) {
            // paid after the deadline, when the seats were already given back: the money goes back too, in full,
            // once (one idempotency key per order), and the order says so
            if (PaymentTasks.REFUND_NEEDS_ACCOUNT.equals(order.closeReason())) {
                return false; // a redelivery: the manual refund is on record already
            }
            PgPayment payment = gateway.payment(order.paymentKey());
            if (!payment.status().paid()) {
                // the PG holds nothing (the account was closed unpaid, or the deposit was refunded already): there is
                // nothing to refund, and the order must not claim a refund that never happened
                return false;
            }
            try {
                gateway.cancel(order.paymentKey(), "Madang: deposit after the deadline", null, order.refundAccount(),
                        "late-deposit-" + order.id());
                orders.transition(order.id(), Set.of(order.status()), new Orders.Change(OrderStatus.REFUNDED, null,
                        null, null, "LATE_DEPOSIT"));
            } catch (PaymentRefused refused) {
                // a deposited virtual account is refunded to an account the customer names; we have none on file
                SECURITY.log(System.Logger.Level.WARNING, "late deposit on order {0} needs a manual refund ({1})",
                        order.id(), refused.code());
                orders.transition(order.id(), Set.of(order.status()), new Orders.Change(order.status(), null, null,
                        null, PaymentTasks.REFUND_NEEDS_ACCOUNT));
            }
            return true;
        }
        return false;
    }
}
