package dev.madang.domain.booking;

import dev.madang.domain.booking.HoldingSeats.HoldRequest;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Violations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * Which requests may hold seats and which seats they may hold, decided before anything is written: a refusal here
 * costs no seat write and no ledger write. The per-person limit across holds is not here; only the fan's ledger
 * knows what the fan holds already ({@link HoldLedgers}).
 */
final class HoldRules {

    private HoldRules() {
    }

    /**
     * The request as sent: who asks and whether it is well formed (400), before the round is even looked up.
     * Identity first, so an unverified fan learns what to do whatever else is wrong with the request.
     */
    static void checkRequest(HoldRequest request) {
        checkIdentity(request.identityVerified());
        Violations v = new Violations();
        v.check(request.seatIds() != null && !request.seatIds().isEmpty(), "seatIds", "at least one seat");
        if (request.seatIds() != null) {
            v.check(request.seatIds().stream().allMatch(s -> s != null && !s.isBlank() && s.length() <= 40),
                    "seatIds", "seat ids are non-empty strings");
            v.check(new HashSet<>(request.seatIds()).size() == request.seatIds().size(), "seatIds", "a seat is listed twice");
        }
        v.check(request.idempotencyKey() == null || request.idempotencyKey().length() <= 100, "Idempotency-Key",
                "at most 100 characters");
        v.throwIfInvalid("the hold request is not valid");
    }

    /** Booking needs a verified identity (403 {@code identity-verification-required}), whatever the request. */
    static void checkIdentity(boolean identityVerified) {
        if (!identityVerified) {
            throw DomainException.forbidden("identity-verification-required",
                    "verify your identity (본인인증) before booking: POST /v1/me/identity-verification, then refresh "
                            + "your token");
        }
    }

    /**
     * The round's sale rules (422): the sale window, at most the per-person limit in one request, seats of the layout
     * in sections sold by seat selection. Every broken seat rule is reported at once. The seats come back in layout
     * order, the order they are taken in (see {@link SeatClaiming}).
     */
    static List<Seat> seatsToHold(HoldRequest request, Round round, SeatLayout layout, Instant now) {
        checkSaleOpen(round, now, request.memberships());
        Violations rules = new Violations();
        rules.check(request.seatIds().size() <= round.perPersonLimit(), "seatIds",
                "at most " + round.perPersonLimit() + " seats per person for this round");
        List<Seat> seats = new ArrayList<>();
        for (String seatId : request.seatIds()) {
            Optional<Seat> seat = layout.seat(seatId);
            if (seat.isEmpty()) {
                rules.add("seatIds", "round " + round.id() + " has no seat " + seatId);
                continue;
            }
            SectionPlan plan = round.sections().get(seat.get().sectionId());
            if (plan.mode() != BookingMode.SEAT_SELECTION) {
                rules.add("seatIds", "seat " + seatId + " is in a section sold by " + plan.mode().name().toLowerCase()
                        .replace('_', '-') + ", not by seat selection");
            }
            seats.add(seat.get());
        }
        rules.throwIfRuleViolated("seats-not-holdable", "these seats cannot be held");
        seats.sort(Comparator.comparingInt(s -> layout.indexOf(s.id())));
        return seats;
    }

    /**
     * The sale window (422 {@code sale-not-open} / {@code sale-closed}), the same for every booking mode. In a members'
     * presale only members of its memberships may hold (403 {@code members-only-presale}); {@code memberships} come
     * from the caller's signed token, so this reads nothing.
     */
    static void checkSaleOpen(Round round, Instant now, Set<String> memberships) {
        if (round.cancelled()) {
            throw DomainException.ruleViolated("round-cancelled", "this round was cancelled by the organiser",
                    List.of());
        }
        if (round.presaleOpen(now)) {
            if (!round.memberSale().admits(memberships)) {
                throw DomainException.forbidden("members-only-presale", "until " + round.saleOpensAt()
                        + " only members of " + round.memberSale().membershipIds() + " may book this round");
            }
            return;
        }
        if (!round.saleOpen(now)) {
            throw DomainException.ruleViolated(round.saleOpensAt().isAfter(now) ? "sale-not-open" : "sale-closed",
                    round.saleOpensAt().isAfter(now) ? "the sale opens at " + round.saleOpensAt()
                            : "this round no longer sells seats", List.of());
        }
    }

    /** The seat as it will be sold: grade and price come from the round now, never from the client. */
    static HeldSeat heldSeat(Round round, Seat seat) {
        String grade = round.sections().get(seat.sectionId()).grade();
        return new HeldSeat(seat.id(), seat.sectionId(), grade, round.priceOf(grade).orElseThrow());
    }

    /** The fan's ledger refused: with this hold the fan would hold or own more than the round allows. */
    static DomainException overPerPersonLimit(Round round) {
        return DomainException.ruleViolated("per-person-limit", "you may hold or buy at most "
                + round.perPersonLimit() + " seats of this round", List.of(new FieldError("seatIds",
                "over the per-person limit of " + round.perPersonLimit())));
    }
}
