package dev.madang.aws.catalog;

import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SeatInventory;
import dev.madang.domain.catalog.SeatLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

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
 * A partition per row spreads one round's writes over as many keys as it has rows (a DynamoDB key takes at most
 * 1,000 writes/s); the snapshot refresher reads every row of a round, the lottery draw and best available (after a
 * refused seat write) the rows of the sections they fill, viewers never do. It queries the rows
 * {@value #QUERY_THREADS} at a time with eventually consistent reads (half the read units; a snapshot refreshed every
 * second is no more exact than that anyway), so a 1,000-row round costs one pass of about 1,000/16 query latencies.
 */
final class DynamoSeatInventory implements SeatInventory {

    /** Concurrent row queries per refresh; also the HTTP client's connections this adapter keeps busy. */
    static final int QUERY_THREADS = 16;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final DynamoDbClient dynamo;
    private final String table;
    private final ThreadPoolExecutor rowQueries;

    DynamoSeatInventory(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        // daemon threads that time out when idle: an adapter dropped without closing leaves no thread behind, and
        // a Lambda snapshot (SnapStart) taken before the first refresh holds none
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.rowQueries = new ThreadPoolExecutor(QUERY_THREADS, QUERY_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "seat-inventory-" + pool + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.rowQueries.allowCoreThreadTimeOut(true);
    }

    @Override
    public BitSet takenSeats(Round round, SeatLayout layout, Instant now) {
        long nowMillis = now.toEpochMilli();
        List<Future<int[]>> rows = new ArrayList<>();
        try {
            for (String partition : SeatKeys.partitionKeys(round.id(), layout)) {
                rows.add(rowQueries.submit(() -> takenIn(partition, layout, nowMillis)));
            }
            BitSet taken = new BitSet(layout.seatCount());
            for (Future<int[]> row : rows) {
                for (int index : row.get()) {
                    taken.set(index);
                }
            }
            return taken;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IllegalStateException("reading the seats of round " + round.id() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the seats of round " + round.id(), e);
        } finally {
            // after a failure, the rows not yet read are not worth reading
            rows.forEach(row -> row.cancel(true));
        }
    }

    /** The layout indexes of the held (hold not yet expired) or sold seats of one row partition. */
    private int[] takenIn(String partition, SeatLayout layout, long nowMillis) {
        IntStream.Builder taken = IntStream.builder();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table)
                    .keyConditionExpression("pk = :pk")
                    // only the taken seats come back: DynamoDB reads (and bills) the row either way, but the
                    // answer, and this worker's unmarshalling of it, shrinks to what is taken (profiled under load:
                    // two thirds of the JVM's CPU went to unmarshalling free seats)
                    .filterExpression("attribute_exists(ticketId) OR holdExpiresAt > :now")
                    .expressionAttributeValues(Map.of(":pk", s(partition),
                            ":now", AttributeValue.builder().n(Long.toString(nowMillis)).build()))
                    .projectionExpression("sk, ticketId, holdExpiresAt")
                    .consistentRead(false)
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                boolean sold = item.containsKey("ticketId");
                AttributeValue expires = item.get("holdExpiresAt");
                // holdExpiresAt is epoch millis: a hold past it is free, whatever TTL has not yet deleted
                boolean held = expires != null && expires.n() != null && Long.parseLong(expires.n()) > nowMillis;
                if (sold || held) {
                    layout.seat(item.get("sk").s()).ifPresent(seat -> taken.add(layout.indexOf(seat.id())));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return taken.build().toArray();
    }
}
