package dev.madang.aws.order;

import dev.madang.aws.support.Cursors;
import dev.madang.domain.cancellation.BookingHistory;
import dev.madang.domain.cancellation.TicketCancellation;
import dev.madang.domain.common.Page;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.Ticket;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.madang.aws.support.Attr.s;

/**
 * A fan's booking history from the orders table: one query on gsi1 ({@code USER#id}, {@code ORDER#...}, newest first)
 * for a page of orders, then one query per order on its own partition, which holds the order, its tickets and its
 * cancellations together (pk = ORDER#id). At most 1 + limit queries a page; no scan.
 */
public final class DynamoBookingHistory implements BookingHistory {

    private static final List<String> CURSOR_KEY = List.of("pk", "sk", "gsi1pk", "gsi1sk");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoBookingHistory(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Page<Booking> of(String userId, String cursor, int limit) {
        String fan = "USER#" + userId;
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :u AND begins_with(gsi1sk, :o)")
                .expressionAttributeValues(Map.of(":u", s(fan), ":o", s("ORDER#")))
                .scanIndexForward(false).limit(limit);
        if (cursor != null) {
            Map<String, AttributeValue> start = Cursors.decode(cursor, CURSOR_KEY);
            if (!fan.equals(start.get("gsi1pk").s())) {
                throw Cursors.foreign(); // another fan's list: never page through it
            }
            q.exclusiveStartKey(start);
        }
        QueryResponse page = dynamo.query(q.build());
        List<Booking> bookings = new ArrayList<>();
        for (Map<String, AttributeValue> summary : page.items()) {
            bookings.add(booking(summary.get("pk").s()));
        }
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                && page.items().size() == limit ? Cursors.encode(page.lastEvaluatedKey(), CURSOR_KEY) : null;
        return new Page<>(bookings, next);
    }

    private Booking booking(String partition) {
        Order order = null;
        List<Ticket> tickets = new ArrayList<>();
        List<TicketCancellation> cancellations = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(r -> r.tableName(table)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s(partition)))).items()) {
            String sk = item.get("sk").s();
            if (sk.equals("META")) {
                order = DynamoOrders.toOrder(item);
            } else if (sk.startsWith("TICKET#")) {
                tickets.add(DynamoOrders.toTicket(item));
            } else if (sk.startsWith("CANCEL#")) {
                cancellations.add(DynamoTicketCancellations.toCancellation(item));
            }
        }
        tickets.sort(Comparator.comparing(Ticket::ticketId));
        cancellations.sort(Comparator.comparing(TicketCancellation::requestedAt));
        return new Booking(order, tickets, cancellations);
    }
}
