package dev.madang.domain.order;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Violations;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fan's side of paying: back from the PG's window with a {@code paymentKey}, they submit it with the amount the
 * window charged; the server checks the amount against its own (a different one is refused, the PG never called, and a
 * security event logged), records the key, and hands it to the workflow, which confirms with the PG. Submitting the
 * same key again (a double click, a retry after a lost response) changes nothing and answers the same order.
 */
public final class PayingOrders {

    public static final String PAYMENT_STAGE = "PAYMENT";
    public static final String DEPOSIT_STAGE = "DEPOSIT";
    private static final Pattern PAYMENT_KEY = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final System.Logger SECURITY = System.getLogger("dev.madang.security");

    private final Orders orders;
    private final PaymentWorkflows workflows;

    public PayingOrders(Orders orders, PaymentWorkflows workflows) {
        this.orders = orders;
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
        if (!orders.transition(order.id(), Set.of(OrderStatus.AWAITING_PAYMENT),
                new Orders.Change(OrderStatus.CONFIRMING, s.paymentKey(), null, null, null))) {
            return sameKeyOrConflict(orders.byId(order.id()).orElseThrow(), s.paymentKey());
        }
        // the wait task stores its token before anyone can pay; if it has not yet, it will see CONFIRMING and go on
        orders.taskToken(order.id(), PAYMENT_STAGE).ifPresent(token ->
                workflows.succeed(token, paymentKeyJson(s.paymentKey())));
        return orders.byId(order.id()).orElseThrow();
    }

    /** The fan gives up before paying: the workflow closes the order and frees the seats. */
    public Order cancel(String userId, String orderId) {
        Order order = mine(userId, orderId);
        if (order.status() != OrderStatus.AWAITING_PAYMENT) {
            throw DomainException.conflict("order-not-cancellable", "the order is " + order.status()
                    + "; only an order awaiting payment can be cancelled here");
        }
        String token = orders.taskToken(orderId, PAYMENT_STAGE).orElseThrow(() -> DomainException.conflict(
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
