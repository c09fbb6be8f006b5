package dev.madang.domain.trade;

/**
 * A listing as one searcher may see it: {@code sight} says how much of its seat may be sent; {@code mutual} (it wants
 * a seat the searcher listed for exchange, and that listing wants its seat) and {@code adjacent} (it sits next to a
 * seat the searcher holds) rank it, and are only ever worked out from an exact sight, so the order of approximate
 * results reveals nothing of their seat numbers either.
 */
public record Sighted(Listing listing, Visibility.Sight sight, boolean mutual, boolean adjacent) {
}
