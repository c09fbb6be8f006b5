package dev.madang.domain.catalog;

import java.util.List;

/** A part of the layout whose seats a round sells under one booking mode and one grade (1층 A구역). */
public record Section(String id, String name, List<Seat> seats) {

    public Section {
        seats = List.copyOf(seats);
    }
}
