package dev.madang.domain.trade;

import dev.madang.domain.catalog.Seat;

/** Where a listed ticket sits, as the layout names it. */
public record ListedSeat(String seatId, String sectionId, String row, int number) {

    public static ListedSeat of(Seat seat) {
        return new ListedSeat(seat.id(), seat.sectionId(), seat.row(), seat.number());
    }

    /** Same section and row, numbers one apart: the seats two fans who want to sit together look for. */
    public boolean nextTo(ListedSeat other) {
        return sectionId.equals(other.sectionId) && row.equals(other.row) && Math.abs(number - other.number) == 1;
    }
}
