package dev.madang.domain.booking;

import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Taking a hold's seats on the inventory, one conditional write per seat, and giving them back. Seats are taken in
 * layout order so that two fans wanting overlapping seats meet at the same first seat instead of each holding half;
 * they are given back in reverse. A seat that failed on this instance moments ago is refused from memory
 * ({@link RecentlyTakenSeats}) before any write.
 */
final class SeatClaiming {

    private final SeatClaims claims;
    private final RecentlyTakenSeats recentlyTaken;

    SeatClaiming(SeatClaims claims, RecentlyTakenSeats recentlyTaken) {
        this.claims = claims;
        this.recentlyTaken = recentlyTaken;
    }

    /**
     * Takes {@code seats} (in layout order) for {@code hold}, adding each to {@code taken} as soon as it is ours, so
     * that a caller whose dependency fails midway still knows what to give back. Answers the seat someone else has,
     * at which taking stopped (nothing is given back here: a retry with a key may own those seats), or empty when
     * every seat is the hold's.
     */
    Optional<Seat> takeInOrder(Round round, List<Seat> seats, SeatHold hold, Instant now, List<Seat> taken) {
        for (Seat seat : seats) {
            if (recentlyTaken.knownTaken(round, seat)) {
                return Optional.of(seat); // refused before any write
            }
        }
        for (Seat seat : seats) {
            if (!claims.claim(round.id(), seat, hold.holdId(), hold.userId(), now, hold.expiresAt())) {
                recentlyTaken.failedToTake(round, seat);
                return Optional.of(seat);
            }
            taken.add(seat);
        }
        return Optional.empty();
    }

    /** The seat failed to be taken on this instance moments ago: it would be refused without a write. */
    boolean knownTaken(Round round, Seat seat) {
        return recentlyTaken.knownTaken(round, seat);
    }

    /** Frees what this request took, last taken first; a seat another hold has now is left alone by the port. */
    void giveBack(String roundId, List<Seat> taken, String holdId) {
        for (int i = taken.size() - 1; i >= 0; i--) {
            claims.release(roundId, taken.get(i), holdId);
        }
    }

    /** {@link #giveBack} while a dependency is failing: what cannot be given back frees itself at expiry. */
    void giveBackQuietly(String roundId, List<Seat> taken, String holdId) {
        try {
            giveBack(roundId, taken, holdId);
        } catch (RuntimeException stillDown) {
            // the seats free themselves at expiry; nothing else to do
        }
    }

    /**
     * Puts a released hold's seats back on sale, and forgets any recent failure on them here so that this instance
     * offers them at once.
     */
    void free(Round round, SeatLayout layout, SeatHold hold) {
        for (HeldSeat s : hold.seats()) {
            layout.seat(s.seatId()).ifPresent(seat -> {
                claims.release(round.id(), seat, hold.holdId());
                recentlyTaken.released(round, seat);
            });
        }
    }
}
