package dev.madang.domain.catalog;

import java.time.Instant;
import java.util.BitSet;

/** The per-seat records of a round (holds and tickets); only seats ever held or sold have one. */
public interface SeatInventory {

    /** The seats of {@code round} that are held (hold not yet expired at {@code now}) or sold, as layout-order bits. */
    BitSet takenSeats(Round round, SeatLayout layout, Instant now);
}
