package dev.madang.domain.booking;

/** One seat of a hold, with the grade and price it will be sold at (fixed when held, never sent by the client). */
public record HeldSeat(String seatId, String sectionId, String grade, long price) {
}
