package dev.madang.domain.ticket;

import java.time.Instant;

/** A ticket let in at the door: when, at which gate, by which scanner, on which code. */
public record Admission(String ticketId, String roundId, String seatId, Instant admittedAt, String gate,
                        String scannerId, String codeId) {
}
