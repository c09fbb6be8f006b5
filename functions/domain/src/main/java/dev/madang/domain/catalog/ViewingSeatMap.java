package dev.madang.domain.catalog;

import dev.madang.domain.common.DomainException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A round's seat map and its remaining seats, built from the pinned layout (immutable, cached for good) and the
 * round's taken-seat snapshot (cached for {@code freshness}). At steady state a crowd of viewers costs each
 * function instance one snapshot read per {@code freshness} per round, whatever the number of viewers.
 */
public final class ViewingSeatMap {

    private final Rounds rounds;
    private final Venues venues;
    private final SeatMapSnapshots snapshots;
    private final Clock clock;
    private final Duration roundFreshness;
    private final Duration snapshotFreshness;
    private final Map<String, SeatLayout> layouts = new ConcurrentHashMap<>();
    private final Map<String, Cached<Round>> roundCache = new ConcurrentHashMap<>();
    private final Map<String, Cached<SeatMapSnapshot>> snapshotCache = new ConcurrentHashMap<>();

    public ViewingSeatMap(Rounds rounds, Venues venues, SeatMapSnapshots snapshots, Clock clock, Duration freshness) {
        this(rounds, venues, snapshots, clock, freshness, freshness);
    }

    /**
     * {@code snapshotFreshness} may be shorter than the round's: the snapshot is what watchers wait for (rebuilt every
     * second), and reading it a few times a second per instance still costs nothing per viewer.
     */
    public ViewingSeatMap(Rounds rounds, Venues venues, SeatMapSnapshots snapshots, Clock clock,
                          Duration roundFreshness, Duration snapshotFreshness) {
        this.rounds = rounds;
        this.venues = venues;
        this.snapshots = snapshots;
        this.clock = clock;
        this.roundFreshness = roundFreshness;
        this.snapshotFreshness = snapshotFreshness;
    }

    public enum SeatStatus { AVAILABLE, TAKEN, NOT_FOR_SALE }

    public record SeatView(Seat seat, String grade, long price, SeatStatus status) {
    }

    public record SectionView(Section section, SectionPlan plan, List<SeatView> seats) {
    }

    public record SeatMap(Round round, Instant asOf, List<SectionView> sections) {
    }

    public record Count(int total, int remaining) {
    }

    public record SectionCount(String sectionId, String name, BookingMode mode, String grade, int total, int remaining) {
    }

    public record Availability(Round round, Instant asOf, Map<String, Count> byGrade, List<SectionCount> bySection) {
    }

    /**
     * The round's seat statuses alone, for clients that hold the layout already (it never changes): the taken bits
     * in layout order, cut to the layout's seat count, and the sections a round does not sell.
     */
    public record Statuses(Round round, int seatCount, BitSet taken, List<String> closedSections, Instant asOf) {
    }

    public Statuses statuses(String roundId) {
        Round round = round(roundId);
        SeatLayout layout = layout(round);
        SeatMapSnapshot snapshot = snapshot(roundId);
        BitSet taken = snapshot.taken().get(0, layout.seatCount());
        List<String> closed = layout.sections().stream().map(Section::id)
                .filter(id -> round.sections().get(id).mode() == BookingMode.CLOSED).toList();
        return new Statuses(round, layout.seatCount(), taken, closed, snapshot.asOf());
    }

    /** A venue's layout version, which never changes once stored: kept for good once read. */
    public SeatLayout layout(String venueId, int version) {
        SeatLayout known = layouts.get(layoutKey(venueId, version));
        if (known != null) {
            return known;
        }
        SeatLayout layout = venues.layout(venueId, version)
                .orElseThrow(() -> DomainException.notFound("layout", venueId + " version " + version));
        layouts.putIfAbsent(layoutKey(venueId, version), layout);
        return layout;
    }

    public SeatMap seatMap(String roundId) {
        Round round = round(roundId);
        SeatLayout layout = layout(round);
        SeatMapSnapshot snapshot = snapshot(roundId);
        List<SectionView> sections = new ArrayList<>();
        int index = 0;
        for (Section section : layout.sections()) {
            SectionPlan plan = round.sections().get(section.id());
            long price = round.priceOf(plan.grade()).orElseThrow();
            List<SeatView> seats = new ArrayList<>(section.seats().size());
            for (Seat seat : section.seats()) {
                SeatStatus status = plan.mode() == BookingMode.CLOSED ? SeatStatus.NOT_FOR_SALE
                        : snapshot.isTaken(index) ? SeatStatus.TAKEN : SeatStatus.AVAILABLE;
                seats.add(new SeatView(seat, plan.grade(), price, status));
                index++;
            }
            sections.add(new SectionView(section, plan, seats));
        }
        return new SeatMap(round, snapshot.asOf(), sections);
    }

    /** Remaining seats per grade and per section; closed sections count as neither total nor remaining. */
    public Availability availability(String roundId) {
        Round round = round(roundId);
        SeatLayout layout = layout(round);
        SeatMapSnapshot snapshot = snapshot(roundId);
        Map<String, int[]> byGrade = new LinkedHashMap<>();
        round.grades().forEach(g -> byGrade.put(g.grade(), new int[2]));
        List<SectionCount> bySection = new ArrayList<>();
        int index = 0;
        for (Section section : layout.sections()) {
            SectionPlan plan = round.sections().get(section.id());
            int total = section.seats().size();
            int taken = 0;
            for (int i = 0; i < total; i++) {
                if (snapshot.isTaken(index + i)) {
                    taken++;
                }
            }
            index += total;
            boolean onSale = plan.mode() != BookingMode.CLOSED;
            int remaining = onSale ? total - taken : 0;
            bySection.add(new SectionCount(section.id(), section.name(), plan.mode(), plan.grade(), total, remaining));
            if (onSale) {
                int[] g = byGrade.get(plan.grade());
                g[0] += total;
                g[1] += remaining;
            }
        }
        Map<String, Count> grades = new LinkedHashMap<>();
        byGrade.forEach((grade, c) -> grades.put(grade, new Count(c[0], c[1])));
        return new Availability(round, snapshot.asOf(), grades, bySection);
    }

    private Round round(String roundId) {
        return cached(roundCache, roundFreshness, roundId,
                () -> rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId)));
    }

    private SeatLayout layout(Round round) {
        return layouts.computeIfAbsent(layoutKey(round.venueId(), round.layoutVersion()),
                k -> venues.layout(round.venueId(), round.layoutVersion()).orElseThrow(
                        () -> new IllegalStateException("round " + round.id() + " lost its layout")));
    }

    private SeatMapSnapshot snapshot(String roundId) {
        return cached(snapshotCache, snapshotFreshness, roundId,
                () -> snapshots.find(roundId).orElseGet(() -> SeatMapSnapshot.empty(roundId, clock.instant())));
    }

    private static String layoutKey(String venueId, int version) {
        return venueId + "#" + version;
    }

    /**
     * A fresh copy from the cache, else one load for all: concurrent requests past {@code freshness} wait on the one
     * that loads (the map's per-key compute) instead of each reading, so a thousand watchers cost one read.
     */
    private <T> T cached(Map<String, Cached<T>> cache, Duration freshness, String key, Supplier<T> load) {
        Cached<T> hit = cache.get(key);
        if (fresh(hit, freshness, clock.instant())) {
            return hit.value();
        }
        return cache.compute(key, (k, current) -> {
            Instant now = clock.instant();
            return fresh(current, freshness, now) ? current : new Cached<>(load.get(), now);
        }).value();
    }

    private static boolean fresh(Cached<?> hit, Duration freshness, Instant now) {
        return hit != null && hit.loadedAt().plus(freshness).isAfter(now);
    }

    private record Cached<T>(T value, Instant loadedAt) {
    }
}
