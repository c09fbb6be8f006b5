package dev.madang.domain.lottery;

/** Whether a lottery offer was paid for: the order for the hold (the order id is the hold id) is PAID. */
public interface OfferPayments {

    boolean paid(String holdId);
}
