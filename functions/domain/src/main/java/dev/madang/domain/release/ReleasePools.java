package dev.madang.domain.release;

import dev.madang.domain.catalog.Seat;

import java.time.Instant;
import java.util.List;

/**
 * Each round's release pool (취소표 풀): seats of cancelled tickets, kept off sale until the dawn release puts every
 * pool back on sale in one batch. A pooled seat stays taken by its cancelled ticket, so no hold, draw or best-available
 * request can claim it before the release; the release frees it only if that ticket still has it.
 */
public interface ReleasePools {

    /** A seat waiting in a pool: which seat, for which cancelled ticket, since when. */
    record PooledSeat(String roundId, String seatId, String sectionId, String row, int number, String ticketId,
                      Instant pooledAt) {

        public Seat seat() {
            return new Seat(seatId, sectionId, row, number, 0, 0);
        }
    }

    /**
     * Puts a cancelled ticket's seat in its round's pool (harmless to repeat). The seat item itself is not touched: it
     * is still taken by the ticket, which is what keeps it off sale.
     */
    void add(String roundId, Seat seat, String ticketId, Instant now);

    /** Every pooled seat of every round, in round then seat order (what the dawn release frees). */
    List<PooledSeat> pooled();

    /** The seats in one round's pool. */
    List<PooledSeat> pooled(String roundId);

    /**
     * Frees the seat if its cancelled ticket still has it, and takes it out of the pool. True when this call freed it;
     * false when it was freed before (a repeated release), which removes it from the pool all the same.
     */
    boolean release(PooledSeat seat);
}
