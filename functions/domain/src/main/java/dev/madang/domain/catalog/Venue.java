package dev.madang.domain.catalog;

/** A hall. {@code layoutVersion} names its current seat layout; rounds pin the version they were scheduled on. */
public record Venue(String id, String name, String address, int layoutVersion, int seatCount) {
}
