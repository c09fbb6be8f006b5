package dev.madang.aws.order;

import dev.madang.aws.coupon.DynamoCouponWallets;
import dev.madang.aws.support.Attr;
import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.coupon.PriceBreakdown;
import dev.madang.domain.coupon.WalletCoupon;
import dev.madang.domain.order.CloseReason;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.Orders;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.RoundOrders;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.payment.RefundAccount;
import dev.madang.domain.reconciliation.LedgerEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Orders and their tickets in the orders table ({@code OrdersTable}, keys {@code pk}/{@code sk}, GSIs {@code gsi1}
 * and {@code gsi2}):
 * <pre>
 * | pattern                               | key condition                                           | index |
 * |---------------------------------------|---------------------------------------------------------|-------|
 * | create an order (once per hold)       | PutItem pk = ORDER#id, sk = META, attribute_not_exists  | table |
 * | order by id                           | GetItem pk = ORDER#id, sk = META (consistent)           | table |
 * | change its state (conditional)        | UpdateItem ... IF status IN (expected states)           | table |
 * | mark it PAID with its tickets         | TransactWriteItems: the order IF APPROVED + Put each    | table |
 * |                                       | ticket (pk = ORDER#id, sk = TICKET#ticketId) + Put its  |       |
 * |                                       | reconciliation ledger entry (see {@link LedgerKeys})    |       |
 * | an order's tickets                    | Query pk = ORDER#id, sk begins_with TICKET#             | table |
 * | my orders, newest first               | Query gsi1pk = USER#id, gsi1sk begins_with ORDER#       | gsi1  |
 * | my tickets                            | Query gsi1pk = USER#id, gsi1sk begins_with TICKET#      | gsi1  |
 * | open orders past their deadline       | Query gsi2pk = OPEN, gsi2sk < deadline (sparse: the key |  gsi2 |
 * | (unpaid-expiry sweep)                 | is removed when the order closes)                       |       |
 * | a round's ever-paid orders (a round   | Query gsi2pk = PAID#round (set when the order becomes   |  gsi2 |
 * | cancellation's refunds and progress)  | PAID, kept when it is refunded; gsi2sk = the order id)  |       |
 * </pre>
 * No scans. The task tokens and the deposit secret live on the order item and are never returned in an {@link Order}.
 */
public final class DynamoOrders implements Orders, RoundOrders {

    private static final String OPEN = "OPEN";
    private static final String PAID_IN = "PAID#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoOrders(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static Map<String, AttributeValue> key(String orderId) {
        return Map.of("pk", s("ORDER#" + orderId), "sk", s("META"));
    }

    @Override
    public boolean create(Order order) {
        Map<String, AttributeValue> item = orderItem(order);
        if (order.couponId().isPresent()) {
            return createSpending(order, order.couponId().get(), item);
        }
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /**
     * The order and its coupon in one transaction: the order if new, the coupon from AVAILABLE to USED by it. So a
     * coupon serves one order however many checkouts race for it, and an order exists only with its coupon spent.
     */
    private boolean createSpending(Order order, String couponId, Map<String, AttributeValue> item) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(DynamoCouponWallets.couponKey(order.userId(), couponId))
                            .updateExpression("SET couponStatus = :used, orderId = :order")
                            .conditionExpression("couponStatus = :available")
                            .expressionAttributeValues(Map.of(":used", s(WalletCoupon.Status.USED.name()),
                                    ":available", s(WalletCoupon.Status.AVAILABLE.name()), ":order", s(order.id()))))
                            .build()));
            return true;
        } catch (TransactionCanceledException e) {
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false; // the order exists: a twin made it (its coupon is the twin's business)
            }
            throw DomainException.conflict("coupon-used", "coupon " + couponId + " is not free in your wallet");
        }
    }

    @Override
    public void returnCoupon(Order order, boolean onlyIfItsRulesSay) {
        if (order.couponId().isEmpty()) {
            return;
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":available", s(WalletCoupon.Status.AVAILABLE.name()),
                ":used", s(WalletCoupon.Status.USED.name()), ":order", s(order.id())));
        if (onlyIfItsRulesSay) {
            values.put(":yes", AttributeValue.fromBool(true));
        }
        try {
            dynamo.updateItem(u -> u.tableName(table).key(DynamoCouponWallets.couponKey(order.userId(),
                            order.couponId().get()))
                    .updateExpression("SET couponStatus = :available REMOVE orderId")
                    .conditionExpression("couponStatus = :used AND orderId = :order"
                            + (onlyIfItsRulesSay ? " AND returnsOnCancel = :yes" : ""))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException notOurs) {
            // returned already (a repeat), or kept by its batch's rules: nothing to do
        }
    }

    /** A new order's item, as {@link #create} stores it (a transfer stores it in the same write as its request). */
    public static Map<String, AttributeValue> orderItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>(key(order.id()));
        item.put("id", s(order.id()));
        item.put("userId", s(order.userId()));
        item.put("roundId", s(order.roundId()));
        item.put("seats", AttributeValue.fromL(order.seats().stream().map(seat -> AttributeValue.fromM(Map.of(
                "seatId", s(seat.seatId()), "sectionId", s(seat.sectionId()), "grade", s(seat.grade()),
                "price", n(seat.price())))).toList()));
        item.put("amount", n(order.amount()));
        item.put("orderName", s(order.orderName()));
        item.put("method", s(order.method().name()));
        item.put("status", s(order.status().name()));
        item.put("createdAt", s(order.createdAt().toString()));
        item.put("payBy", s(order.payBy().toString()));
        if (order.refundAccount() != null) {
            item.put("refundAccount", AttributeValue.fromM(Map.of("bankCode", s(order.refundAccount().bankCode()),
                    "accountNumber", s(order.refundAccount().accountNumber()),
                    "holderName", s(order.refundAccount().holderName()))));
        }
        item.put("gsi1pk", s("USER#" + order.userId()));
        // a membership order is not a booking: it stays out of the fan's orders and booking history
        item.put("gsi1sk", s((order.isMembership() ? "MEMBERSHIPORDER#" : "ORDER#") + Attr.sortable(order.createdAt())
                + "#" + order.id()));
        if (order.isMembership()) {
            item.put("membershipId", s(order.membershipId()));
        }
        if (order.listingId() != null) {
            item.put("listingId", s(order.listingId()));
        }
        if (!order.discounts().isEmpty()) {
            item.put("discounts", AttributeValue.fromL(order.discounts().stream().map(d -> AttributeValue.fromM(Map.of(
                    "source", s(d.source()), "id", s(d.id()), "amount", n(d.amount())))).toList()));
        }
        item.put("gsi2pk", s(OPEN));
        item.put("gsi2sk", s(Attr.sortable(order.payBy()) + "#" + order.id()));
        return item;
    }

    @Override
    public Optional<Order> byId(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(orderId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toOrder(item));
    }

    @Override
    public List<Order> ofUser(String userId, int limit) {
        return query(QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :u AND begins_with(gsi1sk, :p)")
                .expressionAttributeValues(Map.of(":u", s("USER#" + userId), ":p", s("ORDER#")))
                .scanIndexForward(false).limit(limit).build()).stream().map(DynamoOrders::toOrder).toList();
    }

    @Override
    public boolean transition(String orderId, Set<OrderStatus> from, Change change) {
        return move(orderId, from, change, ReturnValue.NONE) != null;
    }

    /** The same UpdateItem, returning the item as written ({@code ALL_NEW}): no second request for what it holds. */
    @Override
    public Optional<Moved> transitionReading(String orderId, Set<OrderStatus> from, Change change, String stage) {
        Map<String, AttributeValue> item = move(orderId, from, change, ReturnValue.ALL_NEW);
        return item == null ? Optional.empty()
                : Optional.of(new Moved(toOrder(item), Optional.ofNullable(item.get("token" + stage)).map(AttributeValue::s)));
    }

    /** The conditional update of a transition; null when the order was in none of {@code from}. */
    private Map<String, AttributeValue> move(String orderId, Set<OrderStatus> from, Change change, ReturnValue answer) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>(List.of("#status = :to", "updatedAt = :now"));
        List<String> remove = new ArrayList<>();
        values.put(":to", s(change.to().name()));
        values.put(":now", s(Instant.now().toString()));
        if (change.paymentKey() != null) {
            set.add("paymentKey = :key");
            values.put(":key", s(change.paymentKey()));
        }
        if (change.payBy() != null) {
            set.add("payBy = :payBy");
            values.put(":payBy", s(change.payBy().toString()));
        }
        if (change.depositSecret() != null) {
            set.add("depositSecret = :secret");
            values.put(":secret", s(change.depositSecret()));
        }
        if (change.closeReason() != null) {
            set.add("closeReason = :reason");
            values.put(":reason", s(change.closeReason().name()));
        }
        if (change.to().isOpen()) {
            if (change.payBy() != null) {
                set.add("gsi2sk = :due");
                values.put(":due", s(Attr.sortable(change.payBy()) + "#" + orderId));
            }
        } else {
            remove.add("gsi2pk"); // out of the sweep's index
            remove.add("gsi2sk");
        }
        List<String> expected = new ArrayList<>();
        int i = 0;
        for (OrderStatus status : from) {
            expected.add(":f" + i);
            values.put(":f" + i++, s(status.name()));
        }
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            return dynamo.updateItem(r -> r.tableName(table).key(key(orderId)).updateExpression(update)
                    .conditionExpression("#status IN (" + String.join(", ", expected) + ")")
                    .expressionAttributeNames(Map.of("#status", "status")).expressionAttributeValues(values)
                    .returnValues(answer)).attributes();
        } catch (ConditionalCheckFailedException moved) {
            return null;
        }
    }

    @Override
    public Optional<String> depositSecret(String orderId) {
        return attribute(orderId, "depositSecret");
    }

    @Override
    public Order saveTaskToken(String orderId, String stage, String token) {
        return toOrder(dynamo.updateItem(r -> r.tableName(table).key(key(orderId)).updateExpression("SET #t = :token")
                .conditionExpression("attribute_exists(pk)").returnValues(ReturnValue.ALL_NEW)
                .expressionAttributeNames(Map.of("#t", "token" + stage))
                .expressionAttributeValues(Map.of(":token", s(token)))).attributes());
    }

    @Override
    public Optional<String> taskToken(String orderId, String stage) {
        return attribute(orderId, "token" + stage);
    }

    /**
     * One TransactWriteItems: the order APPROVED → PAID, and a Put per ticket. A rare multi-item invariant with no
     * contention (one order's own items), which is what transactions are for here: a ticket never exists without its
     * PAID order, whatever fails midway.
     */
    @Override
    public boolean markPaid(String orderId, List<Ticket> tickets) {
        List<TransactWriteItem> writes = new ArrayList<>(paidWrites(table, orderId, tickets));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException cancelled) {
            boolean orderMoved = cancelled.hasCancellationReasons()
                    && "ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(0).code());
            if (orderMoved) {
                return false;
            }
            throw cancelled; // a conflict or throttling: transient, the step is retried
        }
    }

    /**
     * What marking an order PAID writes, the order's update first: APPROVED → PAID (out of the unpaid sweep's
     * partition, into the round's paid orders, what a round cancellation refunds), a Put per ticket, and the
     * reconciliation ledger's entry for the day it was paid (the tickets' issue time: the workers' clock).
     */
    public static List<TransactWriteItem> paidWrites(String table, String orderId, List<Ticket> tickets) {
        List<TransactWriteItem> writes = new ArrayList<>();
        String roundId = tickets.isEmpty() ? null : tickets.get(0).roundId();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":paid", s(OrderStatus.PAID.name()),
                ":approved", s(OrderStatus.APPROVED.name()), ":now", s(Instant.now().toString())));
        String update;
        if (roundId == null) {
            update = "SET #status = :paid, updatedAt = :now REMOVE gsi2pk, gsi2sk";
        } else {
            update = "SET #status = :paid, updatedAt = :now, gsi2pk = :round, gsi2sk = :id";
            values.put(":round", s(PAID_IN + roundId));
            values.put(":id", s(orderId));
        }
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(orderId))
                .updateExpression(update)
                .conditionExpression("#status = :approved")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)).build());
        for (Ticket t : tickets) {
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(ticketItem(t))).build());
        }
        Instant paidAt = tickets.isEmpty() ? Instant.now() : tickets.get(0).issuedAt();
        long amount = tickets.stream().mapToLong(Ticket::price).sum();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(LedgerKeys.item(orderId,
                LedgerEntry.Kind.APPROVAL, amount, paidAt, null))).build());
        return writes;
    }

    /** A ticket's item, in its order's partition and under its holder's key (my tickets). */
    public static Map<String, AttributeValue> ticketItem(Ticket t) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("ORDER#" + t.orderId()));
        item.put("sk", s("TICKET#" + t.ticketId()));
        item.put("ticketId", s(t.ticketId()));
        item.put("orderId", s(t.orderId()));
        item.put("ownerId", s(t.ownerId()));
        item.put("performanceId", s(t.performanceId()));
        if (t.performanceTitle() != null) {
            item.put("performanceTitle", s(t.performanceTitle()));
        }
        item.put("roundId", s(t.roundId()));
        item.put("startsAt", s(t.startsAt().toString()));
        item.put("seatId", s(t.seatId()));
        item.put("sectionId", s(t.sectionId()));
        item.put("grade", s(t.grade()));
        item.put("price", n(t.price()));
        item.put("ticketStatus", s(t.status().name()));
        item.put("issuedAt", s(t.issuedAt().toString()));
        if (t.origin().via() != Ticket.Origin.Via.PURCHASE) {
            item.put("originVia", s(t.origin().via().name()));
            item.put("dealId", s(t.origin().dealId()));
            item.put("previousTicketId", s(t.origin().previousTicketId()));
        }
        item.put("gsi1pk", s("USER#" + t.ownerId()));
        item.put("gsi1sk", s("TICKET#" + Attr.sortable(t.issuedAt()) + "#" + t.ticketId()));
        return item;
    }

    @Override
    public List<Ticket> ticketsOf(String orderId) {
        return query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :o AND begins_with(sk, :t)")
                .expressionAttributeValues(Map.of(":o", s("ORDER#" + orderId), ":t", s("TICKET#"))).build())
                .stream().map(DynamoOrders::toTicket).toList();
    }

    @Override
    public List<Ticket> ticketsOwnedBy(String userId, int limit) {
        return query(QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :u AND begins_with(gsi1sk, :t)")
                .expressionAttributeValues(Map.of(":u", s("USER#" + userId), ":t", s("TICKET#")))
                .scanIndexForward(false).limit(limit).build()).stream().map(DynamoOrders::toTicket).toList();
    }

    @Override
    public List<Order> openPayableBefore(Instant cutoff, int limit) {
        return query(QueryRequest.builder().tableName(table).indexName("gsi2")
                .keyConditionExpression("gsi2pk = :open AND gsi2sk < :cutoff")
                .expressionAttributeValues(Map.of(":open", s(OPEN), ":cutoff", s(Attr.sortable(cutoff))))
                .limit(limit).build()).stream().map(DynamoOrders::toOrder).toList();
    }

    @Override
    public List<PaidOrder> everPaidOn(String roundId) {
        return query(QueryRequest.builder().tableName(table).indexName("gsi2")
                .keyConditionExpression("gsi2pk = :round")
                .expressionAttributeValues(Map.of(":round", s(PAID_IN + roundId))).build()).stream()
                .map(item -> new PaidOrder(str(item, "id"), str(item, "userId"),
                        OrderStatus.valueOf(str(item, "status")), Long.parseLong(item.get("amount").n()),
                        item.containsKey("refunded") ? Long.parseLong(item.get("refunded").n()) : 0))
                .toList();
    }

    private List<Map<String, AttributeValue>> query(QueryRequest request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(request).items().stream().limit(request.limit() == null ? Long.MAX_VALUE
                : request.limit()).forEach(items::add);
        return items;
    }

    private Optional<String> attribute(String orderId, String name) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(orderId))
                .consistentRead(true).projectionExpression("#a").expressionAttributeNames(Map.of("#a", name))).item();
        return Optional.ofNullable(item == null ? null : str(item, name));
    }

    static Order toOrder(Map<String, AttributeValue> item) {
        List<HeldSeat> seats = item.get("seats").l().stream().map(AttributeValue::m).map(m -> new HeldSeat(
                m.get("seatId").s(), m.get("sectionId").s(), m.get("grade").s(), Long.parseLong(m.get("price").n())))
                .toList();
        return new Order(str(item, "id"), str(item, "userId"), str(item, "roundId"), seats,
                Long.parseLong(item.get("amount").n()), str(item, "orderName"),
                PaymentMethod.valueOf(str(item, "method")), OrderStatus.valueOf(str(item, "status")),
                Instant.parse(str(item, "createdAt")), Instant.parse(str(item, "payBy")), str(item, "paymentKey"),
                closeReason(str(item, "closeReason")), refundAccount(item.get("refundAccount")),
                str(item, "listingId"), discounts(item.get("discounts")), str(item, "membershipId"));
    }

    private static List<PriceBreakdown.Discount> discounts(AttributeValue value) {
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::m)
                .map(m -> new PriceBreakdown.Discount(m.get("source").s(), m.get("id").s(),
                        Long.parseLong(m.get("amount").n()))).toList();
    }

    private static CloseReason closeReason(String stored) {
        return stored == null ? null : CloseReason.valueOf(stored);
    }

    private static RefundAccount refundAccount(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new RefundAccount(m.get("bankCode").s(), m.get("accountNumber").s(), m.get("holderName").s());
    }

    /** The ticket an item of {@link #ticketItem}'s layout holds. */
    public static Ticket toTicket(Map<String, AttributeValue> item) {
        String via = str(item, "originVia");
        return new Ticket(str(item, "ticketId"), str(item, "orderId"), str(item, "ownerId"),
                str(item, "performanceId"), str(item, "performanceTitle"), str(item, "roundId"),
                Instant.parse(str(item, "startsAt")), str(item, "seatId"), str(item, "sectionId"), str(item, "grade"),
                Long.parseLong(item.get("price").n()), Ticket.TicketStatus.valueOf(str(item, "ticketStatus")),
                Instant.parse(str(item, "issuedAt")), via == null ? Ticket.Origin.PURCHASE : new Ticket.Origin(
                Ticket.Origin.Via.valueOf(via), str(item, "dealId"), str(item, "previousTicketId")));
    }
}
