package dev.madang.domain.catalog;

/**
 * A seat grade of a round (VIP, R, S, A…) and its price in won. While a time sale runs on the grade,
 * {@code originalPrice} is the price before it (shown struck through beside the sale price); null otherwise.
 */
public record GradePrice(String grade, long price, Long originalPrice) {

    /** A grade at its own price, no sale running. */
    public GradePrice(String grade, long price) {
        this(grade, price, null);
    }

    public boolean onSale() {
        return originalPrice != null;
    }
}
