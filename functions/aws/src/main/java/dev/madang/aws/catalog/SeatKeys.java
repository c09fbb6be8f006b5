package dev.madang.aws.catalog;

import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where a round's seat records live in the seats table. One partition key per row of a section: a DynamoDB
 * partition key takes at most 1,000 writes/s (failed conditional writes included), and an on-sale rush concentrates
 * on the front rows, so the key must be finer than a section. The hot-key model ({@code HotKeyModel} in
 * tools/benchmarks) measures the busiest key under a stated arrival model with this very function.
 */
public final class SeatKeys {

    private SeatKeys() {
    }

    public static String partitionKey(String roundId, Seat seat) {
        return partitionKey(roundId, seat.sectionId(), seat.row());
    }

    public static String partitionKey(String roundId, String sectionId, String row) {
        return "SEAT#" + roundId + "#" + sectionId + "#" + row;
    }

    /** Every partition key a round's seats can live under, in layout order (the snapshot refresher reads them all). */
    public static Set<String> partitionKeys(String roundId, SeatLayout layout) {
        Set<String> keys = new LinkedHashSet<>();
        for (Seat seat : layout.seats()) {
            keys.add(partitionKey(roundId, seat));
        }
        return keys;
    }
}
