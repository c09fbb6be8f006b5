package dev.madang.domain.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A round's waiting room (대기열), as its organiser set it. While it is {@code on}, booking the round (holds, best
 * available, lottery entries) needs an admission from it. Fans who enter before {@code opensAt} are served in a
 * random order, later ones in arrival order, at {@code admissionsPerSecond}. While the line is off, the organiser may
 * still want a solved puzzle before anyone books ({@code puzzleWhenOff}): the room's door then admits at once, after
 * the puzzle, and booking needs that admission as it would the line's.
 *
 * <p>The serving cursor is not a counter anyone writes per admission: the number of people admitted by a moment is a
 * function of the settings ({@link #admittedBy}). A rate change is recorded as the moment it took effect and how many
 * had been admitted by then, so the cursor never jumps back.
 *
 * @param rateSince      when the current rate took effect (the opening, or a live change after it)
 * @param admittedBefore how many had been admitted at {@code rateSince}
 */
public record WaitingRoom(String roundId, boolean on, boolean puzzleWhenOff, Instant opensAt, int admissionsPerSecond, Instant rateSince,
                          double admittedBefore, List<Ad> ads, Instant updatedAt) {

    public static final int MAX_RATE = 10_000;
    public static final int MAX_ADS = 5;
    /** How long an admission lasts once a fan's turn comes. */
    public static final Duration ADMISSION_WINDOW = Duration.ofMinutes(5);

    public WaitingRoom {
        ads = List.copyOf(ads);
    }

    /** One creative shown to waiting fans (the room is monetised by them). */
    public record Ad(String adId, String imageUrl, String linkUrl, String text) {
    }

    /** Whether booking the round needs an admission from this room: from its line, or from its door's puzzle. */
    public boolean guardsBooking() {
        return on || puzzleWhenOff;
    }

    /** How many people the room has admitted by {@code t} (fractional: the cursor moves smoothly). */
    public double admittedBy(Instant t) {
        Instant from = rateSince.isBefore(opensAt) ? opensAt : rateSince;
        if (!t.isAfter(from)) {
            return t.isBefore(opensAt) ? 0 : admittedBefore;
        }
        return admittedBefore + admissionsPerSecond * (Duration.between(from, t).toMillis() / 1000.0);
    }

    /** When the cursor reaches {@code position} people (the moment that fan's turn comes); far future at rate 0. */
    public Instant reaches(double position) {
        Instant from = rateSince.isBefore(opensAt) ? opensAt : rateSince;
        if (position <= admittedBefore) {
            return from;
        }
        if (admissionsPerSecond == 0) {
            return Instant.MAX;
        }
        return from.plusMillis((long) Math.ceil((position - admittedBefore) * 1000.0 / admissionsPerSecond));
    }

    /** The same room at a new rate from {@code at}, the cursor continuing from where it stands. */
    public WaitingRoom withRate(int perSecond, Instant at) {
        return new WaitingRoom(roundId, on, puzzleWhenOff, opensAt, perSecond, at, admittedBy(at), ads, at);
    }
}
