package dev.madang.domain.pricing;

import java.time.Instant;

/** One change of a grade's price by a time sale: the price history of a round. */
public record PriceChange(String roundId, String grade, long from, long to, Instant at, String saleId, Reason reason) {

    /** Why the price changed: the sale started, or it ended and the original price is back. */
    public enum Reason { SALE_STARTED, SALE_ENDED }
}
