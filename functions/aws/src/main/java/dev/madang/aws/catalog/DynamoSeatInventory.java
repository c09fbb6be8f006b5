package dev.madang.aws.catalog;

import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatInventory;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static dev.madang.aws.support.Attr.s;

/**
 * Seat records in the seats table. Access patterns:
 * <pre>
 * | pattern                         | key condition                                   | index |
 * |---------------------------------|-------------------------------------------------|-------|
 * | one seat of a round             | pk = SEAT#round#section#row, sk = seatId        | table |
 * | the seats of one row of a round | pk = SEAT#round#section#row                     | table |
 * | a round's seat map snapshot     | pk = RND#round, sk = SNAPSHOT                   | table |
 * </pre>
 * A partition per row spreads one show's writes over as many keys as it has rows (a DynamoDB key takes at most
 * 1,000 writes/s); the snapshot refresher reads row by row, viewers never do.
 */
final class DynamoSeatInventory implements SeatInventory {

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoSeatInventory(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public BitSet takenSeats(Round round, SeatLayout layout, Instant now) {
        BitSet taken = new BitSet(layout.seatCount());
        long nowMillis = now.toEpochMilli();
        for (String partition : SeatKeys.partitionKeys(round.id(), layout)) {
            {
                Map<String, AttributeValue> start = null;
                do {
                    Map<String, AttributeValue> from = start;
                    QueryResponse page = dynamo.query(r -> r.tableName(table)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(partition)))
                            .exclusiveStartKey(from));
                    for (Map<String, AttributeValue> item : page.items()) {
                        boolean sold = item.containsKey("ticketId");
                        AttributeValue expires = item.get("holdExpiresAt");
                        // holdExpiresAt is epoch millis: a hold past it is free, whatever TTL has not yet deleted
                        boolean held = expires != null && expires.n() != null && Long.parseLong(expires.n()) > nowMillis;
                        if (sold || held) {
                            layout.seat(item.get("sk").s()).map(Seat::id).ifPresent(id -> taken.set(layout.indexOf(id)));
                        }
                    }
                    start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                } while (start != null);
            }
        }
        return taken;
    }
}
