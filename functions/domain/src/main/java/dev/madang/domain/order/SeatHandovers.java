package dev.madang.domain.order;

/**
 * What the payment workflow does differently for an order that buys a ticket another fan is handing on (a transfer,
 * {@link Order#listingId()}): the seat is never on sale and never held; it passes from the seller's ticket to the
 * buyer's, or stays with the seller.
 */
public interface SeatHandovers {

    /**
     * The order is APPROVED: the seller's ticket becomes the buyer's new ticket and the order PAID, in one write, and
     * the seller is refunded less the transfer fee. False when the seller's ticket is no longer there to pass on
     * (nothing written): the workflow then closes the order and refunds the buyer.
     */
    boolean handOver(Order order);

    /** The order closes unpaid: the seller holds the ticket again. Harmless to repeat. */
    void giveBack(Order order);

    /** For wiring that never sees a transfer order (tests of the ordinary payment steps). */
    SeatHandovers NONE = new SeatHandovers() {
        @Override
        public boolean handOver(Order order) {
            throw new IllegalStateException("order " + order.id() + " is a transfer, and this wiring has no handovers");
        }

        @Override
        public void giveBack(Order order) {
            throw new IllegalStateException("order " + order.id() + " is a transfer, and this wiring has no handovers");
        }
    };
}
