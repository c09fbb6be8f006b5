package dev.madang.domain.catalog;

/** How one section of one round is sold. */
public enum BookingMode {
    /** First come, first served: fans pick and hold seats themselves. */
    FIRST_COME,
    /** Fans enter a draw; winners get seats assigned. */
    LOTTERY,
    /** Not on sale (held back for the production, or sold elsewhere). */
    CLOSED
}
