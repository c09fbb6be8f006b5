package dev.madang.domain.trade;

/**
 * Tells the parties of a transfer (양도) how it went: messages on the notification queue with the listing and request
 * ids only. At least once: the consumer de-duplicates by request id.
 */
public interface TradeNotifications {

    /** For wiring that tells nobody (tests of other things). */
    TradeNotifications NONE = new TradeNotifications() {
        @Override
        public void transferAccepted(TradeRequest accepted) {
        }

        @Override
        public void transferCompleted(Listing listing, TradeRequest request) {
        }
    };

    /** The seller accepted: the requester may pay now. */
    void transferAccepted(TradeRequest accepted);

    /** The buyer paid and holds the seat: the seller's ticket is gone and their refund under way. */
    void transferCompleted(Listing listing, TradeRequest request);
}
