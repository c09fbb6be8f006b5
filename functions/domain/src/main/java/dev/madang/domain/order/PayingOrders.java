package dev.madang.domain.order;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Violations;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.domain.payment.PgPayment;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fan's side of paying: back from the PG's window with a {@code paymentKey}, they submit it with the amount the
 * window charged; the server checks the amount against its own (a different one is refused, the PG never called, and a
 * security event logged), reads the payment back from the PG to check that the key was issued for this order and
 * amount (a key from another order or tab is refused and the order stays payable), records the key, and hands it to
 * the workflow, which confirms with the PG. Submitting the same key again (a double click, a retry after a lost
 * response) changes nothing and answers the same order.
 */
public final class PayingOrders {

    public static final String PAYMENT_STAGE = "PAYMENT";
    public static final String DEPOSIT_STAGE = "DEPOSIT";
    private static final Pattern PAYMENT_KEY = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final System.Logger SECURITY = System.getLogger("dev.madang.security");

    private final Orders orders;
    private final OrderLifecycle lifecycle;
    private final PaymentGateway gateway;
    private final PaymentWorkflows workflows;

    public PayingOrders(Orders orders, PaymentGateway gateway, PaymentWorkflows workflows) {
        this.orders = orders;
        this.lifecycle = new OrderLifecycle(orders);
        this.gateway = gateway;
        this.workflows = workflows;
    }

    public record Submission(String userId, String orderId, String paymentKey, Long amount) {
    }

    public Order submitPayment(Submission s) {
        new Violations()
                .check(s.paymentKey() != null && PAYMENT_KEY.matcher(s.paymentKey()).matches(), "paymentKey",
                        "the paymentKey the PG returned")
                .check(s.amount() != null && s.amount() > 0, "amount", "the amount the PG window charged, in won")
                .throwIfInvalid("the payment is not valid");
        Order order = mine(s.userId(), s.orderId());
        if (s.amount() != order.amount()) {
            // either a bug in our client or someone editing the amount: never confirm, and leave a trace
            SECURITY.log(System.Logger.Level.WARNING, "security event: payment amount mismatch on order {0} "
                    + "(account {1}): {2} submitted, {3} stored", order.id(), s.userId(), s.amount(), order.amount());
            throw DomainException.ruleViolated("amount-mismatch", "the amount does not match the order",
                    List.of(new FieldError("amount", "must be the order's amount")));
        }
        if (order.paymentKey() != null) {
            return sameKeyOrConflict(order, s.paymentKey());
        }
        if (order.status() != OrderStatus.AWAITING_PAYMENT) {
            throw DomainException.conflict("order-closed", "the order is " + order.status());
        }
        requireIssuedFor(order, s.paymentKey());
        Optional<Orders.Moved> moved = lifecycle.submitPayment(order.id(), s.paymentKey());
        if (moved.isEmpty()) {
            return sameKeyOrConflict(orders.byId(order.id()).orElseThrow(), s.paymentKey());
        }
        // the token and the status are on one item, read by the write itself: the wait task either stored its token
        // before it (answered here) or stores it after and sees CONFIRMING (answers itself), never neither
        moved.get().taskToken().ifPresent(token -> workflows.succeed(token, paymentKeyJson(s.paymentKey())));
        return moved.get().order();
    }

    /**
     * A key the PG did not issue for this very order and amount would make the workflow's confirm fail and close the
     * order: refuse it here instead, so a client bug or a second tab cannot destroy a payable order.
     */
    private void requireIssuedFor(Order order, String paymentKey) {
        PgPayment payment;
        try {
            payment = gateway.payment(paymentKey);
        } catch (PaymentRefused unknown) {
            throw keyMismatch("the PG knows no payment with this key");
        }
        if (!order.id().equals(payment.orderId()) || payment.totalAmount() != order.amount()) {
            SECURITY.log(System.Logger.Level.WARNING, "security event: payment key for order {0} of {1} won "
                    + "submitted for order {2} (account {3})", payment.orderId(), payment.totalAmount(), order.id(),
                    order.userId());
            throw keyMismatch("the payment key was issued for another order or amount");
        }
    }

    private static DomainException keyMismatch(String detail) {
        return DomainException.ruleViolated("payment-key-mismatch", detail,
                List.of(new FieldError("paymentKey", "must be the key the PG returned for this order")));
    }

    /**
     * The fan gives up before paying, or before depositing into a virtual account: the workflow's wait ends with
     * OrderCancelled, and it closes the order (seats back, the account closed at the PG).
     */
    public Order cancel(String userId, String orderId) {
        Order order = mine(userId, orderId);
        String stage = switch (order.status()) {
            case AWAITING_PAYMENT -> PAYMENT_STAGE;
            case AWAITING_DEPOSIT -> DEPOSIT_STAGE;
            default -> throw DomainException.conflict("order-not-cancellable", "the order is " + order.status()
                    + "; only an order awaiting payment or a deposit can be cancelled here");
        };
        String token = orders.taskToken(orderId, stage).orElseThrow(() -> DomainException.conflict(
                "order-starting", "the order is still starting; try again in a moment"));
        workflows.fail(token, "OrderCancelled", "cancelled by the customer");
        return order;
    }

    public Order mine(String userId, String orderId) {
        return orders.byId(orderId).filter(o -> o.userId().equals(userId))
                .orElseThrow(() -> DomainException.notFound("order", orderId));
    }

    public List<Order> ofUser(String userId) {
        return orders.ofUser(userId, 50);
    }

    public List<Ticket> ticketsOwnedBy(String userId) {
        return orders.ticketsOwnedBy(userId, 100);
    }

    public List<Ticket> tickets(String userId, String orderId) {
        return orders.ticketsOf(mine(userId, orderId).id());
    }

    private static Order sameKeyOrConflict(Order order, String paymentKey) {
        if (paymentKey.equals(order.paymentKey())) {
            return order;
        }
        throw DomainException.conflict("payment-already-submitted", "another payment was submitted for this order");
    }

    static String paymentKeyJson(String paymentKey) {
        return "{\"paymentKey\":\"" + paymentKey + "\"}"; // the key is [A-Za-z0-9_-]: nothing to escape
    }
}
