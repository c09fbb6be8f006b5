package dev.madang.domain.queue;

import dev.madang.domain.common.BusinessMetrics;
import dev.madang.domain.common.DomainException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Fans wait in a round's line and are let in at the room's rate.
 * <ul>
 *   <li><b>Entering</b> stores the fan's place (one per person: entering again, from another tab or device, answers
 *       the same place) and counts the arrival in one of {@link #SHARDS} items of its second, so 20,000 arrivals a
 *       second put no more than 400 writes a second on any key. The fan gets their place as a signed token.</li>
 *   <li><b>Polling</b> compares the token's place with the serving cursor ({@link WaitingRoom#admittedBy}) over the
 *       arrivals counted ahead of it, both from the instance's view refreshed once a second ({@link LineViews}): no
 *       read per poll. When the cursor has passed the place, the poll answers an admission, signed, bound to the
 *       account and the round, lasting {@link WaitingRoom#ADMISSION_WINDOW} from the moment the turn came.</li>
 *   <li>Each poll shows an ad; impressions are counted in memory and added to the store at most every
 *       {@link #IMPRESSIONS_FLUSH} (one write per ad, not per poll).</li>
 * </ul>
 */
public final class WaitingLine {

    /** Arrival counters per second: 20,000 arrivals a second spread over 50 keys is 400 writes a second each. */
    public static final int SHARDS = 50;
    static final Duration IMPRESSIONS_FLUSH = Duration.ofSeconds(10);
    /** How often a client is asked to poll: often enough to be let in within a second or two of its turn. */
    static final Duration POLL_EVERY = Duration.ofSeconds(2);

    private final WaitingRooms rooms;
    private final LineViews views;
    private final QueueTokens tokens;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, Map<String, Long>> unsentImpressions = new HashMap<>();
    private Instant lastFlush;

    public WaitingLine(WaitingRooms rooms, QueueTokens tokens, Clock clock, RandomGenerator random) {
        this.rooms = rooms;
        this.views = new LineViews(rooms, clock);
        this.tokens = tokens;
        this.clock = clock;
        this.random = random;
        this.lastFlush = clock.instant();
    }

    LineViews views() {
        return views;
    }

    public enum Status { WAITING, ADMITTED, EXPIRED }

    /**
     * Where a fan stands. WAITING: {@code ahead} people before them, about {@code estimatedWait}. ADMITTED: the
     * {@code admission} token, good until {@code admissionExpiresAt}. EXPIRED: the turn came and passed unused
     * (entering again gives a new place at the back).
     */
    public record Position(Status status, long ahead, Duration estimatedWait, String admission,
                           Instant admissionExpiresAt, WaitingRoom.Ad ad, Duration pollAfter, Instant opensAt) {
    }

    public record Entered(String token, Position position) {
    }

    /**
     * Enters the round's line, or, while the line is off and the organiser wants a puzzle anyway
     * ({@link WaitingRoom#puzzleWhenOff}), passes the door: an admission at once and no place (the token is null).
     */
    public Entered enter(String userId, String roundId) {
        WaitingRoom room = guardingRoom(roundId);
        Instant now = clock.instant();
        if (!room.on()) {
            Instant expires = now.plus(WaitingRoom.ADMISSION_WINDOW);
            String admission = tokens.signAdmission(new QueueTokens.RoomAdmission(userId, roundId, expires));
            return new Entered(null, new Position(Status.ADMITTED, 0, Duration.ZERO, admission, expires, null, null,
                    room.opensAt()));
        }
        QueuePlace place = placeAt(room, userId, now);
        QueuePlace stored = rooms.enter(place, random.nextInt(SHARDS));
        if (!stored.equals(place) && positionOf(room, stored, now).status() == Status.EXPIRED
                && rooms.reenter(stored, place, random.nextInt(SHARDS))) {
            stored = place; // the turn came and went unused: back of the line, as any new arrival
        }
        Position position = positionOf(room, stored, now);
        BusinessMetrics.current().record(BusinessMetrics.Metric.WaitingRoomLength, position.ahead(),
                Map.of("RoundId", roundId));
        return new Entered(tokens.signPlace(stored), position);
    }

    public Position poll(String userId, String roundId, String token) {
        QueuePlace place = Optional.ofNullable(token).flatMap(tokens::readPlace)
                .filter(p -> p.userId().equals(userId) && p.roundId().equals(roundId))
                .orElseThrow(() -> DomainException.forbidden("queue-token-invalid",
                        "this is not your place in this round's line: enter the waiting room"));
        WaitingRoom room = openRoom(roundId);
        Position position = positionOf(room, place, clock.instant());
        countImpression(roundId, position.ad());
        return position;
    }

    /** 404 unless the round's waiting room guards its booking, by its line or its puzzle (else book directly). */
    public void requireOpen(String roundId) {
        guardingRoom(roundId);
    }

    private WaitingRoom guardingRoom(String roundId) {
        return views.room(roundId).filter(WaitingRoom::guardsBooking).orElseThrow(() -> DomainException.notFound(
                "waiting room", roundId));
    }

    /** The room, if it is on; 404 otherwise (nothing to wait for: book directly). */
    private WaitingRoom openRoom(String roundId) {
        return views.room(roundId).filter(WaitingRoom::on).orElseThrow(() -> DomainException.notFound(
                "waiting room", roundId));
    }

    private QueuePlace placeAt(WaitingRoom room, String userId, Instant now) {
        if (now.isBefore(room.opensAt())) {
            return new QueuePlace(room.roundId(), userId, QueuePlace.earlySecond(room.opensAt()),
                    random.nextDouble(), now);
        }
        // the millisecond within the second, and a random tie-break below it: arrival order, to the millisecond
        double offset = (now.toEpochMilli() % 1000 + random.nextDouble()) / 1000.0;
        return new QueuePlace(room.roundId(), userId, now.getEpochSecond(), Math.min(offset, Math.nextDown(1.0)),
                now);
    }

    Position positionOf(WaitingRoom room, QueuePlace place, Instant now) {
        LineViews.View view = views.of(room.roundId());
        double ahead = view.counts().ahead(place);
        WaitingRoom.Ad ad = adFor(room, place, now);
        // a view read while the place's own second was still going on has not counted who arrived with it: ahead
        // of such a place would look empty, and a whole second's arrivals would be let in at once
        boolean counted = view.loadedAt().getEpochSecond() > place.second();
        if (counted && room.admittedBy(now) > ahead) {
            // a fan arriving when the cursor is already past their place is let in from their arrival
            Instant reached = room.reaches(ahead);
            Instant turn = reached.isBefore(place.enteredAt()) ? place.enteredAt() : reached;
            Instant expires = turn.plus(WaitingRoom.ADMISSION_WINDOW);
            if (!now.isBefore(expires)) {
                return new Position(Status.EXPIRED, 0, Duration.ZERO, null, null, ad, null, room.opensAt());
            }
            String admission = tokens.signAdmission(new QueueTokens.RoomAdmission(place.userId(), room.roundId(),
                    expires));
            return new Position(Status.ADMITTED, 0, Duration.ZERO, admission, expires, ad, null, room.opensAt());
        }
        long peopleAhead = (long) Math.ceil(ahead - room.admittedBy(now));
        Instant turn = room.reaches(ahead);
        Duration wait = turn.equals(Instant.MAX) ? null : Duration.between(now, turn.isBefore(now) ? now : turn);
        return new Position(Status.WAITING, peopleAhead, wait, null, null, ad, POLL_EVERY, room.opensAt());
    }

    /** The creatives take turns by the minute, each fan starting at their own. */
    private static WaitingRoom.Ad adFor(WaitingRoom room, QueuePlace place, Instant now) {
        if (room.ads().isEmpty()) {
            return null;
        }
        long turn = now.getEpochSecond() / 60 + Math.abs(place.userId().hashCode());
        return room.ads().get((int) Math.floorMod(turn, (long) room.ads().size()));
    }

    private synchronized void countImpression(String roundId, WaitingRoom.Ad ad) {
        if (ad != null) {
            unsentImpressions.computeIfAbsent(roundId, r -> new HashMap<>()).merge(ad.adId(), 1L, Long::sum);
        }
        Instant now = clock.instant();
        if (lastFlush.plus(IMPRESSIONS_FLUSH).isAfter(now)) {
            return;
        }
        lastFlush = now;
        flushImpressions();
    }

    /** Adds what this instance counted to the store (also called when the instance is asked to stop). */
    public synchronized void flushImpressions() {
        unsentImpressions.forEach(rooms::addImpressions);
        unsentImpressions.clear();
    }
}
