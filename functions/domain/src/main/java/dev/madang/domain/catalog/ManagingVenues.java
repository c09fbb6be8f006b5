package dev.madang.domain.catalog;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;

import java.util.List;

/** An organiser registers halls and their seat layouts. */
public final class ManagingVenues {

    private final Venues venues;
    private final Ids ids;

    public ManagingVenues(Venues venues, Ids ids) {
        this.venues = venues;
        this.ids = ids;
    }

    public record VenueWithLayout(Venue venue, SeatLayout layout) {
    }

    public VenueWithLayout register(String name, String address, List<Section> sections) {
        checkNaming(name, address);
        SeatLayout layout = SeatLayout.of(sections);
        Venue venue = new Venue(ids.next(), name.strip(), address == null ? null : address.strip(), 1, layout.seatCount());
        venues.create(venue, layout);
        return new VenueWithLayout(venue, layout);
    }

    public Venue rename(String venueId, String name, String address) {
        checkNaming(name, address);
        Venue current = venues.find(venueId).orElseThrow(() -> DomainException.notFound("venue", venueId));
        Venue renamed = new Venue(current.id(), name.strip(), address == null ? null : address.strip(),
                current.layoutVersion(), current.seatCount());
        venues.update(renamed);
        return renamed;
    }

    /**
     * A new layout becomes a new version; rounds already scheduled keep the version they were sold on, so no sold
     * seat ever changes meaning under a fan's ticket.
     */
    public VenueWithLayout replaceLayout(String venueId, List<Section> sections) {
        Venue current = venues.find(venueId).orElseThrow(() -> DomainException.notFound("venue", venueId));
        SeatLayout layout = SeatLayout.of(sections);
        Venue next = new Venue(current.id(), current.name(), current.address(), current.layoutVersion() + 1,
                layout.seatCount());
        venues.addLayout(next, layout);
        return new VenueWithLayout(next, layout);
    }

    public VenueWithLayout get(String venueId) {
        Venue venue = venues.find(venueId).orElseThrow(() -> DomainException.notFound("venue", venueId));
        SeatLayout layout = venues.layout(venueId, venue.layoutVersion())
                .orElseThrow(() -> new IllegalStateException("venue " + venueId + " lost layout " + venue.layoutVersion()));
        return new VenueWithLayout(venue, layout);
    }

    private static void checkNaming(String name, String address) {
        new Violations()
                .check(name != null && !name.isBlank() && name.length() <= 100, "name", "a name of 1-100 characters")
                .check(address == null || address.length() <= 300, "address", "at most 300 characters")
                .throwIfInvalid("the venue is not valid");
    }
}
