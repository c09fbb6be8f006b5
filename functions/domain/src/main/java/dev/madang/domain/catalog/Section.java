package dev.madang.domain.catalog;

import java.util.List;

/** A block of seats sold under one booking mode and one grade per round (1층 A구역). */
public record Section(String id, String name, List<Seat> seats) {

    public Section {
        seats = List.copyOf(seats);
    }
}
