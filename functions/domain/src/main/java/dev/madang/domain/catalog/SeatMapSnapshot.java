package dev.madang.domain.catalog;

import java.time.Instant;
import java.util.BitSet;

/**
 * Which seats of a round are taken (held or sold), one bit per seat in layout order, as of {@code asOf}. Viewers
 * read this one small item instead of the seat inventory, so a crowd watching the map costs no inventory reads.
 */
public record SeatMapSnapshot(String roundId, BitSet taken, Instant asOf) {

    public static SeatMapSnapshot empty(String roundId, Instant asOf) {
        return new SeatMapSnapshot(roundId, new BitSet(), asOf);
    }

    public boolean isTaken(int seatIndex) {
        return taken.get(seatIndex);
    }
}
