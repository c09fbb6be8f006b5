package dev.madang.domain.catalog;

import java.util.Optional;

/** Halls and their versioned seat layouts. */
public interface Venues {

    /** Stores a new venue with its first layout (version 1). */
    void create(Venue venue, SeatLayout layout);

    /** Changes name and address; refuses (conflict) when the stored layout version is not {@code venue.layoutVersion()}. */
    void update(Venue venue);

    /** Stores {@code layout} as {@code venue.layoutVersion()}, which must be one more than the stored version. */
    void addLayout(Venue venue, SeatLayout layout);

    Optional<Venue> find(String venueId);

    Optional<SeatLayout> layout(String venueId, int version);
}
