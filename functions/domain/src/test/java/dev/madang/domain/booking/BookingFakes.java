package dev.madang.domain.booking;

import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatInventory;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.SeatMapSnapshot;
import dev.madang.domain.catalog.SeatMapSnapshots;
import dev.madang.domain.catalog.Venue;
import dev.madang.domain.catalog.Venues;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory stand-ins for the booking ports, honouring each port's contract, for tests about the hold rules. */
public final class BookingFakes {

    private BookingFakes() {
    }

    /** Who has a seat of a round: a hold until {@code expiresAt}, or a ticket written for that hold. */
    public record SeatState(String holdId, String userId, Instant expiresAt, String ticketId) {
    }

    /**
     * The seat inventory in memory, one entry per round and seat, with the conditional writes' semantics: a claim
     * succeeds on a seat with no ticket and no live hold, or one this same hold has; a release frees the seat only
     * for the hold that has it. Every write is logged in order ("claim A-1-1", "release A-1-2") so tests can read
     * the order seats are taken and given back in.
     */
    public static final class InMemorySeatClaims implements SeatClaims {

        public final Map<String, SeatState> seats = new HashMap<>();
        public final List<String> writes = new ArrayList<>();
        /** Seats whose claim fails as a dependency would (timeout): nothing is written, the call throws. */
        public final Set<String> failingClaims = new HashSet<>();

        @Override
        public synchronized boolean claim(String roundId, Seat seat, String holdId, String userId, Instant now,
                                          Instant expiresAt) {
            if (failingClaims.contains(seat.id())) {
                throw new IllegalStateException("seats table timed out");
            }
            writes.add("claim " + seat.id());
            SeatState s = seats.get(key(roundId, seat));
            boolean free = s == null || (s.ticketId() == null && !s.expiresAt().isAfter(now));
            boolean ours = s != null && s.ticketId() == null && s.holdId().equals(holdId);
            if (!free && !ours) {
                return false;
            }
            seats.put(key(roundId, seat), new SeatState(holdId, userId, expiresAt, null));
            return true;
        }

        @Override
        public synchronized void release(String roundId, Seat seat, String holdId) {
            writes.add("release " + seat.id());
            SeatState s = seats.get(key(roundId, seat));
            if (s != null && s.ticketId() == null && s.holdId().equals(holdId)) {
                seats.remove(key(roundId, seat));
            }
        }

        @Override
        public synchronized boolean extend(String roundId, Seat seat, String holdId, Instant now, Instant newExpiresAt) {
            SeatState s = seats.get(key(roundId, seat));
            if (s == null || s.ticketId() != null || !s.holdId().equals(holdId) || !s.expiresAt().isAfter(now)) {
                return false;
            }
            seats.put(key(roundId, seat), new SeatState(holdId, s.userId(), newExpiresAt, null));
            return true;
        }

        @Override
        public synchronized boolean issueTicket(String roundId, Seat seat, String holdId, String ticketId,
                                                String ownerId, Instant now) {
            SeatState s = seats.get(key(roundId, seat));
            if (s == null || !s.holdId().equals(holdId)) {
                return false;
            }
            if (s.ticketId() != null) {
                return s.ticketId().equals(ticketId);
            }
            if (!s.expiresAt().isAfter(now)) {
                return false;
            }
            seats.put(key(roundId, seat), new SeatState(holdId, ownerId, s.expiresAt(), ticketId));
            return true;
        }

        @Override
        public synchronized void revokeTicket(String roundId, Seat seat, String ticketId) {
            SeatState s = seats.get(key(roundId, seat));
            if (s != null && ticketId.equals(s.ticketId())) {
                seats.remove(key(roundId, seat));
            }
        }

        @Override
        public synchronized void returnToSale(String roundId, Seat seat, String holdId) {
            SeatState s = seats.get(key(roundId, seat));
            if (s != null && s.holdId().equals(holdId)) {
                seats.remove(key(roundId, seat));
            }
        }

        /** The hold id that has the seat at {@code now}, if any (an expired hold counts as free). */
        public synchronized Optional<String> holderAt(String roundId, String seatId, Instant now) {
            SeatState s = seats.get(roundId + "#" + seatId);
            if (s == null || (s.ticketId() == null && !s.expiresAt().isAfter(now))) {
                return Optional.empty();
            }
            return Optional.of(s.holdId());
        }

        private static String key(String roundId, Seat seat) {
            return roundId + "#" + seat.id();
        }
    }

    /**
     * The fans' ledgers in memory, one per fan and round, as the DynamoDB ledger keeps them: recording counts the
     * seats of the fan's live holds of that round against the limit; an ordered hold can no longer be released;
     * releasing or removing forgets the hold.
     */
    public static final class InMemoryHoldLedgers implements HoldLedgers {

        /** "user#round" → hold id → what was recorded. */
        public final Map<String, Map<String, Recorded>> ledgers = new HashMap<>();
        /** hold id → cancellation id → seats given back. */
        public final Map<String, Map<String, Integer>> returned = new HashMap<>();

        @Override
        public synchronized boolean returnSeats(String userId, String roundId, String holdId, String cancellationId,
                                                int seats) {
            Map<String, Recorded> ledger = ledgers.get(userId + "#" + roundId);
            if (ledger == null || !ledger.containsKey(holdId)) {
                return false;
            }
            returned.computeIfAbsent(holdId, k -> new HashMap<>()).putIfAbsent(cancellationId, seats);
            return true;
        }

        /** Runs as {@link #attachOrder} starts: lets a test put a racing release in that window. */
        public Runnable beforeAttach = () -> {
        };

        @Override
        public synchronized Outcome record(SeatHold hold, String fingerprint, int limit, Instant now) {
            Map<String, Recorded> ledger = ledgers.computeIfAbsent(hold.userId() + "#" + hold.roundId(),
                    k -> new LinkedHashMap<>());
            if (ledger.containsKey(hold.holdId())) {
                return Outcome.ALREADY_RECORDED;
            }
            // an ordered hold counts past its expiry (its seats are bought), less the seats given back
            int live = ledger.values().stream().filter(r -> r.ordered() || r.hold().liveAt(now))
                    .mapToInt(r -> r.hold().seats().size() - returned.getOrDefault(r.hold().holdId(), Map.of())
                            .values().stream().mapToInt(Integer::intValue).sum()).sum();
            if (live + hold.seats().size() > limit) {
                return Outcome.LIMIT_REACHED;
            }
            ledger.put(hold.holdId(), new Recorded(hold, fingerprint, false));
            return Outcome.RECORDED;
        }

        @Override
        public synchronized Optional<Recorded> find(String userId, String holdId) {
            return ledgers.entrySet().stream().filter(e -> e.getKey().startsWith(userId + "#"))
                    .map(e -> e.getValue().get(holdId)).filter(r -> r != null).findFirst();
        }

        @Override
        public synchronized boolean remove(SeatHold hold) {
            return ledgerOf(hold).remove(hold.holdId()) != null;
        }

        @Override
        public synchronized Release release(SeatHold hold) {
            Recorded r = ledgerOf(hold).get(hold.holdId());
            if (r == null) {
                return Release.GONE;
            }
            if (r.ordered()) {
                return Release.ORDERED;
            }
            ledgerOf(hold).remove(hold.holdId());
            return Release.RELEASED;
        }

        @Override
        public boolean attachOrder(SeatHold hold) {
            beforeAttach.run();
            synchronized (this) {
                Recorded r = ledgerOf(hold).get(hold.holdId());
                if (r == null) {
                    return false;
                }
                ledgerOf(hold).put(hold.holdId(), new Recorded(r.hold(), r.fingerprint(), true));
                return true;
            }
        }

        @Override
        public synchronized boolean extend(SeatHold hold, Instant until) {
            Recorded r = ledgerOf(hold).get(hold.holdId());
            if (r == null) {
                return false;
            }
            SeatHold h = r.hold();
            ledgerOf(hold).put(hold.holdId(), new Recorded(new SeatHold(h.holdId(), h.roundId(), h.userId(), h.seats(),
                    until), r.fingerprint(), r.ordered()));
            return true;
        }

        /** The holds recorded for the fan in the round, in recording order. */
        public synchronized List<Recorded> of(String userId, String roundId) {
            return List.copyOf(ledgers.getOrDefault(userId + "#" + roundId, Map.of()).values());
        }

        private Map<String, Recorded> ledgerOf(SeatHold hold) {
            return ledgers.computeIfAbsent(hold.userId() + "#" + hold.roundId(), k -> new LinkedHashMap<>());
        }
    }

    /** Idempotency-Keys in memory, per fan, operation and key; a binding stands for {@code retention}, then is replaced. */
    public static final class InMemoryIdempotencyKeys implements IdempotencyKeys {

        public record Bound(Binding binding, Instant at) {
        }

        public final Map<String, Bound> bound = new HashMap<>();

        @Override
        public synchronized Binding bind(String userId, String operation, String key, String fingerprint, String newId,
                                         Instant now, Duration retention) {
            String k = userId + "#" + operation + "#" + key;
            Bound b = bound.get(k);
            if (b != null && b.at().plus(retention).isAfter(now)) {
                return b.binding();
            }
            Binding fresh = new Binding(newId, fingerprint);
            bound.put(k, new Bound(fresh, now));
            return fresh;
        }
    }

    /** Rounds by id; only what the catalog cache reads is needed here. */
    public static final class InMemoryRounds implements Rounds {

        public final Map<String, Round> byId = new HashMap<>();

        @Override
        public synchronized void create(Round round) {
            byId.put(round.id(), round);
        }

        @Override
        public synchronized void update(Round round, long expectedVersion) {
            byId.put(round.id(), round);
        }

        @Override
        public synchronized Optional<Round> find(String roundId) {
            return Optional.ofNullable(byId.get(roundId));
        }

        @Override
        public synchronized List<Round> ofPerformance(String performanceId) {
            return byId.values().stream().filter(r -> r.performanceId().equals(performanceId))
                    .sorted((a, b) -> a.startsAt().compareTo(b.startsAt())).toList();
        }
    }

    /** Venues and their layout versions. */
    public static final class InMemoryVenues implements Venues {

        public final Map<String, Venue> byId = new HashMap<>();
        public final Map<String, SeatLayout> layouts = new HashMap<>();

        @Override
        public synchronized void create(Venue venue, SeatLayout layout) {
            byId.put(venue.id(), venue);
            layouts.put(venue.id() + "#1", layout);
        }

        @Override
        public synchronized void update(Venue venue) {
            byId.put(venue.id(), venue);
        }

        @Override
        public synchronized void addLayout(Venue venue, SeatLayout layout) {
            byId.put(venue.id(), venue);
            layouts.put(venue.id() + "#" + venue.layoutVersion(), layout);
        }

        @Override
        public synchronized Optional<Venue> find(String venueId) {
            return Optional.ofNullable(byId.get(venueId));
        }

        @Override
        public synchronized Optional<SeatLayout> layout(String venueId, int version) {
            return Optional.ofNullable(layouts.get(venueId + "#" + version));
        }

        /** Test helper: stores a layout version directly. */
        public synchronized void putLayout(String venueId, int version, SeatLayout layout) {
            layouts.put(venueId + "#" + version, layout);
        }
    }

    /**
     * Seat-map snapshots in memory. {@link #refresh} rebuilds a round's snapshot from the in-memory inventory as the
     * refresher would; {@link #markTaken} sets bits by hand; {@link #reads} counts reads.
     */
    public static final class InMemorySeatMapSnapshots implements SeatMapSnapshots {

        public final Map<String, SeatMapSnapshot> byRound = new HashMap<>();
        public int reads;

        @Override
        public synchronized Optional<SeatMapSnapshot> find(String roundId) {
            reads++;
            return Optional.ofNullable(byRound.get(roundId));
        }

        @Override
        public synchronized void save(SeatMapSnapshot snapshot) {
            byRound.put(snapshot.roundId(), snapshot);
        }

        /** The snapshot of what {@code claims} holds at {@code now}. */
        public synchronized void refresh(String roundId, SeatLayout layout, InMemorySeatClaims claims, Instant now) {
            BitSet taken = new BitSet();
            for (Seat seat : layout.seats()) {
                if (claims.holderAt(roundId, seat.id(), now).isPresent()) {
                    taken.set(layout.indexOf(seat.id()));
                }
            }
            byRound.put(roundId, new SeatMapSnapshot(roundId, taken, now));
        }

        /** Adds seats to the round's snapshot as taken. */
        public synchronized void markTaken(String roundId, SeatLayout layout, Instant now, String... seatIds) {
            SeatMapSnapshot old = byRound.getOrDefault(roundId, SeatMapSnapshot.empty(roundId, now));
            BitSet taken = (BitSet) old.taken().clone();
            for (String id : seatIds) {
                taken.set(layout.indexOf(id));
            }
            byRound.put(roundId, new SeatMapSnapshot(roundId, taken, now));
        }
    }

    /** The inventory's read side over {@link InMemorySeatClaims}: taken means held live at {@code now} or ticketed. */
    public static final class InMemorySeatInventory implements SeatInventory {

        private final InMemorySeatClaims claims;
        /** The rows ("section-row") each read covered, in order. */
        public final List<List<String>> reads = new ArrayList<>();
        /** Run just before the read of that number (1, 2, ...) looks at the seats: a test's way to move seats. */
        public final Map<Integer, Runnable> beforeRead = new HashMap<>();
        /** Run just after the read of that number looked: what it answers no longer shows what this does. */
        public final Map<Integer, Runnable> afterRead = new HashMap<>();

        public InMemorySeatInventory(InMemorySeatClaims claims) {
            this.claims = claims;
        }

        @Override
        public synchronized BitSet takenSeats(Round round, SeatLayout layout, Instant now) {
            reads.add(layout.seats().stream().map(s -> s.sectionId() + "-" + s.row()).distinct().toList());
            beforeRead.getOrDefault(reads.size(), () -> { }).run();
            BitSet taken = new BitSet(layout.seatCount());
            for (Seat seat : layout.seats()) {
                if (claims.holderAt(round.id(), seat.id(), now).isPresent()) {
                    taken.set(layout.indexOf(seat.id()));
                }
            }
            afterRead.getOrDefault(reads.size(), () -> { }).run();
            return taken;
        }
    }
}
