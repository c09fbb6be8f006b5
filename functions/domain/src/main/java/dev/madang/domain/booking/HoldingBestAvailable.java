package dev.madang.domain.booking;

import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatInventory;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.SeatMapSnapshot;
import dev.madang.domain.catalog.SeatMapSnapshots;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Violations;
import dev.madang.domain.exhibition.EntrySlots;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Best available (자동 배정): a fan asks for a party size in a {@link BookingMode#BEST_AVAILABLE} section, or in any
 * such section of a grade, and the system chooses the seats (docs/architecture.md §3.9).
 * <p>
 * Candidates come first from the round's seat-map snapshot (one read of a snapshot cached for
 * {@code snapshotFreshness}): every run of {@code partySize} free seats with consecutive numbers in one row of an
 * allowed section. <b>Best</b> means: the row nearest the stage first (a row's rank is its position among its
 * section's rows in layout order; layouts list rows from the stage back), then the block whose middle is nearest the
 * middle of its row (in seat numbers), then layout order. One of the {@code shuffleTop} best candidates is taken at
 * random, so that fans asking at the same moment do not all race for the very same block.
 * <p>
 * Each candidate is taken through the same hold path as seat selection ({@link HoldingSeats#take}: one conditional
 * write per seat, the fan's ledger for the per-person limit, idempotency, give-back on refusal). When the seats
 * show no adjacent block but enough free seats, the best single seats (ranked the same way) are taken and the answer
 * says {@code together: false}; when the snapshot shows fewer free seats than the party, the answer is 409
 * {@code no-seats-available} without a write.
 * <p>
 * <b>A stale snapshot.</b> The snapshot may be a couple of seconds old, and in a rush every request of every instance
 * works from the same one: they all propose the same few blocks, and a request that only skipped the seats refused to
 * it spent its attempts on seats the snapshot showed free but which had gone a second before, and turned the fan away
 * while the section still had room ({@code BestAvailableRaceTest} measured 33 of 40 parties refused with 8 of 24 seats
 * left). So a refused seat write is taken as proof that the snapshot is stale here, and from then on the request
 * works from the seat inventory itself ({@link SeatInventory}, the read the lottery draw makes, a query per row):
 * <ol>
 *   <li>after the first refusal it reads every row of the asked sections;</li>
 *   <li>after each later refusal every row counts as stale again, and before the next attempt the request reads the
 *       rows of the candidate it is about to try (usually one row), choosing again if the read changed its mind;</li>
 *   <li>before answering that there is no room it reads the rows not read since the last refusal.</li>
 * </ol>
 * What a read shows replaces what was known of its rows, so a seat another request held only for a moment (its block
 * refused further on) is proposed again; a refused seat counts as taken until its row is read. Seats this instance
 * failed to take a moment ago ({@link RecentlyTakenSeats}) count as taken, as they would be refused without a write.
 * The answer is 409 {@code no-seats-available} when
 * <ul>
 *   <li>the seats as last seen leave fewer free seats than the party: in the snapshot (then without a write, as for a
 *       section the snapshot shows full), or in rows all read since the last refusal, which means the section had no
 *       room at that moment, counting the seats other requests held then, some of which they may give back a moment
 *       later; or</li>
 *   <li>{@link #MAX_ATTEMPTS} attempts were each refused at a seat someone else had at that moment.</li>
 * </ul>
 * So one request costs at most one snapshot read, {@link #MAX_ATTEMPTS} attempts of {@code partySize} conditional
 * seat writes (and their give-backs), and reads of the asked sections' rows in which each row is read at most once
 * per refused write ({@code MAX_ATTEMPTS - 1} times), usually one row per refusal. Rows are read only after a refused
 * write, that is only while the section sells faster than its snapshot is refreshed; a request the snapshot answers
 * (a quiet section, or one it shows full) reads no row.
 */
public final class HoldingBestAvailable {

    /** Candidates tried per request before answering 409 {@code no-seats-available}. */
    public static final int MAX_ATTEMPTS = 5;
    /** How many of the best candidates the one tried is drawn from. */
    public static final int DEFAULT_SHUFFLE_TOP = 3;

    private final HoldingSeats holding;
    private final SeatMapSnapshots snapshots;
    private final SeatInventory inventory;
    private final Duration snapshotFreshness;
    private final int shuffleTop;
    private final RandomGenerator random;
    private final Map<String, CachedSnapshot> snapshotCache = new ConcurrentHashMap<>();

    /**
     * {@code inventory} is read only after a refused seat write (see the class comment for how much).
     * {@code random} is shared by concurrent requests, so it must be thread-safe ({@link java.util.Random} is).
     */
    public HoldingBestAvailable(HoldingSeats holding, SeatMapSnapshots snapshots, SeatInventory inventory,
                                Duration snapshotFreshness, int shuffleTop, RandomGenerator random) {
        this.holding = holding;
        this.snapshots = snapshots;
        this.inventory = inventory;
        this.snapshotFreshness = snapshotFreshness;
        this.shuffleTop = Math.max(1, shuffleTop);
        this.random = random;
    }

    /**
     * Exactly one of {@code sectionId} and {@code grade}. {@code identityVerified} and {@code idempotencyKey} as in
     * {@link HoldingSeats.HoldRequest}: a repeat with the same key answers the first hold.
     */
    public record BestAvailableRequest(String userId, boolean identityVerified, String roundId, String sectionId,
                                       String grade, Integer partySize, String idempotencyKey,
                                       java.util.Set<String> memberships) {

        public BestAvailableRequest {
            memberships = memberships == null ? java.util.Set.of() : java.util.Set.copyOf(memberships);
        }

        /** A request from a fan who is a member of nothing. */
        public BestAvailableRequest(String userId, boolean identityVerified, String roundId, String sectionId,
                                    String grade, Integer partySize, String idempotencyKey) {
            this(userId, identityVerified, roundId, sectionId, grade, partySize, idempotencyKey, java.util.Set.of());
        }
    }

    /** The hold made, and whether its seats are side by side in one row. */
    public record BestAvailableHold(SeatHold hold, boolean together) {
    }

    public BestAvailableHold hold(BestAvailableRequest request) {
        checkRequest(request);
        Instant now = holding.clock().instant();
        Round round = holding.catalog().round(request.roundId());
        SeatLayout layout = holding.catalog().layout(round);
        HoldRules.checkSaleOpen(round, now, request.memberships());
        List<Section> sections = allowedSections(request, round, layout);

        String fingerprint = IdempotentHolds.fingerprintOf("best|" + round.id() + "|"
                + (request.sectionId() != null ? "section:" + request.sectionId() : "grade:" + request.grade())
                + "|" + request.partySize());
        String holdId = holding.holdIdFor(request.userId(), request.idempotencyKey(), fingerprint, now);

        int party = request.partySize();
        SeatMapSnapshot snapshot = snapshot(round.id());
        Seen seen = new Seen(round, sections, now, seat -> snapshot.isTaken(layout.indexOf(seat.id())));
        Predicate<Seat> taken = seat -> seen.taken.contains(seat.id()) || holding.knownTaken(round, seat);
        boolean rowsRead = false; // after a refused write: from here on the rows are read, not the snapshot
        for (int attempt = 1; ; attempt++) {
            List<Seat> seats = choose(sections, layout, party, taken);
            if (rowsRead) {
                // others race on: look again at the candidate's rows unless read since the last refusal, and at
                // every row before answering that there is no room
                while (seats != null && seen.read(rowsOf(seats))) {
                    seats = choose(sections, layout, party, taken);
                }
                if (seats == null && seen.read(seen.allRows())) {
                    seats = choose(sections, layout, party, taken);
                }
            }
            if (seats == null) {
                throw noSeats(request, true); // in the snapshot (no write made), or in rows read since a refusal
            }
            List<Seat> inLayoutOrder = new ArrayList<>(seats);
            inLayoutOrder.sort(Comparator.comparingInt(s -> layout.indexOf(s.id())));
            HoldingSeats.Attempt attempted = holding.take(request.userId(), request.idempotencyKey(), round,
                    inLayoutOrder, holdId, fingerprint, now);
            if (attempted.hold() != null) {
                return new BestAvailableHold(attempted.hold(), together(attempted.hold(), layout));
            }
            if (attempt == MAX_ATTEMPTS) {
                throw noSeats(request, false);
            }
            seen.refused(attempted.refused());
            if (!rowsRead) {
                // the snapshot is stale here: everyone works from it, so its other blocks are likely gone too
                seen.read(seen.allRows());
                rowsRead = true;
            }
        }
    }

    /** 409: fewer free seats than the party as last seen ({@code noRoom}), or every attempt refused. */
    private static DomainException noSeats(BestAvailableRequest request, boolean noRoom) {
        String where = request.sectionId() != null ? "in section " + request.sectionId()
                : "of grade " + request.grade();
        return DomainException.conflict("no-seats-available", noRoom
                ? "fewer than " + request.partySize() + " seats are free " + where
                + "; choose another section or a smaller party"
                : "no " + request.partySize() + " free seats could be held " + where
                + " just now; try again or choose another section");
    }

    private static Set<String> rowsOf(List<Seat> seats) {
        Set<String> rows = new LinkedHashSet<>();
        seats.forEach(seat -> rows.add(rowOf(seat)));
        return rows;
    }

    private static String rowOf(Seat seat) {
        return seat.sectionId() + "#" + seat.row();
    }

    /**
     * The asked sections' seats as this request last saw them: first the snapshot, then what each read of rows of
     * the inventory showed (a read replaces what was known of its rows). A row is read at most once between two
     * refused writes.
     */
    private final class Seen {
        final Set<String> taken = new HashSet<>();
        private final Round round;
        private final List<Section> sections;
        private final Instant now;
        private final Set<String> readSinceRefusal = new HashSet<>();

        Seen(Round round, List<Section> sections, Instant now, Predicate<Seat> takenInSnapshot) {
            this.round = round;
            this.sections = sections;
            this.now = now;
            sections.forEach(section -> section.seats().stream().filter(takenInSnapshot)
                    .forEach(seat -> taken.add(seat.id())));
        }

        Set<String> allRows() {
            Set<String> rows = new LinkedHashSet<>();
            sections.forEach(section -> rows.addAll(rowsOf(section.seats())));
            return rows;
        }

        /** A write was refused at {@code seat}: it is taken, and every row may have changed since it was read. */
        void refused(Seat seat) {
            taken.add(seat.id());
            readSinceRefusal.clear();
        }

        /** Reads those of {@code rows} not read since the last refusal, in one inventory read; false if none. */
        boolean read(Set<String> rows) {
            Set<String> unread = new LinkedHashSet<>(rows);
            unread.removeAll(readSinceRefusal);
            if (unread.isEmpty()) {
                return false;
            }
            List<Section> parts = new ArrayList<>();
            for (Section section : sections) {
                List<Seat> seats = section.seats().stream().filter(s -> unread.contains(rowOf(s))).toList();
                if (!seats.isEmpty()) {
                    parts.add(new Section(section.id(), section.name(), seats));
                }
            }
            // a layout of just these rows, with indexes of its own: the inventory reads these rows only
            SeatLayout asked = SeatLayout.trusted(parts);
            BitSet read = inventory.takenSeats(round, asked, now);
            for (Seat seat : asked.seats()) {
                if (read.get(asked.indexOf(seat.id()))) {
                    taken.add(seat.id());
                } else {
                    taken.remove(seat.id());
                }
            }
            readSinceRefusal.addAll(unread);
            return true;
        }
    }

    /** Identity first (403), then the shape of the request (400), before the round is looked up. */
    private static void checkRequest(BestAvailableRequest request) {
        HoldRules.checkIdentity(request.identityVerified());
        Violations v = new Violations();
        v.check(request.partySize() != null && request.partySize() >= 1 && request.partySize() <= 10, "partySize",
                "a party of 1-10 seats");
        boolean section = request.sectionId() != null && !request.sectionId().isBlank();
        boolean grade = request.grade() != null && !request.grade().isBlank();
        v.check(section != grade, "sectionId", "exactly one of sectionId and grade");
        v.check(request.sectionId() == null || request.sectionId().length() <= 12, "sectionId", "at most 12 characters");
        v.check(request.grade() == null || request.grade().length() <= 10, "grade", "at most 10 characters");
        v.check(request.idempotencyKey() == null || request.idempotencyKey().length() <= 100, "Idempotency-Key",
                "at most 100 characters");
        v.throwIfInvalid("the best-available request is not valid");
    }

    /** The round's rules (422): the party within the per-person limit, the section(s) sold by best available. */
    private static List<Section> allowedSections(BestAvailableRequest request, Round round, SeatLayout layout) {
        Violations rules = new Violations();
        rules.check(request.partySize() <= round.perPersonLimit(), "partySize",
                "at most " + round.perPersonLimit() + " seats per person for this round");
        List<Section> sections = new ArrayList<>();
        if (request.sectionId() != null && !request.sectionId().isBlank()) {
            Optional<Section> section = layout.section(request.sectionId());
            SectionPlan plan = round.sections().get(request.sectionId());
            if (section.isEmpty() || plan == null) {
                rules.add("sectionId", "round " + round.id() + " has no section " + request.sectionId());
            } else if (plan.mode() != BookingMode.BEST_AVAILABLE) {
                rules.add("sectionId", "section " + request.sectionId() + " is sold by "
                        + plan.mode().name().toLowerCase().replace('_', '-') + ", not by best available");
            } else {
                sections.add(section.get());
            }
        } else {
            for (Section section : layout.sections()) {
                SectionPlan plan = round.sections().get(section.id());
                if (plan != null && plan.mode() == BookingMode.BEST_AVAILABLE && plan.grade().equals(request.grade())) {
                    sections.add(section);
                }
            }
            if (sections.isEmpty()) {
                rules.add("grade", "round " + round.id() + " sells no section of grade " + request.grade()
                        + " by best available");
            }
        }
        rules.throwIfRuleViolated("not-best-available", "these seats cannot be held by best available");
        return sections;
    }

    /** A seat's or block's place in the ranking: row rank (0 = nearest the stage), distance from the row's middle. */
    private record Rank(int row, double offCentre, int index) implements Comparable<Rank> {
        @Override
        public int compareTo(Rank o) {
            return Comparator.comparingInt(Rank::row).thenComparingDouble(Rank::offCentre)
                    .thenComparingInt(Rank::index).compare(this, o);
        }
    }

    /**
     * One of the {@code shuffleTop} best blocks of {@code party} free seats with consecutive numbers in one row, else
     * the {@code party} best free seats wherever they are, else null when fewer are free.
     */
    private List<Seat> choose(List<Section> sections, SeatLayout layout, int party, Predicate<Seat> taken) {
        // An exhibition's entries are all alike: any free block is as good as the best, so the one tried is drawn from
        // all of them, and a rush on a slot spreads its writes over every row (key) of the entry hall instead of
        // queueing on the first row (docs/commerce.md, "Exhibitions and time slots").
        boolean alike = sections.stream().allMatch(s -> s.id().equals(EntrySlots.SECTION));
        record Block(List<Seat> seats, Rank rank) {
        }
        List<Block> blocks = new ArrayList<>();
        List<Seat> free = new ArrayList<>();
        Map<String, Rank> ranks = new HashMap<>();
        for (Section section : sections) {
            Map<String, List<Seat>> rows = new LinkedHashMap<>(); // rows in layout order: the stage first
            for (Seat seat : section.seats()) {
                rows.computeIfAbsent(seat.row(), r -> new ArrayList<>()).add(seat);
            }
            int rowRank = 0;
            for (List<Seat> row : rows.values()) {
                row.sort(Comparator.comparingInt(Seat::number));
                double middle = (row.get(0).number() + row.get(row.size() - 1).number()) / 2.0;
                List<Seat> run = new ArrayList<>();
                for (Seat seat : row) {
                    if (taken.test(seat)) {
                        run.clear();
                        continue;
                    }
                    int index = layout.indexOf(seat.id());
                    ranks.put(seat.id(), new Rank(rowRank, Math.abs(seat.number() - middle), index));
                    free.add(seat);
                    if (!run.isEmpty() && run.get(run.size() - 1).number() + 1 != seat.number()) {
                        run.clear(); // a gap in the numbering: not side by side
                    }
                    run.add(seat);
                    if (run.size() >= party) {
                        List<Seat> block = List.copyOf(run.subList(run.size() - party, run.size()));
                        double blockMiddle = (block.get(0).number() + block.get(party - 1).number()) / 2.0;
                        blocks.add(new Block(block, new Rank(rowRank, Math.abs(blockMiddle - middle),
                                layout.indexOf(block.get(0).id()))));
                    }
                }
                rowRank++;
            }
        }
        if (!blocks.isEmpty()) {
            blocks.sort(Comparator.comparing(Block::rank));
            int top = alike ? blocks.size() : Math.min(shuffleTop, blocks.size());
            return blocks.get(top == 1 ? 0 : random.nextInt(top)).seats();
        }
        if (free.size() < party) {
            return null;
        }
        free.sort(Comparator.comparing(s -> ranks.get(s.id())));
        if (alike) {
            java.util.Collections.rotate(free, random.nextInt(free.size()));
        }
        return List.copyOf(free.subList(0, party));
    }

    /** Side by side: one section, one row, consecutive numbers. */
    static boolean together(SeatHold hold, SeatLayout layout) {
        List<Seat> seats = new ArrayList<>();
        for (HeldSeat h : hold.seats()) {
            seats.add(layout.seat(h.seatId()).orElseThrow());
        }
        seats.sort(Comparator.comparingInt(Seat::number));
        for (int i = 1; i < seats.size(); i++) {
            Seat a = seats.get(i - 1);
            Seat b = seats.get(i);
            if (!a.sectionId().equals(b.sectionId()) || !a.row().equals(b.row()) || a.number() + 1 != b.number()) {
                return false;
            }
        }
        return true;
    }

    private SeatMapSnapshot snapshot(String roundId) {
        Instant now = holding.clock().instant();
        CachedSnapshot hit = snapshotCache.get(roundId);
        if (hit != null && hit.loadedAt().plus(snapshotFreshness).isAfter(now)) {
            return hit.snapshot();
        }
        SeatMapSnapshot snapshot = snapshots.find(roundId).orElseGet(() -> SeatMapSnapshot.empty(roundId, now));
        snapshotCache.put(roundId, new CachedSnapshot(snapshot, now));
        return snapshot;
    }

    private record CachedSnapshot(SeatMapSnapshot snapshot, Instant loadedAt) {
    }
}
