package dev.madang.domain.booking;

import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.common.BusinessMetrics;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A signed-in fan takes 1..N seats of a round for a few minutes, all or nothing. The request and the round's sale
 * rules are checked first ({@link HoldRules}); the seats are then taken one conditional write each, in layout order,
 * and a failure gives back what this request took ({@link SeatClaiming}). The fan's per-person limit is checked last,
 * on the fan's own ledger, so a rush on popular seats costs no ledger writes for the many who lose the race. A retry
 * with the same Idempotency-Key lands on the same hold and gets the first answer ({@link IdempotentHolds}). Best
 * available ({@link HoldingBestAvailable}) makes its holds through the same path ({@link #take}).
 */
public final class HoldingSeats {

    /** How long an Idempotency-Key stands for its first request, as payment APIs keep theirs. */
    public static final Duration KEY_RETENTION = Duration.ofHours(24);

    private final CachedCatalog catalog;
    private final SeatClaiming claiming;
    private final HoldLedgers ledgers;
    private final IdempotentHolds idempotent;
    private final Clock clock;
    private final Duration holdDuration;

    public HoldingSeats(CachedCatalog catalog, RecentlyTakenSeats recentlyTaken, SeatClaims claims, HoldLedgers ledgers,
                        IdempotencyKeys keys, Ids ids, Clock clock, Duration holdDuration) {
        this.catalog = catalog;
        this.claiming = new SeatClaiming(claims, recentlyTaken);
        this.ledgers = ledgers;
        this.idempotent = new IdempotentHolds(keys, ids);
        this.clock = clock;
        this.holdDuration = holdDuration;
    }

    /**
     * {@code identityVerified} is what the caller's signed access token says; booking needs a verified identity
     * (docs/architecture.md §6), and taking it from the token keeps account reads off this path.
     * {@code idempotencyKey} may be null; with one, a repeated request returns the first hold, and the same key with
     * another body within {@link #KEY_RETENTION} is refused.
     */
    public record HoldRequest(String userId, boolean identityVerified, String roundId, List<String> seatIds,
                              String idempotencyKey, java.util.Set<String> memberships) {

        /** {@code memberships}: the ids the caller's token names (a members' presale admits them). */
        public HoldRequest {
            memberships = memberships == null ? java.util.Set.of() : java.util.Set.copyOf(memberships);
        }

        /** A request from a fan who is a member of nothing. */
        public HoldRequest(String userId, boolean identityVerified, String roundId, List<String> seatIds,
                           String idempotencyKey) {
            this(userId, identityVerified, roundId, seatIds, idempotencyKey, java.util.Set.of());
        }
    }

    public SeatHold hold(HoldRequest request) {
        try {
            SeatHold hold = holdOrRefuse(request);
            BusinessMetrics.current().record(BusinessMetrics.Metric.HoldsMade, hold.seats().size());
            return hold;
        } catch (DomainException refused) {
            BusinessMetrics.current().record(BusinessMetrics.Metric.HoldsRefused, 1,
                    Map.of("Reason", refused.type()));
            throw refused;
        }
    }

    private SeatHold holdOrRefuse(HoldRequest request) {
        HoldRules.checkRequest(request);

        Instant now = clock.instant();
        Round round = catalog.round(request.roundId());
        SeatLayout layout = catalog.layout(round);
        List<Seat> seats = HoldRules.seatsToHold(request, round, layout, now);

        String fingerprint = IdempotentHolds.fingerprint(request);
        String holdId = holdIdFor(request.userId(), request.idempotencyKey(), fingerprint, now);
        Attempt attempt = take(request.userId(), request.idempotencyKey(), round, seats, holdId, fingerprint, now);
        if (attempt.hold() == null) {
            throw DomainException.conflict("seat-taken", "seat " + attempt.refused().id() + " is no longer available");
        }
        return attempt.hold();
    }

    /** The catalog cache the hold path reads through (ordering names the seats and the performance from it too). */
    public CachedCatalog catalog() {
        return catalog;
    }

    Clock clock() {
        return clock;
    }

    /** Best available counts such a seat as taken: {@link #take} would refuse it without a write. */
    boolean knownTaken(Round round, Seat seat) {
        return claiming.knownTaken(round, seat);
    }

    /** The hold id a request works under: fresh without a key, the key's first id with one (see {@link IdempotentHolds}). */
    String holdIdFor(String userId, String idempotencyKey, String fingerprint, Instant now) {
        return idempotent.holdIdFor(userId, idempotencyKey, fingerprint, now);
    }

    /**
     * One attempt of the shared hold path: the hold made (or a keyed retry's first hold), or the seat someone else
     * has, at which this attempt stopped after giving back what it took.
     */
    record Attempt(SeatHold hold, Seat refused) {
    }

    /**
     * Takes {@code seats} (already checked against the round's rules, in layout order) for {@code holdId}, then
     * records the hold on the fan's ledger within the per-person limit: the one hold path that both seat selection
     * and best available ({@link HoldingBestAvailable}) go through, so the seat writes, the limit, idempotency and
     * the give-back on failure are the same for both.
     */
    Attempt take(String userId, String idempotencyKey, Round round, List<Seat> seats, String holdId,
                 String fingerprint, Instant now) {
        Instant expiresAt = now.plus(holdDuration).truncatedTo(ChronoUnit.MILLIS); // as stored
        List<HeldSeat> held = seats.stream().map(s -> HoldRules.heldSeat(round, s)).toList();
        SeatHold hold = new SeatHold(holdId, round.id(), userId, held, expiresAt);

        List<Seat> taken = new ArrayList<>(seats.size());
        try {
            return takeAndRecord(idempotencyKey, round, seats, hold, fingerprint, taken, now);
        } catch (RuntimeException fault) {
            // A dependency failed midway (timeout, throttling): give back what we took rather than leave it held
            // until expiry. Not with a key: those seats may be the first attempt's, and the client's retry with the
            // same key either completes the hold or gives them back itself.
            if (!(fault instanceof DomainException) && idempotencyKey == null) {
                claiming.giveBackQuietly(round.id(), taken, hold.holdId());
            }
            throw fault;
        }
    }

    private Attempt takeAndRecord(String idempotencyKey, Round round, List<Seat> seats, SeatHold hold,
                                  String fingerprint, List<Seat> taken, Instant now) {
        String holdId = hold.holdId();
        Optional<Seat> refused = claiming.takeInOrder(round, seats, hold, now, taken);
        if (refused.isPresent()) {
            return refuse(hold.userId(), idempotencyKey, round, taken, refused.get(), holdId, fingerprint);
        }
        switch (ledgers.record(hold, fingerprint, round.perPersonLimit(), now)) {
            case RECORDED:
                return new Attempt(hold, null);
            case LIMIT_REACHED:
                claiming.giveBack(round.id(), taken, holdId);
                throw HoldRules.overPerPersonLimit(round);
            default:
                // ALREADY_RECORDED: a retry whose first request got through; keep the first request's seats
                Optional<HoldLedgers.Recorded> first = ledgers.find(hold.userId(), holdId);
                claiming.giveBack(round.id(), IdempotentHolds.notHeldBy(first, taken), holdId);
                return new Attempt(IdempotentHolds.replay(first.orElseThrow(), fingerprint), null);
        }
    }

    /**
     * A seat is taken: give back what this request took and answer the refused seat, unless this is a retry of a
     * request that already holds its seats (same key), whose first answer is returned.
     */
    private Attempt refuse(String userId, String idempotencyKey, Round round, List<Seat> taken, Seat seat,
                           String holdId, String fingerprint) {
        Optional<HoldLedgers.Recorded> first = idempotencyKey == null ? Optional.empty()
                : ledgers.find(userId, holdId);
        claiming.giveBack(round.id(), IdempotentHolds.notHeldBy(first, taken), holdId);
        if (first.isPresent()) {
            return new Attempt(IdempotentHolds.replay(first.get(), fingerprint), null);
        }
        return new Attempt(null, seat);
    }

    /**
     * The holder gives the seats back at once (left the page). Once an order pays for the hold, the hold is the
     * order's: only cancelling the order frees it. The ledger decides first, in the same item that ordering writes,
     * so a release and an order racing each other cannot both win.
     */
    public void release(String userId, String holdId) {
        SeatHold hold = find(userId, holdId);
        if (!hold.liveAt(clock.instant())) {
            throw DomainException.conflict("hold-expired", "hold " + holdId + " has expired; its seats are free already");
        }
        switch (ledgers.release(hold)) {
            case ORDERED -> throw DomainException.conflict("hold-has-order", "an order pays for hold " + holdId
                    + "; cancel the order (POST /v1/orders/" + holdId + "/cancellation) to give the seats back");
            case GONE -> throw DomainException.notFound("hold", holdId);
            case RELEASED -> {
                Round round = catalog.round(hold.roundId());
                claiming.free(round, catalog.layout(round), hold);
            }
        }
    }

    /**
     * The fan's hold as their ledger records it, with whether an order has taken it; empty unless it is this fan's.
     * One read, which tells ordering whether an order can exist for it at all.
     */
    public Optional<HoldLedgers.Recorded> recorded(String userId, String holdId) {
        return ledgers.find(userId, holdId);
    }

    public SeatHold find(String userId, String holdId) {
        return ledgers.find(userId, holdId).map(HoldLedgers.Recorded::hold)
                .orElseThrow(() -> DomainException.notFound("hold", holdId));
    }

    /**
     * An order is about to pay for the fan's live hold: from now on the hold is the order's (see {@link #release}).
     * Harmless to repeat; refused when the hold has expired or was released.
     */
    public SeatHold reserveForOrder(String userId, String holdId) {
        return reserveForOrder(find(userId, holdId)); // 404 unless it is this fan's hold
    }

    /** As {@link #reserveForOrder(String, String)}, for a hold just read from the fan's ledger ({@link #recorded}). */
    public SeatHold reserveForOrder(SeatHold hold) {
        if (!hold.liveAt(clock.instant())) {
            throw DomainException.conflict("hold-expired", "the hold has expired; hold the seats again");
        }
        if (!ledgers.attachOrder(hold)) {
            throw DomainException.conflict("hold-released", "the hold was released; hold the seats again");
        }
        return hold;
    }
}
