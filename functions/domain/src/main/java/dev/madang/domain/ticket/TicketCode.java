package dev.madang.domain.ticket;

import java.time.Instant;

/**
 * What a ticket's code says, and all it says (the claims of the signed payload): the ticket, its round and seat, the
 * time step it was made in ({@link CodeSteps}), when it was made and until when it is accepted, and an id of its own
 * (so a scan record can name the code that was shown). Nothing about the holder.
 */
public record TicketCode(String ticketId, String roundId, String seatId, long step, Instant issuedAt,
                         Instant expiresAt, String codeId) {

    public TicketCode {
        if (ticketId == null || roundId == null || seatId == null || issuedAt == null || expiresAt == null
                || codeId == null) {
            throw new IllegalArgumentException("a ticket code names its ticket, round, seat, times and id");
        }
    }
}
