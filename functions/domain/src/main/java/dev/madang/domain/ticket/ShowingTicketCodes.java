package dev.madang.domain.ticket;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.order.Ticket;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A ticket's current code, for its holder's phone: made fresh from the ticket record for the present time step
 * ({@link CodeSteps}) and signed with the key that signs now, so a screenshot is worthless a minute later and a key
 * rotation never touches a ticket (nothing signed is stored). The holder's app asks again at each new step.
 */
public final class ShowingTicketCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Tickets tickets;
    private final TicketCodes codes;
    private final Clock clock;

    public ShowingTicketCodes(Tickets tickets, TicketCodes codes, Clock clock) {
        this.tickets = tickets;
        this.codes = codes;
        this.clock = clock;
    }

    /** The signed code and what it says. */
    public record ShownCode(String code, TicketCode claims) {

        /** When the holder's app should fetch the next code: the start of the next step. */
        public Instant refreshAt() {
            return CodeSteps.startOf(claims.step() + 1);
        }
    }

    /**
     * The holder's current code. NOT_FOUND for an unknown ticket or another fan's (nobody learns it exists);
     * CONFLICT {@code ticket-admitted} once it was used, {@code ticket-revoked} once it was cancelled, refunded or
     * reissued.
     */
    public ShownCode codeFor(String holderId, String ticketId) {
        Ticket ticket = (Ticket.isWellFormedId(ticketId) ? tickets.byId(ticketId) : java.util.Optional.<Ticket>empty())
                .filter(t -> t.ownerId().equals(holderId))
                .orElseThrow(() -> DomainException.notFound("ticket", ticketId));
        if (ticket.status() == Ticket.TicketStatus.ADMITTED) {
            throw DomainException.conflict("ticket-admitted", "the ticket was used to enter already");
        }
        if (ticket.status().isRevoked()) {
            throw DomainException.conflict("ticket-revoked",
                    "the ticket was " + ticket.status().name().toLowerCase() + "; it has no code any more");
        }
        if (ticket.status() == Ticket.TicketStatus.TRANSFERRING) {
            throw DomainException.conflict("ticket-transferring", "you accepted a transfer of this ticket and the buyer "
                    + "is paying; it has no code unless the payment fails");
        }
        return mint(ticket, clock.instant());
    }

    /** The code of a ticket at an instant (its step's code); no checks. */
    ShownCode mint(Ticket ticket, Instant at) {
        long step = CodeSteps.stepAt(at);
        TicketCode claims = new TicketCode(ticket.ticketId(), ticket.roundId(), ticket.seatId(), step,
                at.truncatedTo(ChronoUnit.SECONDS), CodeSteps.expiryOf(step), codeId());
        return new ShownCode(codes.sign(claims), claims);
    }

    /** 64 random bits, base64url: the code's own id, short. */
    static String codeId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
