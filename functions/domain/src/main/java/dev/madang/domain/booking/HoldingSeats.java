package dev.madang.domain.booking;

import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A signed-in fan takes 1..N seats of a round for a few minutes, all or nothing. Seats are taken one conditional
 * write each, in layout order (two fans wanting overlapping seats meet at the same first seat instead of each
 * holding half), and a failure gives back what this request took. The fan's per-round limit is checked last, on the
 * fan's own ledger, so a rush on popular seats costs no ledger writes for the many who lose the race. A seat that
 * just failed here is refused from memory for a moment ({@link RecentlyTakenSeats}): no write at all.
 */
public final class HoldingSeats {

    private final CachedCatalog catalog;
    private final RecentlyTakenSeats recentlyTaken;
    private final SeatClaims claims;
    /** How long an Idempotency-Key stands for its first request, as payment APIs keep theirs. */
    public static final Duration KEY_RETENTION = Duration.ofHours(24);

    private final HoldLedgers ledgers;
    private final IdempotencyKeys keys;
    private final Ids ids;
    private final Clock clock;
    private final Duration holdDuration;

    public HoldingSeats(CachedCatalog catalog, RecentlyTakenSeats recentlyTaken, SeatClaims claims, HoldLedgers ledgers,
                        IdempotencyKeys keys, Ids ids, Clock clock, Duration holdDuration) {
        this.catalog = catalog;
        this.recentlyTaken = recentlyTaken;
        this.claims = claims;
        this.ledgers = ledgers;
        this.keys = keys;
        this.ids = ids;
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
                              String idempotencyKey) {
    }

    public SeatHold hold(HoldRequest request) {
        if (!request.identityVerified()) {
            throw DomainException.forbidden("identity-verification-required",
                    "verify your identity (본인인증) before booking: POST /v1/me/identity-verification, then refresh "
                            + "your token");
        }
        Violations v = new Violations();
        v.check(request.seatIds() != null && !request.seatIds().isEmpty(), "seatIds", "at least one seat");
        if (request.seatIds() != null) {
            v.check(request.seatIds().stream().allMatch(s -> s != null && !s.isBlank() && s.length() <= 40),
                    "seatIds", "seat ids are non-empty strings");
            v.check(new HashSet<>(request.seatIds()).size() == request.seatIds().size(), "seatIds", "a seat is listed twice");
        }
        v.check(request.idempotencyKey() == null || request.idempotencyKey().length() <= 100, "Idempotency-Key",
                "at most 100 characters");
        v.throwIfInvalid("the hold request is not valid");

        Instant now = clock.instant();
        Round round = catalog.round(request.roundId());
        SeatLayout layout = catalog.layout(round);
        List<Seat> seats = seatsToHold(request, round, layout, now);

        String fingerprint = fingerprint(request);
        String holdId = request.idempotencyKey() == null ? ids.next() : boundHoldId(request, fingerprint, now);
        Instant expiresAt = now.plus(holdDuration).truncatedTo(ChronoUnit.MILLIS); // as stored
        List<HeldSeat> held = seats.stream().map(s -> heldSeat(round, s)).toList();
        SeatHold hold = new SeatHold(holdId, round.id(), request.userId(), held, expiresAt);

        List<Seat> taken = new ArrayList<>(seats.size());
        try {
            return takeAndRecord(request, round, seats, hold, fingerprint, taken, now);
        } catch (RuntimeException fault) {
            // A dependency failed midway (timeout, throttling): give back what we took rather than leave it held
            // until expiry. Not with a key: those seats may be the first attempt's, and the client's retry with the
            // same key either completes the hold or gives them back itself.
            if (!(fault instanceof DomainException) && request.idempotencyKey() == null) {
                giveBackQuietly(round.id(), taken, hold.holdId());
            }
            throw fault;
        }
    }

    private SeatHold takeAndRecord(HoldRequest request, Round round, List<Seat> seats, SeatHold hold,
                                   String fingerprint, List<Seat> taken, Instant now) {
        String holdId = hold.holdId();
        Instant expiresAt = hold.expiresAt();
        for (Seat seat : seats) {
            if (recentlyTaken.knownTaken(round, seat)) {
                return refuse(request, round, List.of(), seat, holdId, fingerprint); // nothing written
            }
        }
        for (Seat seat : seats) {
            if (!claims.claim(round.id(), seat, holdId, request.userId(), now, expiresAt)) {
                recentlyTaken.failedToTake(round, seat);
                return refuse(request, round, taken, seat, holdId, fingerprint);
            }
            taken.add(seat);
        }
        switch (ledgers.record(hold, fingerprint, round.perPersonLimit(), now)) {
            case RECORDED:
                return hold;
            case LIMIT_REACHED:
                giveBack(round.id(), taken, holdId);
                throw DomainException.ruleViolated("per-person-limit", "you may hold or buy at most "
                        + round.perPersonLimit() + " seats of this round", List.of(new FieldError("seatIds",
                        "over the per-person limit of " + round.perPersonLimit())));
            default:
                Optional<HoldLedgers.Recorded> first = ledgers.find(request.userId(), holdId);
                giveBack(round.id(), notHeldBy(first, taken), holdId);
                return replay(first.orElseThrow(), fingerprint);
        }
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
                SeatLayout layout = catalog.layout(round);
                for (HeldSeat s : hold.seats()) {
                    layout.seat(s.seatId()).ifPresent(seat -> {
                        claims.release(round.id(), seat, holdId);
                        recentlyTaken.released(round, seat);
                    });
                }
            }
        }
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
        SeatHold hold = find(userId, holdId); // 404 unless it is this fan's hold
        if (!hold.liveAt(clock.instant())) {
            throw DomainException.conflict("hold-expired", "the hold has expired; hold the seats again");
        }
        if (!ledgers.attachOrder(hold)) {
            throw DomainException.conflict("hold-released", "the hold was released; hold the seats again");
        }
        return hold;
    }

    private List<Seat> seatsToHold(HoldRequest request, Round round, SeatLayout layout, Instant now) {
        if (!round.saleOpen(now)) {
            throw DomainException.ruleViolated(round.saleOpensAt().isAfter(now) ? "sale-not-open" : "sale-closed",
                    round.saleOpensAt().isAfter(now) ? "the sale opens at " + round.saleOpensAt()
                            : "this round no longer sells seats", List.of());
        }
        Violations rules = new Violations();
        rules.check(request.seatIds().size() <= round.perPersonLimit(), "seatIds",
                "at most " + round.perPersonLimit() + " seats per person for this round");
        List<Seat> seats = new ArrayList<>();
        for (String seatId : request.seatIds()) {
            Optional<Seat> seat = layout.seat(seatId);
            if (seat.isEmpty()) {
                rules.add("seatIds", "round " + round.id() + " has no seat " + seatId);
                continue;
            }
            SectionPlan plan = round.sections().get(seat.get().sectionId());
            if (plan.mode() != BookingMode.FIRST_COME) {
                rules.add("seatIds", "seat " + seatId + " is in a section sold by " + plan.mode().name().toLowerCase()
                        .replace('_', '-') + ", not by seat selection");
            }
            seats.add(seat.get());
        }
        rules.throwIfRuleViolated("seats-not-holdable", "these seats cannot be held");
        seats.sort(Comparator.comparingInt(s -> layout.indexOf(s.id())));
        return seats;
    }

    /**
     * A seat is taken: give back what this request took and refuse, unless this is a retry of a request that
     * already holds its seats (same key), whose first answer is returned.
     */
    private SeatHold refuse(HoldRequest request, Round round, List<Seat> taken, Seat seat, String holdId,
                            String fingerprint) {
        Optional<HoldLedgers.Recorded> first = request.idempotencyKey() == null ? Optional.empty()
                : ledgers.find(request.userId(), holdId);
        giveBack(round.id(), notHeldBy(first, taken), holdId);
        if (first.isPresent()) {
            return replay(first.get(), fingerprint);
        }
        throw DomainException.conflict("seat-taken", "seat " + seat.id() + " is no longer available");
    }

    /** The first request's answer for a retry with the same body; a reused key with another body is refused. */
    private static SeatHold replay(HoldLedgers.Recorded first, String fingerprint) {
        if (!first.fingerprint().equals(fingerprint)) {
            throw reusedKey();
        }
        return first.hold();
    }

    /** Seats this request took that the first request with its key does not hold: only those may be given back. */
    private static List<Seat> notHeldBy(Optional<HoldLedgers.Recorded> first, List<Seat> taken) {
        if (first.isEmpty()) {
            return taken;
        }
        Set<String> firstSeats = new HashSet<>();
        first.get().hold().seats().forEach(s -> firstSeats.add(s.seatId()));
        return taken.stream().filter(s -> !firstSeats.contains(s.id())).toList();
    }

    private void giveBack(String roundId, List<Seat> taken, String holdId) {
        for (int i = taken.size() - 1; i >= 0; i--) {
            claims.release(roundId, taken.get(i), holdId);
        }
    }

    private void giveBackQuietly(String roundId, List<Seat> taken, String holdId) {
        try {
            giveBack(roundId, taken, holdId);
        } catch (RuntimeException stillDown) {
            // the seats free themselves at expiry; nothing else to do
        }
    }

    private static HeldSeat heldSeat(Round round, Seat seat) {
        String grade = round.sections().get(seat.sectionId()).grade();
        return new HeldSeat(seat.id(), seat.sectionId(), grade, round.priceOf(grade).orElseThrow());
    }

    private static DomainException reusedKey() {
        return DomainException.ruleViolated("idempotency-key-reused",
                "this Idempotency-Key was used for a different request", List.of(new FieldError("Idempotency-Key",
                        "already used with another body")));
    }

    /** What makes two requests "the same": round and seat set, in any order. */
    private static String fingerprint(HoldRequest request) {
        List<String> sorted = new ArrayList<>(request.seatIds());
        sorted.sort(null);
        return sha256(request.roundId() + "|" + String.join(",", sorted)).substring(0, 32);
    }

    /**
     * A retried request must land on the same hold id, so that its seat writes recognise their own hold: the key,
     * scoped to the fan and to holding, names the id the first request got for {@link #KEY_RETENTION}. The same key
     * with another body (another round, other seats) is refused; after the window it starts a new hold.
     */
    private String boundHoldId(HoldRequest request, String fingerprint, Instant now) {
        IdempotencyKeys.Binding binding = keys.bind(request.userId(), "hold", request.idempotencyKey(), fingerprint,
                ids.next(), now, KEY_RETENTION);
        if (!binding.fingerprint().equals(fingerprint)) {
            throw reusedKey();
        }
        return binding.id();
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
