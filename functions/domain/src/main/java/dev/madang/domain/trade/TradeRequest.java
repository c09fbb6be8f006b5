package dev.madang.domain.trade;

import java.time.Instant;

/**
 * A fan asks a listing's holder for its ticket: for an exchange, offering their own OPEN exchange listing
 * ({@code offeredListingId}, of the same round and price); for a transfer, to buy it at face value.
 *
 * <pre>
 * PENDING ──accept──▶ DONE                          (an exchange: both tickets swapped at once)
 * PENDING ──accept──▶ ACCEPTED ──order──▶ PAYING ──paid──▶ DONE     (a transfer)
 *                         └──deadline──▶ LAPSED      └──payment failed──▶ FAILED
 * PENDING ──decline (or the listing closed)──▶ DECLINED
 * </pre>
 * A transfer's order has the request's id as its id, so the request and its payment are found from each other.
 */
public record TradeRequest(String id, String listingId, ListingKind kind, String requesterId,
                           String offeredListingId, Status status, Instant createdAt, Instant payBy) {

    public enum Status { PENDING, ACCEPTED, PAYING, DONE, DECLINED, LAPSED, FAILED }

    public TradeRequest withStatus(Status to, Instant payBy) {
        return new TradeRequest(id, listingId, kind, requesterId, offeredListingId, to, createdAt, payBy);
    }

    /** A transfer's order id. */
    public String orderId() {
        return kind == ListingKind.TRANSFER && (status == Status.PAYING || status == Status.DONE
                || status == Status.FAILED) ? id : null;
    }
}
