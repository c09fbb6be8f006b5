package dev.madang.aws.trade;

import dev.madang.aws.catalog.SeatKeys;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.order.DynamoTicketCancellations;
import dev.madang.aws.support.Attr;
import dev.madang.aws.support.BatchGets;
import dev.madang.aws.ticket.DynamoTickets;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.trade.ListedSeat;
import dev.madang.domain.trade.Listing;
import dev.madang.domain.trade.ListingKind;
import dev.madang.domain.trade.TradeRequest;
import dev.madang.domain.trade.Trades;
import dev.madang.domain.trade.WantedSeats;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Listings and trade requests in the orders table ({@code OrdersTable}), beside the tickets and orders they move, so
 * every trade is one transaction over the items it changes (and the seat's record in the seats table):
 * <pre>
 * | pattern                                  | key condition                                                | index |
 * |------------------------------------------|--------------------------------------------------------------|-------|
 * | list a ticket                            | TransactWriteItems: Put pk = LISTING#id, sk = META + the     | table |
 * |                                          | ticket SET listingId IF ISSUED, the lister's, not listed     |       |
 * | a listing; its requests                  | GetItem sk = META; Query pk = LISTING#id, sk begins_with     | table |
 * |                                          | REQUEST# (consistent)                                        |       |
 * | a round's OPEN listings                  | Query gsi2pk = LISTED#round (sparse: removed when it closes) | gsi2  |
 * | my listings; my requests, newest first   | Query gsi1pk = USER#id, gsi1sk begins_with LISTING# / TRADE# | gsi1  |
 * | the tickets' statuses (void listings)    | BatchGetItem of the tickets, projected                       | table |
 * | accepted transfers past their deadline   | Query gsi2pk = TRANSFER_DUE, gsi2sk < deadline (sparse)      | gsi2  |
 * | swap, accept, pay, hand over, give back  | TransactWriteItems, each item conditional on its state       | table |
 * </pre>
 * Transactions fit here (docs/architecture.md): a trade changes two fans' items at once and is contended only by
 * those two fans and the door.
 */
public final class DynamoTrades implements Trades {

    private static final String LISTED = "LISTED#";
    private static final String TRANSFER_DUE = "TRANSFER_DUE";
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final int ATTEMPTS = 4;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String seatsTable;

    public DynamoTrades(DynamoDbClient dynamo, String ordersTable, String seatsTable) {
        this.dynamo = dynamo;
        this.table = ordersTable;
        this.seatsTable = seatsTable;
    }

    private static Map<String, AttributeValue> listingKey(String listingId) {
        return Map.of("pk", s("LISTING#" + listingId), "sk", s("META"));
    }

    private static Map<String, AttributeValue> requestKey(String listingId, String requestId) {
        return Map.of("pk", s("LISTING#" + listingId), "sk", s("REQUEST#" + requestId));
    }

    private static Map<String, AttributeValue> seatKey(String roundId, ListedSeat seat) {
        return Map.of("pk", s(SeatKeys.partitionKey(roundId, seat.sectionId(), seat.row())), "sk", s(seat.seatId()));
    }

    // ---- listings

    @Override
    public ListOutcome list(Listing l) {
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(listingItem(l))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(DynamoTickets.key(l.ticketId()))
                        .updateExpression("SET listingId = :l")
                        .conditionExpression("ticketStatus = :issued AND ownerId = :owner "
                                + "AND attribute_not_exists(listingId)")
                        .expressionAttributeValues(Map.of(":l", s(l.id()), ":owner", s(l.ownerId()),
                                ":issued", s(Ticket.TicketStatus.ISSUED.name())))).build());
        if (transact(writes).isEmpty()) {
            return ListOutcome.LISTED;
        }
        Map<String, AttributeValue> ticket = dynamo.getItem(r -> r.tableName(table)
                .key(DynamoTickets.key(l.ticketId())).consistentRead(true)).item();
        return Ticket.TicketStatus.ISSUED.name().equals(str(ticket, "ticketStatus")) && ticket.containsKey("listingId")
                ? ListOutcome.ALREADY_LISTED : ListOutcome.TICKET_NOT_ISSUED;
    }

    @Override
    public Optional<Listing> listing(String listingId) {
        if (!dev.madang.domain.common.Ids.isWellFormed(listingId)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(listingKey(listingId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toListing(item));
    }

    @Override
    public List<Listing> openIn(String roundId) {
        return query(QueryRequest.builder().tableName(table).indexName("gsi2")
                .keyConditionExpression("gsi2pk = :p")
                .expressionAttributeValues(Map.of(":p", s(LISTED + roundId))).build())
                .stream().map(DynamoTrades::toListing).filter(Listing::isOpen).toList();
    }

    @Override
    public List<Listing> ofOwner(String ownerId, int limit) {
        return query(QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :u AND begins_with(gsi1sk, :p)")
                .expressionAttributeValues(Map.of(":u", s("USER#" + ownerId), ":p", s("LISTING#")))
                .scanIndexForward(false).limit(limit).build()).stream().map(DynamoTrades::toListing).toList();
    }

    @Override
    public boolean withdraw(Listing l, Instant at) {
        return transact(List.of(
                close(l.id(), Listing.Status.OPEN, Listing.Status.WITHDRAWN, at),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(DynamoTickets.key(l.ticketId()))
                        .updateExpression("REMOVE listingId").conditionExpression("listingId = :l")
                        .expressionAttributeValues(Map.of(":l", s(l.id())))).build())).isEmpty();
    }

    @Override
    public Map<String, Ticket.TicketStatus> ticketStatuses(Collection<String> ticketIds) {
        Map<String, Ticket.TicketStatus> statuses = new HashMap<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(ticketIds.stream().filter(Ticket::isWellFormedId)
                .toList()));
        BatchGets.all(dynamo, table, ids.stream().map(DynamoTickets::key).toList(), "ticketId, ticketStatus")
                .forEach(item -> statuses.put(str(item, "ticketId"),
                        Ticket.TicketStatus.valueOf(str(item, "ticketStatus"))));
        return statuses;
    }

    // ---- requests

    @Override
    public boolean request(TradeRequest r) {
        return transact(List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(requestItem(r))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(listingKey(r.listingId()))
                        .conditionExpression("listingStatus = :open")
                        .expressionAttributeValues(Map.of(":open", s(Listing.Status.OPEN.name())))).build()))
                .isEmpty();
    }

    @Override
    public Optional<TradeRequest> request(String listingId, String requestId) {
        if (!dev.madang.domain.common.Ids.isWellFormed(listingId)
                || !dev.madang.domain.common.Ids.isWellFormed(requestId)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(requestKey(listingId, requestId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRequest(item));
    }

    @Override
    public List<TradeRequest> requestsOn(String listingId) {
        return query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :p AND begins_with(sk, :r)")
                .expressionAttributeValues(Map.of(":p", s("LISTING#" + listingId), ":r", s("REQUEST#"))).build())
                .stream().map(DynamoTrades::toRequest)
                .sorted(java.util.Comparator.comparing(TradeRequest::createdAt).thenComparing(TradeRequest::id))
                .toList();
    }

    @Override
    public List<TradeRequest> requestsBy(String requesterId, int limit) {
        return query(QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :u AND begins_with(gsi1sk, :p)")
                .expressionAttributeValues(Map.of(":u", s("USER#" + requesterId), ":p", s("TRADE#")))
                .scanIndexForward(false).limit(limit).build()).stream().map(DynamoTrades::toRequest).toList();
    }

    @Override
    public boolean decline(TradeRequest r, Instant at) {
        return transact(List.of(move(r, TradeRequest.Status.PENDING, TradeRequest.Status.DECLINED, at))).isEmpty();
    }

    // ---- exchange

    @Override
    public SwapOutcome swap(Swap x) {
        Listing a = x.listing();
        Listing b = x.offeredListing();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(move(x.request(), TradeRequest.Status.PENDING, TradeRequest.Status.DONE, x.at()));
        writes.add(close(a.id(), Listing.Status.OPEN, Listing.Status.DONE, x.at()));
        writes.add(close(b.id(), Listing.Status.OPEN, Listing.Status.DONE, x.at()));
        writes.add(retire(x.listed(), a, Ticket.TicketStatus.REISSUED, x.at()));
        writes.add(retire(x.offered(), b, Ticket.TicketStatus.REISSUED, x.at()));
        writes.addAll(revocations(List.of(x.listed(), x.offered()), Ticket.TicketStatus.REISSUED, x.at()));
        int firstReplacement = writes.size();
        for (Ticket replacement : List.of(x.listedReplacement(), x.offeredReplacement())) {
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(DynamoOrders.ticketItem(replacement)).conditionExpression("attribute_not_exists(pk)"))
                    .build());
        }
        // each seat's record follows its seat to the new ticket: a later cancellation releases the right seat
        writes.add(passSeat(a.roundId(), a.seat(), x.listed(), x.offeredReplacement()));
        writes.add(passSeat(b.roundId(), b.seat(), x.offered(), x.listedReplacement()));
        List<String> refused = transact(writes);
        if (refused.isEmpty()) {
            return SwapOutcome.SWAPPED;
        }
        boolean onlyIds = refused.subList(0, firstReplacement).stream().noneMatch(CONDITION_FAILED::equals)
                && refused.subList(firstReplacement + 2, refused.size()).stream().noneMatch(CONDITION_FAILED::equals);
        return onlyIds ? SwapOutcome.TICKET_ID_TAKEN : SwapOutcome.MOVED;
    }

    /** The ticket leaves its holder ({@code to}, a revoked status) and enters its round's revocation list. */
    private TransactWriteItem retire(Ticket t, Listing listing, Ticket.TicketStatus to, Instant at) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(DynamoTickets.key(t.ticketId()))
                .updateExpression("SET ticketStatus = :to, revokedAt = :at REMOVE listingId")
                .conditionExpression("ticketStatus = :issued AND ownerId = :owner AND listingId = :l")
                .expressionAttributeValues(Map.of(":to", s(to.name()), ":at", s(DynamoTickets.millis(at)),
                        ":issued", s(Ticket.TicketStatus.ISSUED.name()), ":owner", s(t.ownerId()),
                        ":l", s(listing.id())))).build();
    }

    private List<TransactWriteItem> revocations(List<Ticket> tickets, Ticket.TicketStatus reason, Instant at) {
        return tickets.stream().map(t -> TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(DynamoTickets.revocation(t.roundId(), t.ticketId(), t.seatId(), reason, at))).build()).toList();
    }

    private TransactWriteItem passSeat(String roundId, ListedSeat seat, Ticket from, Ticket to) {
        return TransactWriteItem.builder().update(u -> u.tableName(seatsTable).key(seatKey(roundId, seat))
                .updateExpression("SET ticketId = :to, ownerId = :owner, holdId = :order")
                .conditionExpression("ticketId = :from")
                .expressionAttributeValues(Map.of(":to", s(to.ticketId()), ":owner", s(to.ownerId()),
                        ":order", s(to.orderId()), ":from", s(from.ticketId())))).build();
    }

    // ---- transfer

    @Override
    public boolean acceptTransfer(TradeRequest r, Listing l, Instant payBy, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":accepted", s(TradeRequest.Status.ACCEPTED.name()),
                ":pending", s(TradeRequest.Status.PENDING.name()), ":payBy", s(DynamoTickets.millis(payBy)),
                ":at", s(DynamoTickets.millis(at)), ":due", s(TRANSFER_DUE),
                ":dueAt", s(DynamoTickets.millis(payBy) + "#" + r.listingId() + "#" + r.id())));
        return transact(List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(requestKey(r.listingId(), r.id()))
                        .updateExpression("SET requestStatus = :accepted, payBy = :payBy, decidedAt = :at, "
                                + "gsi2pk = :due, gsi2sk = :dueAt")
                        .conditionExpression("requestStatus = :pending").expressionAttributeValues(values)).build(),
                close(l.id(), Listing.Status.OPEN, Listing.Status.PENDING, at),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(DynamoTickets.key(l.ticketId()))
                        .updateExpression("SET ticketStatus = :transferring, transferRequestId = :r")
                        .conditionExpression("ticketStatus = :issued AND ownerId = :owner AND listingId = :l")
                        .expressionAttributeValues(Map.of(":transferring",
                                s(Ticket.TicketStatus.TRANSFERRING.name()), ":r", s(r.id()),
                                ":issued", s(Ticket.TicketStatus.ISSUED.name()), ":owner", s(l.ownerId()),
                                ":l", s(l.id())))).build())).isEmpty();
    }

    @Override
    public boolean startPayment(TradeRequest r, Order order, Instant now) {
        return transact(List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(requestKey(r.listingId(), r.id()))
                        .updateExpression("SET requestStatus = :paying REMOVE gsi2pk, gsi2sk")
                        .conditionExpression("requestStatus = :accepted AND payBy > :now")
                        .expressionAttributeValues(Map.of(":paying", s(TradeRequest.Status.PAYING.name()),
                                ":accepted", s(TradeRequest.Status.ACCEPTED.name()),
                                ":now", s(DynamoTickets.millis(now))))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(DynamoOrders.orderItem(order))
                        .conditionExpression("attribute_not_exists(pk)")).build())).isEmpty();
    }

    @Override
    public boolean giveBack(TradeRequest r, Listing l, TradeRequest.Status to, Instant at) {
        return transact(List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(requestKey(r.listingId(), r.id()))
                        .updateExpression("SET requestStatus = :to, decidedAt = :at REMOVE gsi2pk, gsi2sk")
                        .conditionExpression("requestStatus IN (:accepted, :paying)")
                        .expressionAttributeValues(Map.of(":to", s(to.name()), ":at", s(DynamoTickets.millis(at)),
                                ":accepted", s(TradeRequest.Status.ACCEPTED.name()),
                                ":paying", s(TradeRequest.Status.PAYING.name())))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(listingKey(l.id()))
                        .updateExpression("SET listingStatus = :open, gsi2pk = :board, gsi2sk = :order")
                        .conditionExpression("listingStatus = :pending")
                        .expressionAttributeValues(Map.of(":open", s(Listing.Status.OPEN.name()),
                                ":pending", s(Listing.Status.PENDING.name()), ":board", s(LISTED + l.roundId()),
                                ":order", s(boardOrder(l))))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(DynamoTickets.key(l.ticketId()))
                        .updateExpression("SET ticketStatus = :issued REMOVE transferRequestId")
                        .conditionExpression("ticketStatus = :transferring AND transferRequestId = :r")
                        .expressionAttributeValues(Map.of(":issued", s(Ticket.TicketStatus.ISSUED.name()),
                                ":transferring", s(Ticket.TicketStatus.TRANSFERRING.name()), ":r", s(r.id()))))
                        .build())).isEmpty();
    }

    @Override
    public List<TradeRequest> acceptedDueBefore(Instant cutoff, int limit) {
        return dynamo.query(QueryRequest.builder().tableName(table).indexName("gsi2")
                        .keyConditionExpression("gsi2pk = :p AND gsi2sk < :cutoff")
                        .expressionAttributeValues(Map.of(":p", s(TRANSFER_DUE),
                                ":cutoff", s(DynamoTickets.millis(cutoff)))).limit(limit).build())
                .items().stream().map(DynamoTrades::toRequest).toList();
    }

    @Override
    public boolean handOver(Handover h) {
        Ticket sellers = h.sellersTicket();
        Ticket buyers = h.buyersTicket();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(move(h.request(), TradeRequest.Status.PAYING, TradeRequest.Status.DONE, h.at()));
        writes.add(close(h.listing().id(), Listing.Status.PENDING, Listing.Status.DONE, h.at()));
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(DynamoTickets.key(sellers.ticketId()))
                .updateExpression("SET ticketStatus = :transferred, cancellationId = :c, revokedAt = :at "
                        + "REMOVE listingId, transferRequestId")
                .conditionExpression("ticketStatus = :transferring AND transferRequestId = :r")
                .expressionAttributeValues(Map.of(":transferred", s(Ticket.TicketStatus.TRANSFERRED.name()),
                        ":c", s(h.sellersRefund().id()), ":at", s(DynamoTickets.millis(h.at())),
                        ":transferring", s(Ticket.TicketStatus.TRANSFERRING.name()), ":r", s(h.request().id()))))
                .build());
        writes.addAll(revocations(List.of(sellers), Ticket.TicketStatus.TRANSFERRED, h.at()));
        writes.add(passSeat(h.listing().roundId(), h.listing().seat(), sellers, buyers));
        writes.addAll(DynamoOrders.paidWrites(table, buyers.orderId(), List.of(buyers)));
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(DynamoTicketCancellations.item(h.sellersRefund()))
                .conditionExpression("attribute_not_exists(pk)")).build());
        writes.add(DynamoTicketCancellations.commitRefund(table, h.sellersRefund(), h.sellersPaidAmount()));
        return transact(writes).isEmpty();
    }

    // ---- shared

    private TransactWriteItem move(TradeRequest r, TradeRequest.Status from, TradeRequest.Status to, Instant at) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(requestKey(r.listingId(), r.id()))
                .updateExpression("SET requestStatus = :to, decidedAt = :at")
                .conditionExpression("requestStatus = :from")
                .expressionAttributeValues(Map.of(":to", s(to.name()), ":from", s(from.name()),
                        ":at", s(DynamoTickets.millis(at))))).build();
    }

    /** The listing {@code from} → {@code to}, off the round's board. */
    private TransactWriteItem close(String listingId, Listing.Status from, Listing.Status to, Instant at) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(listingKey(listingId))
                .updateExpression("SET listingStatus = :to, closedAt = :at REMOVE gsi2pk, gsi2sk")
                .conditionExpression("listingStatus = :from")
                .expressionAttributeValues(Map.of(":to", s(to.name()), ":from", s(from.name()),
                        ":at", s(DynamoTickets.millis(at))))).build();
    }

    /**
     * Runs the transaction: the empty list when it was written, else each item's cancellation reason (in the order
     * of {@code writes}) when a condition failed. Conflicts with a concurrent transaction are retried.
     */
    private List<String> transact(List<TransactWriteItem> writes) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(writes));
                return List.of();
            } catch (TransactionCanceledException cancelled) {
                List<String> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons().stream()
                        .map(CancellationReason::code).toList() : List.of();
                if (reasons.contains(CONDITION_FAILED)) {
                    return reasons;
                }
                if (attempt >= ATTEMPTS) {
                    throw cancelled;
                }
            }
        }
    }

    private List<Map<String, AttributeValue>> query(QueryRequest request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(request).items().stream().limit(request.limit() == null ? Long.MAX_VALUE
                : request.limit()).forEach(items::add);
        return items;
    }

    private static String boardOrder(Listing l) {
        return DynamoTickets.millis(l.createdAt()) + "#" + l.id();
    }

    private static Map<String, AttributeValue> listingItem(Listing l) {
        Map<String, AttributeValue> item = new HashMap<>(listingKey(l.id()));
        item.put("listingId", s(l.id()));
        item.put("kind", s(l.kind().name()));
        item.put("ticketId", s(l.ticketId()));
        item.put("ownerId", s(l.ownerId()));
        item.put("roundId", s(l.roundId()));
        item.put("seatId", s(l.seat().seatId()));
        item.put("sectionId", s(l.seat().sectionId()));
        item.put("row", s(l.seat().row()));
        item.put("number", n(l.seat().number()));
        item.put("grade", s(l.grade()));
        item.put("price", n(l.price()));
        item.put("wanted", AttributeValue.fromL(l.wanted().stream().map(w -> {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("sectionId", s(w.sectionId()));
            if (w.row() != null) {
                m.put("row", s(w.row()));
            }
            if (w.fromNumber() != null) {
                m.put("fromNumber", n(w.fromNumber()));
                m.put("toNumber", n(w.toNumber()));
            }
            return AttributeValue.fromM(m);
        }).toList()));
        item.put("listingStatus", s(l.status().name()));
        item.put("createdAt", s(DynamoTickets.millis(l.createdAt())));
        item.put("gsi1pk", s("USER#" + l.ownerId()));
        item.put("gsi1sk", s("LISTING#" + DynamoTickets.millis(l.createdAt()) + "#" + l.id()));
        item.put("gsi2pk", s(LISTED + l.roundId()));
        item.put("gsi2sk", s(boardOrder(l)));
        return item;
    }

    private static Listing toListing(Map<String, AttributeValue> item) {
        List<WantedSeats> wanted = item.get("wanted").l().stream().map(AttributeValue::m).map(m -> new WantedSeats(
                m.get("sectionId").s(), m.containsKey("row") ? m.get("row").s() : null,
                m.containsKey("fromNumber") ? Integer.valueOf(m.get("fromNumber").n()) : null,
                m.containsKey("toNumber") ? Integer.valueOf(m.get("toNumber").n()) : null)).toList();
        return new Listing(str(item, "listingId"), ListingKind.valueOf(str(item, "kind")), str(item, "ticketId"),
                str(item, "ownerId"), str(item, "roundId"), new ListedSeat(str(item, "seatId"),
                str(item, "sectionId"), str(item, "row"), (int) Attr.num(item, "number")), str(item, "grade"),
                Attr.num(item, "price"), wanted, Listing.Status.valueOf(str(item, "listingStatus")),
                Instant.parse(str(item, "createdAt")));
    }

    private static Map<String, AttributeValue> requestItem(TradeRequest r) {
        Map<String, AttributeValue> item = new HashMap<>(requestKey(r.listingId(), r.id()));
        item.put("requestId", s(r.id()));
        item.put("listingId", s(r.listingId()));
        item.put("kind", s(r.kind().name()));
        item.put("requesterId", s(r.requesterId()));
        if (r.offeredListingId() != null) {
            item.put("offeredListingId", s(r.offeredListingId()));
        }
        item.put("requestStatus", s(r.status().name()));
        item.put("createdAt", s(DynamoTickets.millis(r.createdAt())));
        item.put("gsi1pk", s("USER#" + r.requesterId()));
        item.put("gsi1sk", s("TRADE#" + DynamoTickets.millis(r.createdAt()) + "#" + r.id()));
        return item;
    }

    private static TradeRequest toRequest(Map<String, AttributeValue> item) {
        return new TradeRequest(str(item, "requestId"), str(item, "listingId"), ListingKind.valueOf(str(item, "kind")),
                str(item, "requesterId"), str(item, "offeredListingId"),
                TradeRequest.Status.valueOf(str(item, "requestStatus")), Instant.parse(str(item, "createdAt")),
                item.containsKey("payBy") ? Instant.parse(str(item, "payBy")) : null);
    }
}
