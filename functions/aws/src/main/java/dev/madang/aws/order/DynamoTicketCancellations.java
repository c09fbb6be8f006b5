package dev.madang.aws.order;

import dev.madang.aws.support.Attr;
import dev.madang.aws.ticket.DynamoTickets;
import dev.madang.domain.cancellation.TicketCancellation;
import dev.madang.domain.cancellation.TicketCancellations;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.reconciliation.LedgerEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Ticket cancellations in the orders table, in the order's own partition:
 * <pre>
 * | pattern                       | key condition                                                          | index |
 * |-------------------------------|------------------------------------------------------------------------|-------|
 * | begin a cancellation          | TransactWriteItems: Put pk = ORDER#id, sk = CANCEL#cid IF not exists;  | table |
 * |                               | each ticket SET CANCELLING IF ISSUED; the order ADD committedRefund    |       |
 * |                               | IF PAID AND committedRefund + refund <= amount                         |       |
 * | a cancellation; an order's    | GetItem sk = CANCEL#cid; Query pk = ORDER#id, sk begins_with CANCEL#   | table |
 * | PENDING ones, oldest first    | Query gsi2pk = REFUND_PENDING, gsi2sk < cutoff (sparse: removed when   | gsi2  |
 * | (the sweep resumes them)      | the cancellation finishes)                                             |       |
 * | finish it                     | TransactWriteItems: the cancellation IF PENDING; each ticket SET       | table |
 * |                               | CANCELLED IF it names the cancellation; the order ADD refunded, fees,  |       |
 * |                               | cancelledTickets; Put its reconciliation ledger entry (LedgerKeys);    |       |
 * |                               | then the order REFUNDED IF every ticket is cancelled                   |       |
 * </pre>
 * Transactions fit docs/architecture.md §3.6: rare, and contended only by the same order's own requests. The
 * order's amount bounds the committed refunds in the condition itself, so two cancellations at once can never refund
 * more than was paid, whatever the timing.
 */
public final class DynamoTicketCancellations implements TicketCancellations {

    private static final int ATTEMPTS = 4;
    private static final String REFUND_PENDING = "REFUND_PENDING";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTicketCancellations(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> orderKey(String orderId) {
        return Map.of("pk", s("ORDER#" + orderId), "sk", s("META"));
    }

    private static Map<String, AttributeValue> ticketKey(String orderId, String ticketId) {
        return Map.of("pk", s("ORDER#" + orderId), "sk", s("TICKET#" + ticketId));
    }

    private static Map<String, AttributeValue> key(String orderId, String cancellationId) {
        return Map.of("pk", s("ORDER#" + orderId), "sk", s("CANCEL#" + cancellationId));
    }

    @Override
    public Outcome begin(TicketCancellation c, long paidAmount) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item(c))
                .conditionExpression("attribute_not_exists(pk)")).build());
        for (int i = 0; i < c.ticketIds().size(); i++) {
            String ticketId = c.ticketIds().get(i);
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(ticketKey(c.orderId(), ticketId))
                    .updateExpression("SET ticketStatus = :cancelling, cancellationId = :c, revokedAt = :at")
                    .conditionExpression("ticketStatus = :issued")
                    .expressionAttributeValues(Map.of(":cancelling", s(Ticket.TicketStatus.CANCELLING.name()),
                            ":issued", s(Ticket.TicketStatus.ISSUED.name()), ":c", s(c.id()),
                            ":at", s(DynamoTickets.millis(c.requestedAt()))))).build());
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(DynamoTickets.revocation(
                    c.roundId(), ticketId, c.seatIds().get(ticketIdIndex(c, ticketId)),
                    Ticket.TicketStatus.CANCELLED, c.requestedAt()))).build());
        }
        writes.add(commitRefund(table, c, paidAmount));
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(writes));
                return Outcome.BEGUN;
            } catch (TransactionCanceledException cancelled) {
                List<String> reasons = reasons(cancelled);
                if (reasons.isEmpty() || !reasons.contains("ConditionalCheckFailed")) {
                    if (attempt >= ATTEMPTS) {
                        throw cancelled;
                    }
                    continue; // a TransactionConflict with the order's other request: AWS cancels, we retry
                }
                if ("ConditionalCheckFailed".equals(reasons.get(0))) {
                    return Outcome.EXISTS;
                }
                if (reasons.subList(1, reasons.size() - 1).contains("ConditionalCheckFailed")) {
                    // a ticket was not ISSUED (the revocation puts in between carry no condition)
                    return Outcome.TICKETS_TAKEN;
                }
                Map<String, AttributeValue> order = dynamo.getItem(r -> r.tableName(table)
                        .key(orderKey(c.orderId())).consistentRead(true)).item();
                return OrderStatus.PAID.name().equals(str(order, "status")) ? Outcome.OVER_PAID_AMOUNT
                        : Outcome.TICKETS_TAKEN;
            }
        }
    }

    private static int ticketIdIndex(TicketCancellation c, String ticketId) {
        return c.ticketIds().indexOf(ticketId);
    }

    /** A new PENDING cancellation's item, in the refund sweep's index until it finishes. */
    public static Map<String, AttributeValue> item(TicketCancellation c) {
        Map<String, AttributeValue> item = new HashMap<>(key(c.orderId(), c.id()));
        item.put("cancellationId", s(c.id()));
        item.put("orderId", s(c.orderId()));
        item.put("userId", s(c.userId()));
        item.put("roundId", s(c.roundId()));
        item.put("ticketIds", AttributeValue.fromL(c.ticketIds().stream().map(Attr::s).toList()));
        item.put("seatIds", AttributeValue.fromL(c.seatIds().stream().map(Attr::s).toList()));
        item.put("price", n(c.price()));
        item.put("fee", n(c.fee()));
        item.put("refund", n(c.refund()));
        item.put("rule", s(c.rule()));
        item.put("cancelStatus", s(c.status().name()));
        item.put("requestedAt", Attr.time(c.requestedAt()));
        item.put("gsi2pk", s(REFUND_PENDING));
        item.put("gsi2sk", s(DynamoTickets.millis(c.requestedAt()) + "#" + c.orderId() + "#" + c.id()));
        return item;
    }

    /**
     * Commits the cancellation's refund against its order: only while the order is PAID and its committed refunds stay
     * within what was paid, so no two cancellations ever refund more than the order's amount.
     */
    public static TransactWriteItem commitRefund(String table, TicketCancellation c, long paidAmount) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(orderKey(c.orderId()))
                .updateExpression("ADD committedRefund :refund")
                .conditionExpression("#status = :paid AND (attribute_not_exists(committedRefund) "
                        + "OR committedRefund <= :room)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":refund", n(c.refund()), ":paid", s(OrderStatus.PAID.name()),
                        ":room", n(paidAmount - c.refund())))).build();
    }

    @Override
    public Optional<TicketCancellation> find(String orderId, String cancellationId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(orderId, cancellationId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toCancellation(item));
    }

    @Override
    public List<TicketCancellation> of(String orderId) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :o AND begins_with(sk, :c)")
                        .expressionAttributeValues(Map.of(":o", s("ORDER#" + orderId), ":c", s("CANCEL#"))).build())
                .items().stream().map(DynamoTicketCancellations::toCancellation)
                .sorted(java.util.Comparator.comparing(TicketCancellation::requestedAt)).toList();
    }

    @Override
    public List<TicketCancellation> pendingBefore(Instant cutoff, int limit) {
        return dynamo.query(QueryRequest.builder().tableName(table).indexName("gsi2")
                        .keyConditionExpression("gsi2pk = :p AND gsi2sk < :cutoff")
                        .expressionAttributeValues(Map.of(":p", s(REFUND_PENDING),
                                ":cutoff", s(DynamoTickets.millis(cutoff))))
                        .limit(limit).build())
                .items().stream().map(DynamoTicketCancellations::toCancellation).toList();
    }

    @Override
    public boolean finish(TicketCancellation c, Instant at, int ticketsInOrder) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(c.orderId(), c.id()))
                .updateExpression("SET cancelStatus = :refunded, refundedAt = :at REMOVE gsi2pk, gsi2sk")
                .conditionExpression("cancelStatus = :pending")
                .expressionAttributeValues(Map.of(":refunded", s(TicketCancellation.Status.REFUNDED.name()),
                        ":pending", s(TicketCancellation.Status.PENDING.name()), ":at", Attr.time(at)))).build());
        for (String ticketId : c.ticketIds()) {
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(ticketKey(c.orderId(), ticketId))
                    .updateExpression("SET ticketStatus = :cancelled, cancelledAt = :at")
                    .conditionExpression("cancellationId = :c")
                    // a ticket handed on ends TRANSFERRED: its seat is the buyer's, not cancelled
                    .expressionAttributeValues(Map.of(":cancelled", s((c.isTransfer()
                                    ? Ticket.TicketStatus.TRANSFERRED : Ticket.TicketStatus.CANCELLED).name()),
                            ":c", s(c.id()), ":at", Attr.time(at)))).build());
        }
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(orderKey(c.orderId()))
                .updateExpression("ADD refunded :refund, fees :fee, cancelledTickets :n")
                .expressionAttributeValues(Map.of(":refund", n(c.refund()), ":fee", n(c.fee()),
                        ":n", n(c.ticketIds().size())))).build());
        if (c.refund() > 0) {
            // the reconciliation ledger's entry for the day it was refunded
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(LedgerKeys.item(c.orderId(),
                    LedgerEntry.Kind.REFUND, c.refund(), at, c.id()))).build());
        }
        boolean finished = false;
        for (int attempt = 1; !finished; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(writes));
                finished = true;
            } catch (TransactionCanceledException cancelled) {
                List<String> reasons = reasons(cancelled);
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0))) {
                    return false; // finished before
                }
                if (attempt >= ATTEMPTS) {
                    throw cancelled;
                }
            }
        }
        try {
            // nothing left to cancel: the order is refunded (a racing finisher may have done it first)
            dynamo.updateItem(r -> r.tableName(table).key(orderKey(c.orderId()))
                    .updateExpression("SET #status = :refunded, updatedAt = :now")
                    .conditionExpression("#status = :paid AND cancelledTickets >= :all")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":refunded", s(OrderStatus.REFUNDED.name()),
                            ":paid", s(OrderStatus.PAID.name()), ":all", n(ticketsInOrder),
                            ":now", s(at.toString()))));
        } catch (ConditionalCheckFailedException stillTickets) {
            // tickets remain (or another finisher marked it): the order stays PAID
        }
        return true;
    }

    private static List<String> reasons(TransactionCanceledException e) {
        return e.hasCancellationReasons() ? e.cancellationReasons().stream().map(CancellationReason::code).toList()
                : List.of();
    }

    static TicketCancellation toCancellation(Map<String, AttributeValue> item) {
        return new TicketCancellation(str(item, "cancellationId"), str(item, "orderId"), str(item, "userId"),
                str(item, "roundId"), item.get("ticketIds").l().stream().map(AttributeValue::s).toList(),
                item.get("seatIds").l().stream().map(AttributeValue::s).toList(),
                Attr.num(item, "price"), Attr.num(item, "fee"), Attr.num(item, "refund"), str(item, "rule"),
                TicketCancellation.Status.valueOf(str(item, "cancelStatus")), Attr.instant(item, "requestedAt"),
                item.containsKey("refundedAt") ? Attr.instant(item, "refundedAt") : null);
    }
}
