package dev.madang.domain.booking;

import java.time.Instant;
import java.util.List;

/** A fan's temporary claim on seats of a round; it frees itself at {@code expiresAt} without any job running. */
public record SeatHold(String holdId, String roundId, String userId, List<HeldSeat> seats, Instant expiresAt) {

    public SeatHold {
        seats = List.copyOf(seats);
    }

    public boolean liveAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    public long amount() {
        return seats.stream().mapToLong(HeldSeat::price).sum();
    }
}
