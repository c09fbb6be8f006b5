package dev.madang.domain.ticket;

import dev.madang.domain.common.Page;
import dev.madang.domain.order.Ticket;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Tickets as the door sees them: read one, admit it, revoke it, and the per-round lists scanners and admins read. */
public interface Tickets {

    Optional<Ticket> byId(String ticketId);

    /**
     * Admits the ticket with one conditional write, which succeeds when the ticket is ISSUED in the admission's
     * round, or ADMITTED at a later moment than this admission (an offline scan uploaded late that happened first
     * takes its place: the earliest admission wins; on a tie the one written first stays). Otherwise it writes nothing
     * and answers why.
     */
    AdmitResult admit(Admission admission);

    /**
     * @param outcome    what happened
     * @param standing   the admission on record afterwards (the one written, or the earlier one that stays), if any
     * @param superseded the later admission this one replaced, if it replaced one
     * @param status     the ticket's status when it was refused for its status (a revoked one)
     */
    record AdmitResult(Outcome outcome, Admission standing, Admission superseded, Ticket.TicketStatus status) {

        public enum Outcome { ADMITTED, ALREADY_ADMITTED, REVOKED, NO_SUCH_TICKET }
    }

    /**
     * ISSUED → {@code reason} (a revoked status) with an entry in the round's revocation list, both or neither; false
     * (nothing written) when the ticket is not ISSUED.
     */
    boolean revoke(String ticketId, Ticket.TicketStatus reason, Instant at);

    /** The round's revocations at or after {@code since}, oldest first. */
    Page<Revocation> revocations(String roundId, Instant since, String cursor, int limit);

    /** The round's admissions, earliest first. */
    Page<Admission> admissions(String roundId, String cursor, int limit);

    /** How many of the round's tickets were admitted at each gate (reads every admission of the round). */
    Map<String, Long> admittedByGate(String roundId);
}
