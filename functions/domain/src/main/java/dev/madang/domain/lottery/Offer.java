package dev.madang.domain.lottery;

import java.time.Instant;
import java.util.List;

/**
 * A winner's offer: the party's seats held for the fan (an ordinary hold, {@code holdId}, in the fan's hold ledger)
 * until {@code deadline}, payable with {@code POST /v1/orders {holdId}}. {@code drawNumber} is the draw (1, or a
 * redraw 2..) that made it.
 */
public record Offer(String holdId, int drawNumber, List<String> seatIds, long amount, Instant deadline) {

    public Offer {
        seatIds = List.copyOf(seatIds);
    }
}
