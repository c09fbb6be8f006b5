package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must hold between seats, orders, tickets and money once a round's payments have settled, read from the stored
 * items and the Toss sandbox's ledger (never from our own adapters, so a bug there cannot hide itself):
 * <ol>
 *   <li>every seat is free, held by a live hold, or ticketed by an ISSUED ticket of a PAID order (ADMITTED, once
 *       scanned in at the door, counts as ISSUED throughout); a live hold never
 *       belongs to a closed order;</li>
 *   <li>every PAID order has one ISSUED ticket per seat, and each of those seats carries that ticket;</li>
 *   <li>every closed order (EXPIRED, CANCELLED, FAILED, REFUNDED) has no ISSUED ticket and nothing captured at the
 *       PG;</li>
 *   <li>the money captured at the PG for the round's orders equals the sum of its PAID orders' amounts.</li>
 * </ol>
 * Orders still open (a payment under way) are left out of 3 and 4: call this when the round is quiet. Tests may scan;
 * the checker reads the round's items with a filtered scan.
 */
public final class PaymentInvariants {

    /** A ticket that holds its seat for its fan: issued, or issued and admitted at the door. */
    private static boolean sold(String ticketStatus) {
        return "ISSUED".equals(ticketStatus) || "ADMITTED".equals(ticketStatus);
    }

    private static final Set<String> CLOSED = Set.of("EXPIRED", "CANCELLED", "FAILED", "REFUNDED");
    private static final Set<String> CAPTURED = Set.of("DONE", "PARTIAL_CANCELED");

    private final DynamoDbClient dynamo;
    private final String seatsTable;
    private final String ordersTable;
    private final TossSandbox toss;

    public PaymentInvariants(DynamoDbClient dynamo, String seatsTable, String ordersTable, TossSandbox toss) {
        this.dynamo = dynamo;
        this.seatsTable = seatsTable;
        this.ordersTable = ordersTable;
        this.toss = toss;
    }

    /** The local stack's tables by their template names. */
    public static PaymentInvariants of(LocalAws aws, TossSandbox toss) {
        return new PaymentInvariants(aws.dynamo(), aws.tableName("SeatsTable"), aws.tableName("OrdersTable"), toss);
    }

    /** What the check saw, for a test to print, and every broken rule, each naming the item. */
    public record Report(int seats, int orders, int paidOrders, long capturedAtPg, long paidOrdersAmount,
                         List<String> violations) {

        public boolean holds() {
            return violations.isEmpty();
        }

        /** Throws with every violation listed when any rule is broken. */
        public Report assertHolds() {
            if (!holds()) {
                throw new AssertionError("payment invariants broken (" + violations.size() + "):\n  "
                        + String.join("\n  ", violations));
            }
            return this;
        }

        @Override
        public String toString() {
            return "seats=" + seats + " orders=" + orders + " paid_orders=" + paidOrders + " captured_at_pg="
                    + capturedAtPg + " paid_orders_amount=" + paidOrdersAmount + " violations=" + violations.size();
        }
    }

    public Report check(String roundId, Instant now) {
        List<String> violations = new ArrayList<>();
        Map<String, Map<String, AttributeValue>> orders = new HashMap<>();
        Map<String, Map<String, AttributeValue>> tickets = new HashMap<>();
        for (Map<String, AttributeValue> item : scan(ordersTable, "roundId", roundId)) {
            if ("META".equals(str(item, "sk"))) {
                orders.put(str(item, "id"), item);
            } else if (str(item, "sk").startsWith("TICKET#")) {
                tickets.put(str(item, "ticketId"), item);
            }
        }

        // 1. seats
        List<Map<String, AttributeValue>> seats = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(ScanRequest.builder().tableName(seatsTable)
                .consistentRead(true).filterExpression("begins_with(pk, :p)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("SEAT#" + roundId + "#"))).build())
                .items()) {
            seats.add(item);
            String seat = str(item, "sk");
            String ticketId = str(item, "ticketId");
            if (ticketId != null) {
                Map<String, AttributeValue> ticket = tickets.get(ticketId);
                Map<String, AttributeValue> order = ticket == null ? null : orders.get(str(ticket, "orderId"));
                if (ticket == null || order == null) {
                    violations.add("seat " + seat + " carries ticket " + ticketId + ", which no order has");
                } else if (!"PAID".equals(str(order, "status")) || !sold(str(ticket, "ticketStatus"))
                        || !seat.equals(str(ticket, "seatId"))) {
                    violations.add("seat " + seat + " carries ticket " + ticketId + " (" + str(ticket, "ticketStatus")
                            + ", seat " + str(ticket, "seatId") + ") of order " + str(order, "id") + " ("
                            + str(order, "status") + ")");
                }
            } else if (item.containsKey("holdId") && Long.parseLong(item.get("holdExpiresAt").n()) > now.toEpochMilli()) {
                Map<String, AttributeValue> order = orders.get(str(item, "holdId"));
                if (order != null && CLOSED.contains(str(order, "status"))) {
                    violations.add("seat " + seat + " is held until " + Instant.ofEpochMilli(Long.parseLong(
                            item.get("holdExpiresAt").n())) + " for order " + str(order, "id") + ", which is "
                            + str(order, "status"));
                }
            }
        }
        Map<String, String> ticketOnSeat = new HashMap<>();
        seats.forEach(s -> ticketOnSeat.put(str(s, "sk"), str(s, "ticketId")));

        // 2.-4. orders, their tickets and the money at the PG
        int paid = 0;
        long captured = 0;
        long paidAmount = 0;
        for (Map<String, AttributeValue> order : orders.values()) {
            String id = str(order, "id");
            String status = str(order, "status");
            List<Map<String, AttributeValue>> issued = tickets.values().stream()
                    .filter(t -> id.equals(str(t, "orderId")) && sold(str(t, "ticketStatus"))).toList();
            long capturedHere = 0;
            for (JsonNode payment : toss.paymentsOfOrder(id)) {
                if (CAPTURED.contains(payment.path("status").asText())) {
                    capturedHere += payment.path("balanceAmount").asLong();
                }
            }
            if ("PAID".equals(status)) {
                paid++;
                paidAmount += Long.parseLong(order.get("amount").n());
                List<String> orderSeats = order.get("seats").l().stream().map(s -> s.m().get("seatId").s()).toList();
                Set<String> ticketSeats = new HashSet<>();
                for (Map<String, AttributeValue> t : issued) {
                    ticketSeats.add(str(t, "seatId"));
                    if (!str(t, "ticketId").equals(ticketOnSeat.get(str(t, "seatId")))) {
                        violations.add("ticket " + str(t, "ticketId") + " of PAID order " + id + " is not on seat "
                                + str(t, "seatId") + " (the seat carries " + ticketOnSeat.get(str(t, "seatId")) + ")");
                    }
                }
                if (issued.size() != orderSeats.size() || !ticketSeats.equals(new HashSet<>(orderSeats))) {
                    violations.add("PAID order " + id + " has " + issued.size() + " ISSUED tickets for seats "
                            + ticketSeats + ", not one per seat of " + orderSeats);
                }
                if (capturedHere != Long.parseLong(order.get("amount").n())) {
                    violations.add("PAID order " + id + " of " + order.get("amount").n() + " won has " + capturedHere
                            + " won captured at the PG");
                }
            } else if (CLOSED.contains(status)) {
                if (!issued.isEmpty()) {
                    violations.add(status + " order " + id + " has " + issued.size() + " ISSUED tickets");
                }
                if (capturedHere != 0) {
                    violations.add(status + " order " + id + " (" + str(order, "closeReason") + ") has " + capturedHere
                            + " won captured at the PG");
                }
            } else {
                continue; // a payment under way: not counted in the money below
            }
            captured += capturedHere;
        }
        if (captured != paidAmount) {
            violations.add("captured at the PG " + captured + " won, PAID orders " + paidAmount + " won");
        }
        return new Report(seats.size(), orders.size(), paid, captured, paidAmount, violations);
    }

    private List<Map<String, AttributeValue>> scan(String table, String attribute, String value) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true)
                .filterExpression("#a = :v").expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))).build()).items()
                .forEach(items::add);
        return items;
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
