package dev.madang.domain.booking;

import dev.madang.domain.catalog.Seat;

import java.time.Instant;

/**
 * The seat inventory's write side: one conditional write per seat. A seat is free when it has no ticket and no
 * live hold; a hold past its expiry counts as free, whatever clean-up has not yet run.
 */
public interface SeatClaims {

    /**
     * Takes {@code seat} for {@code holdId} until {@code expiresAt} if it is free at {@code now} (or already held by
     * this same hold, so that a retried request is harmless). False when someone else has it.
     */
    boolean claim(String roundId, Seat seat, String holdId, String userId, Instant now, Instant expiresAt);

    /** Frees {@code seat} only if {@code holdId} still holds it: a late release never frees another fan's seat. */
    void release(String roundId, Seat seat, String holdId);

    /**
     * Keeps the seat for {@code holdId} until {@code newExpiresAt} (a virtual account's deposit deadline), only if the
     * hold is still live at {@code now}; false when it has lapsed (the seat may be someone else's by now).
     */
    boolean extend(String roundId, Seat seat, String holdId, Instant now, Instant newExpiresAt);

    /**
     * Turns the seat's live hold into a sold ticket, one conditional write on the hold id: true when the seat is this
     * ticket's now (also when it already was, so a repeated task is harmless); false when the hold lapsed and the
     * seat is free or someone else's.
     */
    boolean issueTicket(String roundId, Seat seat, String holdId, String ticketId, String ownerId, Instant now);

    /** Undoes {@link #issueTicket} for this ticket only (the other seats of its order were lost); the seat is free. */
    void revokeTicket(String roundId, Seat seat, String ticketId);

    /**
     * Puts the seat back on sale if {@code holdId} holds it, whether as a hold or already as a ticket written for the
     * hold's order (the order is closing, so those tickets were never valid); a seat someone else holds is left
     * alone. Harmless to repeat.
     */
    void returnToSale(String roundId, Seat seat, String holdId);
}
