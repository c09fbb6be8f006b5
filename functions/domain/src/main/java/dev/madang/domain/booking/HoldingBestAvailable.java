package dev.madang.domain.booking;

import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.SeatMapSnapshot;
import dev.madang.domain.catalog.SeatMapSnapshots;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Violations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Best available (자동 배정): a fan asks for a party size in a {@link BookingMode#BEST_AVAILABLE} section, or in any
 * such section of a grade, and the system chooses the seats (docs/architecture.md §3.9).
 * <p>
 * Candidates come from the round's seat-map snapshot (one read of a snapshot cached for {@code snapshotFreshness},
 * never the inventory): every run of {@code partySize} free seats with consecutive numbers in one row of an allowed
 * section. <b>Best</b> means: the row nearest the stage first (a row's rank is its position among its section's rows
 * in layout order; layouts list rows from the stage back), then the block whose middle is nearest the middle of its
 * row (in seat numbers), then layout order. The first {@code shuffleTop} candidates are shuffled, so that fans asking
 * at the same moment do not all race for the very same block.
 * <p>
 * Each candidate is taken through the same hold path as seat selection ({@link HoldingSeats#take}: one conditional
 * write per seat, the fan's ledger for the per-person limit, idempotency, give-back on refusal). The snapshot may be
 * up to a couple of seconds old, so a candidate may meet a seat taken since: then the next candidate not containing
 * a seat refused so far is tried, at most {@link #MAX_ATTEMPTS} in all, and after that the answer is 409
 * {@code no-seats-available}. When the snapshot shows no adjacent block (or every block met a refused seat) but
 * enough free seats, the best single seats (ranked the same way) are taken and the answer says {@code together:
 * false}.
 */
public final class HoldingBestAvailable {

    /** Candidates tried per request before answering 409 {@code no-seats-available}. */
    public static final int MAX_ATTEMPTS = 5;
    /** How many of the best candidates are shuffled among themselves. */
    public static final int DEFAULT_SHUFFLE_TOP = 3;

    private final HoldingSeats holding;
    private final SeatMapSnapshots snapshots;
    private final Duration snapshotFreshness;
    private final int shuffleTop;
    private final RandomGenerator random;
    private final Map<String, CachedSnapshot> snapshotCache = new ConcurrentHashMap<>();

    /** {@code random} is shared by concurrent requests, so it must be thread-safe ({@link java.util.Random} is). */
    public HoldingBestAvailable(HoldingSeats holding, SeatMapSnapshots snapshots, Duration snapshotFreshness,
                                int shuffleTop, RandomGenerator random) {
        this.holding = holding;
        this.snapshots = snapshots;
        this.snapshotFreshness = snapshotFreshness;
        this.shuffleTop = Math.max(1, shuffleTop);
        this.random = random;
    }

    /**
     * Exactly one of {@code sectionId} and {@code grade}. {@code identityVerified} and {@code idempotencyKey} as in
     * {@link HoldingSeats.HoldRequest}: a repeat with the same key answers the first hold.
     */
    public record BestAvailableRequest(String userId, boolean identityVerified, String roundId, String sectionId,
                                       String grade, Integer partySize, String idempotencyKey) {
    }

    /** The hold made, and whether its seats are side by side in one row. */
    public record BestAvailableHold(SeatHold hold, boolean together) {
    }

    public BestAvailableHold hold(BestAvailableRequest request) {
        checkRequest(request);
        Instant now = holding.clock().instant();
        Round round = holding.catalog().round(request.roundId());
        SeatLayout layout = holding.catalog().layout(round);
        HoldRules.checkSaleOpen(round, now);
        List<Section> sections = allowedSections(request, round, layout);

        String fingerprint = IdempotentHolds.fingerprintOf("best|" + round.id() + "|"
                + (request.sectionId() != null ? "section:" + request.sectionId() : "grade:" + request.grade())
                + "|" + request.partySize());
        String holdId = holding.holdIdFor(request.userId(), request.idempotencyKey(), fingerprint, now);

        int party = request.partySize();
        SeatMapSnapshot snapshot = snapshot(round.id());
        List<Seat> free = new ArrayList<>();
        Map<String, Rank> ranks = new LinkedHashMap<>();
        List<List<Seat>> blocks = blocks(sections, layout, snapshot, party, free, ranks);
        Set<String> refused = new HashSet<>();
        int nextBlock = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<Seat> seats = null;
            while (nextBlock < blocks.size() && seats == null) {
                List<Seat> block = blocks.get(nextBlock++);
                if (block.stream().noneMatch(s -> refused.contains(s.id()))) {
                    seats = block;
                }
            }
            if (seats == null) {
                seats = bestSingles(free, refused, party, ranks);
            }
            if (seats == null) {
                break;
            }
            List<Seat> inLayoutOrder = new ArrayList<>(seats);
            inLayoutOrder.sort(Comparator.comparingInt(s -> layout.indexOf(s.id())));
            HoldingSeats.Attempt taken = holding.take(request.userId(), request.idempotencyKey(), round,
                    inLayoutOrder, holdId, fingerprint, now);
            if (taken.hold() != null) {
                return new BestAvailableHold(taken.hold(), together(taken.hold(), layout));
            }
            refused.add(taken.refused().id());
        }
        throw DomainException.conflict("no-seats-available", "no " + party + " free seats could be held "
                + (request.sectionId() != null ? "in section " + request.sectionId() : "of grade " + request.grade())
                + " just now; try again or choose another section");
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
     * Every run of {@code party} free seats with consecutive numbers in one row, best first (the first
     * {@code shuffleTop} shuffled). Fills {@code free} with every free seat and {@code ranks} with each seat's rank.
     */
    private List<List<Seat>> blocks(List<Section> sections, SeatLayout layout, SeatMapSnapshot snapshot, int party,
                                    List<Seat> free, Map<String, Rank> ranks) {
        record Block(List<Seat> seats, Rank rank) {
        }
        List<Block> blocks = new ArrayList<>();
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
                    int index = layout.indexOf(seat.id());
                    if (snapshot.isTaken(index)) {
                        run.clear();
                        continue;
                    }
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
        blocks.sort(Comparator.comparing(Block::rank));
        List<List<Seat>> ordered = new ArrayList<>(blocks.stream().map(Block::seats).toList());
        Collections.shuffle(ordered.subList(0, Math.min(shuffleTop, ordered.size())),
                new java.util.Random(random.nextLong()));
        return ordered;
    }

    /** The {@code party} best free seats not refused so far, wherever they are; null when too few are left. */
    private static List<Seat> bestSingles(List<Seat> free, Set<String> refused, int party, Map<String, Rank> ranks) {
        List<Seat> left = new ArrayList<>(free.stream().filter(s -> !refused.contains(s.id())).toList());
        if (left.size() < party) {
            return null;
        }
        left.sort(Comparator.comparing(s -> ranks.get(s.id())));
        return List.copyOf(left.subList(0, party));
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
