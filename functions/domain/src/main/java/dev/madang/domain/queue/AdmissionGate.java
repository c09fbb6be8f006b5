package dev.madang.domain.queue;

import dev.madang.domain.common.DomainException;

import java.time.Clock;
import java.util.Optional;

/**
 * The booking routes' check: while a round's waiting room is on (or its organiser wants a puzzle even with the line
 * off), holding seats, best available and lottery entries need an admission from it, bound to the same account and
 * round and not expired. The room's settings are read at
 * most once a second per instance; the admission is checked by its signature alone, so the hold path gains no read.
 */
public final class AdmissionGate {

    /** The request header an admission travels in. */
    public static final String HEADER = "Madang-Admission";

    private final LineViews views;
    private final QueueTokens tokens;
    private final Clock clock;

    public AdmissionGate(WaitingLine line, QueueTokens tokens, Clock clock) {
        this.views = line.views();
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Passes when nothing guards the round's booking, or the admission is good; 403 otherwise, writing nothing. */
    public void require(String userId, String roundId, String admission) {
        if (roundId == null || views.room(roundId).filter(WaitingRoom::guardsBooking).isEmpty()) {
            return;
        }
        if (admission == null || admission.isBlank()) {
            throw DomainException.forbidden("admission-required", "this round's sale has a waiting room: enter it "
                    + "and book once your turn comes (" + HEADER + " header)");
        }
        Optional<QueueTokens.RoomAdmission> read = tokens.readAdmission(admission.strip());
        if (read.isEmpty() || !read.get().userId().equals(userId) || !read.get().roundId().equals(roundId)) {
            throw DomainException.forbidden("admission-invalid", "this admission is not yours for this round");
        }
        if (!read.get().expiresAt().isAfter(clock.instant())) {
            throw DomainException.forbidden("admission-expired", "your admission has expired: enter the waiting "
                    + "room again");
        }
    }
}
