package dev.madang.domain.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Rebuilds the taken-seat snapshot of every round on sale from the seat inventory. This is the one place that reads
 * the inventory for viewers: however many fans watch a map, the inventory is read once per refresh.
 */
public final class RefreshingSeatMaps {

    private final Performances performances;
    private final Rounds rounds;
    private final Venues venues;
    private final SeatInventory inventory;
    private final SeatMapSnapshots snapshots;
    private final Clock clock;

    public RefreshingSeatMaps(Performances performances, Rounds rounds, Venues venues, SeatInventory inventory,
                              SeatMapSnapshots snapshots, Clock clock) {
        this.performances = performances;
        this.rounds = rounds;
        this.venues = venues;
        this.inventory = inventory;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    public record Refreshed(int rounds, int takenSeats) {
    }

    public Refreshed refreshRoundsOnSale() {
        Instant now = clock.instant();
        int count = 0;
        int taken = 0;
        String cursor = null;
        do {
            var page = performances.list(new CatalogQuery(null, null, null, null, Performance.SaleStatus.ON_SALE,
                    CatalogQuery.MAX_LIMIT, cursor), now);
            for (Performance p : page.items()) {
                for (Round round : rounds.ofPerformance(p.id())) {
                    if (round.saleOpen(now)) {
                        taken += refresh(round, now).taken().cardinality();
                        count++;
                    }
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return new Refreshed(count, taken);
    }

    public SeatMapSnapshot refresh(Round round, Instant now) {
        SeatLayout layout = venues.layout(round.venueId(), round.layoutVersion()).orElseThrow();
        SeatMapSnapshot snapshot = new SeatMapSnapshot(round.id(), inventory.takenSeats(round, layout, now), now);
        snapshots.save(snapshot);
        return snapshot;
    }

    /** Exposed for a caller that already holds the rounds it cares about. */
    public List<SeatMapSnapshot> refresh(List<Round> roundsToRefresh) {
        Instant now = clock.instant();
        return roundsToRefresh.stream().map(r -> refresh(r, now)).toList();
    }
}
