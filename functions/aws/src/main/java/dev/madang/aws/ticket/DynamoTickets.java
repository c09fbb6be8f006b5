package dev.madang.aws.ticket;

import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.support.Cursors;
import dev.madang.domain.common.Page;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.ticket.Admission;
import dev.madang.domain.ticket.Revocation;
import dev.madang.domain.ticket.Tickets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Tickets at the door, in the orders table ({@code OrdersTable}) beside the orders that issued them:
 * <pre>
 * | pattern                                  | key condition                                              | index |
 * |------------------------------------------|------------------------------------------------------------|-------|
 * | a ticket by id (the order id is its      | GetItem pk = ORDER#orderId, sk = TICKET#ticketId           | table |
 * | prefix)                                  | (consistent)                                               |       |
 * | admit it: first scan wins, earliest      | UpdateItem IF roundId = :round AND (ticketStatus = ISSUED  | table |
 * | scan time replaces a later one           | OR ticketStatus = ADMITTED AND admittedAt > :at); sets     |       |
 * |                                          | gsi2pk = ADMITTED#round, gsi2sk = admittedAt#ticketId      |       |
 * | revoke it, with its revocation entry     | TransactWriteItems: the ticket IF ticketStatus = ISSUED +  | table |
 * |                                          | Put pk = REVOKED#round, sk = revokedAt#ticketId            |       |
 * | a round's revocations since a moment     | Query pk = REVOKED#round, sk >= since                      | table |
 * | a round's admissions, earliest first     | Query gsi2pk = ADMITTED#round (sparse)                     | gsi2  |
 * </pre>
 * Times in keys and conditions are fixed-width UTC with milliseconds, so string order is time order. gsi2 is the
 * unpaid-order sweep's index too ({@code gsi2pk = OPEN}); an admitted ticket is only ever under its round's key.
 */
public final class DynamoTickets implements Tickets {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final List<String> REVOCATION_KEY = List.of("pk", "sk");
    private static final List<String> ADMISSION_KEY = List.of("pk", "sk", "gsi2pk", "gsi2sk");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTickets(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static String millis(Instant t) {
        return MILLIS.format(t);
    }

    public static Map<String, AttributeValue> key(String ticketId) {
        return Map.of("pk", s("ORDER#" + Ticket.orderIdOf(ticketId)), "sk", s("TICKET#" + ticketId));
    }

    private Optional<Map<String, AttributeValue>> item(String ticketId) {
        if (!Ticket.isWellFormedId(ticketId)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(ticketId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    @Override
    public Optional<Ticket> byId(String ticketId) {
        return item(ticketId).map(DynamoTickets::toTicket);
    }

    @Override
    public AdmitResult admit(Admission a) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":admitted", s(Ticket.TicketStatus.ADMITTED.name()));
        values.put(":issued", s(Ticket.TicketStatus.ISSUED.name()));
        values.put(":round", s(a.roundId()));
        values.put(":at", s(millis(a.admittedAt())));
        values.put(":gate", s(a.gate()));
        values.put(":by", s(a.scannerId()));
        values.put(":code", s(a.codeId()));
        values.put(":gpk", s("ADMITTED#" + a.roundId()));
        values.put(":gsk", s(millis(a.admittedAt()) + "#" + a.ticketId()));
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Map<String, AttributeValue> old = dynamo.updateItem(r -> r.tableName(table).key(key(a.ticketId()))
                        .updateExpression("SET ticketStatus = :admitted, admittedAt = :at, admittedGate = :gate, "
                                + "admittedBy = :by, admittedCode = :code, gsi2pk = :gpk, gsi2sk = :gsk")
                        .conditionExpression("attribute_exists(pk) AND roundId = :round AND (ticketStatus = :issued "
                                + "OR (ticketStatus = :admitted AND admittedAt > :at))")
                        .expressionAttributeValues(values).returnValues(ReturnValue.ALL_OLD)).attributes();
                Admission superseded = old != null && Ticket.TicketStatus.ADMITTED.name().equals(str(old, "ticketStatus"))
                        ? toAdmission(old) : null;
                return new AdmitResult(AdmitResult.Outcome.ADMITTED, a, superseded, null);
            } catch (ConditionalCheckFailedException refused) {
                Optional<Map<String, AttributeValue>> item = item(a.ticketId());
                if (item.isEmpty() || !a.roundId().equals(str(item.get(), "roundId"))) {
                    return new AdmitResult(AdmitResult.Outcome.NO_SUCH_TICKET, null, null, null);
                }
                Ticket.TicketStatus status = Ticket.TicketStatus.valueOf(str(item.get(), "ticketStatus"));
                if (status == Ticket.TicketStatus.ADMITTED) {
                    Admission standing = toAdmission(item.get());
                    if (!standing.admittedAt().isAfter(a.admittedAt())) {
                        return new AdmitResult(AdmitResult.Outcome.ALREADY_ADMITTED, standing, null, null);
                    }
                } else if (status.isRevoked() || status == Ticket.TicketStatus.TRANSFERRING) {
                    return new AdmitResult(AdmitResult.Outcome.REVOKED, null, null, status);
                }
                // it changed between the write and the read: try the write again
            }
        }
        throw new IllegalStateException("ticket " + a.ticketId() + " kept changing while it was admitted");
    }

    @Override
    public boolean revoke(String ticketId, Ticket.TicketStatus reason, Instant at) {
        Optional<Ticket> found = byId(ticketId);
        if (found.isEmpty() || found.get().status() != Ticket.TicketStatus.ISSUED) {
            return false;
        }
        Ticket t = found.get();
        Map<String, AttributeValue> entry = revocation(t.roundId(), ticketId, t.seatId(), reason, at);
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key(ticketId))
                        .updateExpression("SET ticketStatus = :reason, revokedAt = :at")
                        .conditionExpression("ticketStatus = :issued")
                        .expressionAttributeValues(Map.of(":reason", s(reason.name()), ":at", s(millis(at)),
                                ":issued", s(Ticket.TicketStatus.ISSUED.name())))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(entry)
                        .conditionExpression("attribute_not_exists(pk)")).build());
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException cancelled) {
            boolean moved = cancelled.hasCancellationReasons()
                    && "ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(0).code());
            if (moved) {
                return false;
            }
            throw cancelled;
        }
    }

    /** A ticket's entry in its round's revocation list, the form scanners sync. */
    public static Map<String, AttributeValue> revocation(String roundId, String ticketId, String seatId,
                                                         Ticket.TicketStatus reason, Instant at) {
        Map<String, AttributeValue> entry = new HashMap<>();
        entry.put("pk", s("REVOKED#" + roundId));
        entry.put("sk", s(millis(at) + "#" + ticketId));
        entry.put("ticketId", s(ticketId));
        entry.put("roundId", s(roundId));
        entry.put("seatId", s(seatId));
        entry.put("reason", s(reason.name()));
        entry.put("revokedAt", s(millis(at)));
        return entry;
    }

    @Override
    public Page<Revocation> revocations(String roundId, Instant since, String cursor, int limit) {
        String partition = "REVOKED#" + roundId;
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :p AND sk >= :since")
                .expressionAttributeValues(Map.of(":p", s(partition), ":since", s(millis(since)))).limit(limit);
        if (cursor != null) {
            Map<String, AttributeValue> start = Cursors.decode(cursor, REVOCATION_KEY);
            if (!partition.equals(start.get("pk").s())) {
                throw Cursors.foreign();
            }
            q.exclusiveStartKey(start);
        }
        QueryResponse page = dynamo.query(q.build());
        return new Page<>(page.items().stream().map(i -> new Revocation(str(i, "ticketId"), str(i, "roundId"),
                str(i, "seatId"), Ticket.TicketStatus.valueOf(str(i, "reason")), Instant.parse(str(i, "revokedAt"))))
                .toList(), next(page, REVOCATION_KEY));
    }

    @Override
    public Page<Admission> admissions(String roundId, String cursor, int limit) {
        String partition = "ADMITTED#" + roundId;
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName("gsi2")
                .keyConditionExpression("gsi2pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition))).limit(limit);
        if (cursor != null) {
            Map<String, AttributeValue> start = Cursors.decode(cursor, ADMISSION_KEY);
            if (!partition.equals(start.get("gsi2pk").s())) {
                throw Cursors.foreign();
            }
            q.exclusiveStartKey(start);
        }
        QueryResponse page = dynamo.query(q.build());
        return new Page<>(page.items().stream().map(DynamoTickets::toAdmission).toList(), next(page, ADMISSION_KEY));
    }

    @Override
    public Map<String, Long> admittedByGate(String roundId) {
        Map<String, Long> counts = new TreeMap<>();
        dynamo.queryPaginator(r -> r.tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("ADMITTED#" + roundId)))
                        .projectionExpression("admittedGate")).items()
                .forEach(i -> counts.merge(str(i, "admittedGate"), 1L, Long::sum));
        return counts;
    }

    private static String next(QueryResponse page, List<String> keyNames) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Cursors.encode(page.lastEvaluatedKey(), keyNames) : null;
    }

    private static Admission toAdmission(Map<String, AttributeValue> item) {
        return new Admission(str(item, "ticketId"), str(item, "roundId"), str(item, "seatId"),
                Instant.parse(str(item, "admittedAt")), str(item, "admittedGate"), str(item, "admittedBy"),
                str(item, "admittedCode"));
    }

    /** The same item layout {@code DynamoOrders} writes at issue. */
    static Ticket toTicket(Map<String, AttributeValue> item) {
        return DynamoOrders.toTicket(item);
    }
}
