package dev.madang.domain.catalog;

/**
 * How one section of one round is sold. Every mode writes the same seat items under the same conditions (no ticket,
 * no live hold), so no mode can sell a seat another mode sold.
 */
public enum BookingMode {
    /** First come, first served: fans pick seats on the map and hold them themselves. */
    SEAT_SELECTION,
    /** First come, first served without choosing: a fan asks for a party size and is given the best free seats. */
    BEST_AVAILABLE,
    /** Fans enter a draw; winners get seats assigned. */
    LOTTERY,
    /** Not on sale (held back for the production, or sold elsewhere). */
    CLOSED;

    /** Whether a fan can take a freed seat of this mode first come, first served (what a waitlist waits for). */
    public boolean firstComeFirstServed() {
        return this == SEAT_SELECTION || this == BEST_AVAILABLE;
    }
}
