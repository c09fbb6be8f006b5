package dev.madang.domain.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds the taken-seat snapshot of every round on sale from the seat inventory. This is the one place that reads
 * the inventory for viewers: however many fans watch a map, the inventory is read once per refresh.
 * <p>
 * Rounds are refreshed independently: a round that cannot be refreshed (its layout is gone, its inventory query is
 * throttled) is reported in {@link Refreshed#failures()} and keeps its previous snapshot, and the others still get
 * theirs. Layouts never change once written (a new layout is a new version), so each is read once and kept while a
 * round on sale uses it.
 */
public final class RefreshingSeatMaps {

    private final Performances performances;
    private final Rounds rounds;
    private final Venues venues;
    private final SeatInventory inventory;
    private final SeatMapSnapshots snapshots;
    private final Clock clock;
    private final Map<String, SeatLayout> layouts = new ConcurrentHashMap<>();

    public RefreshingSeatMaps(Performances performances, Rounds rounds, Venues venues, SeatInventory inventory,
                              SeatMapSnapshots snapshots, Clock clock) {
        this.performances = performances;
        this.rounds = rounds;
        this.venues = venues;
        this.inventory = inventory;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /**
     * One pass: {@code rounds} snapshots saved, holding {@code takenSeats} taken seats in all; {@code failures} are
     * the rounds (or performances whose rounds could not be listed) left with their previous snapshot.
     */
    public record Refreshed(int rounds, int takenSeats, List<Failure> failures) {

        public Refreshed {
            failures = List.copyOf(failures);
        }

        public int failedRounds() {
            return failures.size();
        }
    }

    /** What could not be refreshed: a round id, or a performance id when its rounds could not be listed. */
    public record Failure(String id, RuntimeException error) {
    }

    public Refreshed refreshRoundsOnSale() {
        Instant now = clock.instant();
        int count = 0;
        int taken = 0;
        List<Failure> failures = new ArrayList<>();
        Set<String> layoutsInUse = new HashSet<>();
        String cursor = null;
        do {
            // the listing itself failing fails the pass: there is nothing to isolate yet
            var page = performances.list(new CatalogQuery(null, null, null, null, Performance.SaleStatus.ON_SALE,
                    CatalogQuery.MAX_LIMIT, cursor), now);
            for (Performance p : page.items()) {
                List<Round> ofPerformance;
                try {
                    ofPerformance = rounds.ofPerformance(p.id());
                } catch (RuntimeException e) {
                    failures.add(new Failure(p.id(), e));
                    continue;
                }
                for (Round round : ofPerformance) {
                    if (round.selling(now)) { // the members' presale too: its seats are on sale to them
                        layoutsInUse.add(layoutKey(round));
                        try {
                            taken += refresh(round, now).taken().cardinality();
                            count++;
                        } catch (RuntimeException e) {
                            failures.add(new Failure(round.id(), e));
                        }
                    }
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        // a warm worker runs for hours: forget the layouts of rounds no longer on sale
        layouts.keySet().retainAll(layoutsInUse);
        return new Refreshed(count, taken, failures);
    }

    public SeatMapSnapshot refresh(Round round, Instant now) {
        SeatLayout layout = layout(round);
        SeatMapSnapshot snapshot = new SeatMapSnapshot(round.id(), inventory.takenSeats(round, layout, now), now);
        snapshots.save(snapshot);
        return snapshot;
    }

    /** Exposed for a caller that already holds the rounds it cares about. */
    public List<SeatMapSnapshot> refresh(List<Round> roundsToRefresh) {
        Instant now = clock.instant();
        return roundsToRefresh.stream().map(r -> refresh(r, now)).toList();
    }

    private SeatLayout layout(Round round) {
        String key = layoutKey(round);
        SeatLayout cached = layouts.get(key);
        if (cached != null) {
            return cached;
        }
        // not computeIfAbsent: a missing layout must not be remembered, and the read must not hold the map's lock
        SeatLayout layout = venues.layout(round.venueId(), round.layoutVersion()).orElseThrow(
                () -> new IllegalStateException("round " + round.id() + " lost its layout " + key));
        layouts.put(key, layout);
        return layout;
    }

    private static String layoutKey(Round round) {
        return round.venueId() + "#" + round.layoutVersion();
    }
}
