package dev.madang.domain.trade;

import java.time.Instant;
import java.util.List;

/**
 * A ticket its holder offers for exchange or transfer (the trade board's post). Its seat and price are copied from
 * the ticket when listed; what a searcher may see of them is {@link Visibility}'s to say.
 *
 * <p>OPEN: on the board. PENDING: a transfer was accepted and the buyer is paying (off the board; OPEN again if the
 * payment fails). DONE: exchanged or transferred. WITHDRAWN: taken down by its holder. A listing whose ticket stopped
 * being ISSUED otherwise (cancelled, admitted at the door) is read as VOID.
 */
public record Listing(String id, ListingKind kind, String ticketId, String ownerId, String roundId, ListedSeat seat,
                      String grade, long price, List<WantedSeats> wanted, Status status, Instant createdAt) {

    public enum Status { OPEN, PENDING, DONE, WITHDRAWN, VOID }

    public Listing {
        wanted = List.copyOf(wanted);
    }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public Listing withStatus(Status to) {
        return new Listing(id, kind, ticketId, ownerId, roundId, seat, grade, price, wanted, to, createdAt);
    }

    /** Whether one of this listing's wishes takes {@code seat}. */
    public boolean wants(ListedSeat other) {
        return wanted.stream().anyMatch(w -> w.matches(other));
    }
}
