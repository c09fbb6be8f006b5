package dev.madang.domain.lottery;

/**
 * Whether a lottery offer was paid for: the order for the hold (the order id is the hold id) is PAID. Asked by the
 * lottery's expiry once the offer's deadline has passed, and the answer is final: an offer answered unpaid can never
 * be paid afterwards.
 */
public interface OfferPayments {

    /**
     * True when the offer's order is PAID. Otherwise the order, if it is still payable, is first taken away from the
     * payment (CLOSING, the move every close of an order starts with, conditional on the order not being PAID), so that
     * a payment still finishing (tickets written just before the deadline and the order made PAID just after it, or a
     * deposit into a virtual account whose hold outlives the deadline) cannot make the order PAID once the offer is
     * WON_EXPIRED and its seats offered again; the payment workflow or the unpaid sweep finishes that close (seats
     * back, money refunded). False then. Harmless to repeat.
     */
    boolean settle(String holdId);
}
