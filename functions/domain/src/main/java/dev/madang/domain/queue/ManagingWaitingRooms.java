package dev.madang.domain.queue;

import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An organiser turns a round's waiting room on or off, sets when it opens, its rate and its ads, changes the rate
 * live, and watches it: the line's length, the rate, the time to clear it and the ads' impressions.
 */
public final class ManagingWaitingRooms {

    private final WaitingRooms rooms;
    private final Rounds rounds;
    private final WaitingLine line;
    private final Clock clock;

    public ManagingWaitingRooms(WaitingRooms rooms, Rounds rounds, WaitingLine line, Clock clock) {
        this.rooms = rooms;
        this.rounds = rounds;
        this.line = line;
        this.clock = clock;
    }

    /** {@code puzzleWhenOff} may be null (no). */
    public record Settings(Boolean on, Boolean puzzleWhenOff, Instant opensAt, Integer admissionsPerSecond,
                           List<WaitingRoom.Ad> ads) {
    }

    public record Stats(WaitingRoom room, long entered, long admitted, long waiting, long admittedPerMinute,
                        Duration timeToClear, Map<String, Long> impressions) {
    }

    public WaitingRoom set(String roundId, Settings s) {
        rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
        Violations v = new Violations();
        v.check(s.on() != null, "on", "is required");
        v.check(s.opensAt() != null, "opensAt", "is required");
        v.check(s.admissionsPerSecond() != null && s.admissionsPerSecond() >= 1
                && s.admissionsPerSecond() <= WaitingRoom.MAX_RATE, "admissionsPerSecond",
                "1 to " + WaitingRoom.MAX_RATE);
        List<WaitingRoom.Ad> ads = s.ads() == null ? List.of() : s.ads();
        v.check(ads.size() <= WaitingRoom.MAX_ADS, "ads", "at most " + WaitingRoom.MAX_ADS);
        for (int i = 0; i < ads.size(); i++) {
            WaitingRoom.Ad ad = ads.get(i);
            v.check(ad != null && ad.adId() != null && !ad.adId().isBlank() && ad.adId().length() <= 40,
                    "ads[" + i + "].adId", "is required, at most 40 characters");
            v.check(ad != null && https(ad.imageUrl()), "ads[" + i + "].imageUrl", "an https URL");
            v.check(ad != null && (ad.linkUrl() == null || https(ad.linkUrl())), "ads[" + i + "].linkUrl",
                    "an https URL");
            v.check(ad != null && ad.text() != null && !ad.text().isBlank() && ad.text().length() <= 120,
                    "ads[" + i + "].text", "is required, at most 120 characters (shown as the image's text)");
        }
        v.throwIfInvalid("the waiting room is not valid");
        Instant now = clock.instant();
        boolean puzzle = Boolean.TRUE.equals(s.puzzleWhenOff());
        WaitingRoom room = rooms.room(roundId).map(old -> {
            if (!old.opensAt().equals(s.opensAt()) && !now.isBefore(old.opensAt())) {
                throw DomainException.ruleViolated("waiting-room-opened", "the line is being served: its opening "
                        + "cannot move; change its rate instead", List.of());
            }
            WaitingRoom moved = old.opensAt().equals(s.opensAt()) ? old
                    : new WaitingRoom(roundId, old.on(), old.puzzleWhenOff(), s.opensAt(), old.admissionsPerSecond(),
                    s.opensAt(), 0, old.ads(), now);
            WaitingRoom rated = moved.admissionsPerSecond() == s.admissionsPerSecond() ? moved
                    : moved.withRate(s.admissionsPerSecond(), now);
            return new WaitingRoom(roundId, s.on(), puzzle, rated.opensAt(), rated.admissionsPerSecond(),
                    rated.rateSince(), rated.admittedBefore(), ads, now);
        }).orElse(new WaitingRoom(roundId, s.on(), puzzle, s.opensAt(), s.admissionsPerSecond(), s.opensAt(), 0, ads,
                now));
        rooms.save(room);
        line.views().forget(roundId);
        return room;
    }

    public WaitingRoom changeRate(String roundId, Integer perSecond) {
        if (perSecond == null || perSecond < 1 || perSecond > WaitingRoom.MAX_RATE) {
            throw DomainException.invalid("the rate is not valid", List.of(
                    new dev.madang.domain.common.FieldError("admissionsPerSecond", "1 to " + WaitingRoom.MAX_RATE)));
        }
        WaitingRoom room = rooms.room(roundId).orElseThrow(() -> DomainException.notFound("waiting room", roundId))
                .withRate(perSecond, clock.instant());
        rooms.save(room);
        line.views().forget(roundId);
        return room;
    }

    public Stats stats(String roundId) {
        line.views().forget(roundId);
        LineViews.View view = line.views().of(roundId);
        WaitingRoom room = view.room().orElseThrow(() -> DomainException.notFound("waiting room", roundId));
        Instant now = clock.instant();
        long entered = view.counts().total();
        long admitted = Math.min(entered, (long) Math.floor(room.admittedBy(now)));
        long waiting = entered - admitted;
        Duration toClear = Duration.ofMillis((long) Math.ceil(waiting * 1000.0 / room.admissionsPerSecond()));
        if (now.isBefore(room.opensAt())) {
            toClear = toClear.plus(Duration.between(now, room.opensAt()));
        }
        line.flushImpressions();
        return new Stats(room, entered, admitted, waiting, room.admissionsPerSecond() * 60L, toClear,
                rooms.impressions(roundId));
    }

    private static boolean https(String url) {
        return url != null && url.startsWith("https://") && url.length() <= 500;
    }
}
