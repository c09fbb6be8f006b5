package dev.madang.aws.release;

import dev.madang.aws.catalog.SeatKeys;
import dev.madang.aws.support.Attr;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.release.ReleasePools;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Release pools in the seats table, beside the seats they hold back:
 * <pre>
 * | pattern                         | key condition                                                     | index |
 * |---------------------------------|-------------------------------------------------------------------|-------|
 * | pool a cancelled ticket's seat  | PutItem pk = POOL, sk = round#seatId (a repeat rewrites the same) | table |
 * | every pooled seat (the release) | Query pk = POOL (paginated)                                       | table |
 * | one round's pool                | Query pk = POOL, sk begins_with round#                            | table |
 * | release a seat                  | UpdateItem the seat REMOVE ticketId... IF ticketId = cancelled    | table |
 * |                                 | ticket; then DeleteItem the pool item                             |       |
 * </pre>
 * One partition for every pool: cancellations are rare next to holds (a few per second at the busiest), far below a
 * partition's 1,000 writes per second, and the nightly release reads it in one paginated query with no scan.
 * The seat item is not touched when a seat is pooled: it is still taken by the cancelled ticket, which is exactly what
 * keeps holds, draws and best available away from it.
 */
public final class DynamoReleasePools implements ReleasePools {

    static final String PARTITION = "POOL";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReleasePools(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void add(String roundId, Seat seat, String ticketId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(PARTITION));
        item.put("sk", s(roundId + "#" + seat.id()));
        item.put("roundId", s(roundId));
        item.put("seatId", s(seat.id()));
        item.put("sectionId", s(seat.sectionId()));
        item.put("row", s(seat.row()));
        item.put("number", n(seat.number()));
        item.put("ticketId", s(ticketId));
        item.put("pooledAt", Attr.time(now));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public List<PooledSeat> pooled() {
        return query(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(PARTITION))).consistentRead(true).build());
    }

    @Override
    public List<PooledSeat> pooled(String roundId) {
        return query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :round)")
                .expressionAttributeValues(Map.of(":pk", s(PARTITION), ":round", s(roundId + "#")))
                .consistentRead(true).build());
    }

    @Override
    public boolean release(PooledSeat pooled) {
        boolean freed;
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of("pk", s(SeatKeys.partitionKey(pooled.roundId(), pooled.seat())), "sk",
                            s(pooled.seatId())))
                    .updateExpression("REMOVE ticketId, ownerId, holdId, holderId, holdExpiresAt, expiresAtEpoch")
                    .conditionExpression("ticketId = :ticket")
                    .expressionAttributeValues(Map.of(":ticket", s(pooled.ticketId()))));
            freed = true;
        } catch (ConditionalCheckFailedException notOurs) {
            freed = false; // released before (a repeat), or the seat is someone else's: never free it
        }
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of("pk", s(PARTITION),
                "sk", s(pooled.roundId() + "#" + pooled.seatId()))));
        return freed;
    }

    private List<PooledSeat> query(QueryRequest request) {
        return dynamo.queryPaginator(request).items().stream().map(item -> new PooledSeat(str(item, "roundId"),
                str(item, "seatId"), str(item, "sectionId"), str(item, "row"), (int) Attr.num(item, "number"),
                str(item, "ticketId"), Attr.instant(item, "pooledAt"))).toList();
    }
}
