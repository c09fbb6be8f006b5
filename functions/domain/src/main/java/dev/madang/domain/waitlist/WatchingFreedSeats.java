package dev.madang.domain.waitlist;

import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.SeatMapSnapshot;
import dev.madang.domain.catalog.SeatMapSnapshots;
import dev.madang.domain.catalog.SectionPlan;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that sees every seat come back, whatever freed it: the seat-map refresher's snapshots, one after the
 * other. Wrapped around the refresher's {@link SeatMapSnapshots}, it compares each snapshot saved with the one before
 * and tells the waitlists about the seats that became <em>bookable</em>: free in the snapshot and in a section sold
 * first come, first served (seat selection or best available: not a lottery's or a closed section). So an expired hold, an unpaid order closed by the sweep, the dawn release's
 * pooled seats and a lottery's leftovers (free already, bookable once the lottery releases its sections) are all seen
 * the same way, within a refresh (about a second) of happening.
 * <p>
 * The first snapshot of a round this instance sees is compared with the stored one (one read), so a restarted
 * refresher misses nothing that freed while it was down, and a round just opening, with no snapshot yet, tells
 * nobody. The release id is the round and the new snapshot's time.
 */
public final class WatchingFreedSeats implements SeatMapSnapshots {

    private final SeatMapSnapshots snapshots;
    private final CachedCatalog catalog;
    private final TellingWaitlists telling;
    private final Map<String, BitSet> bookableBefore = new ConcurrentHashMap<>();

    public WatchingFreedSeats(SeatMapSnapshots snapshots, CachedCatalog catalog, TellingWaitlists telling) {
        this.snapshots = snapshots;
        this.catalog = catalog;
        this.telling = telling;
    }

    @Override
    public Optional<SeatMapSnapshot> find(String roundId) {
        return snapshots.find(roundId);
    }

    @Override
    public void save(SeatMapSnapshot snapshot) {
        Round round = catalog.round(snapshot.roundId());
        SeatLayout layout = catalog.layout(round);
        BitSet before = bookableBefore.get(round.id());
        if (before == null) {
            before = snapshots.find(round.id()).map(s -> bookable(round, layout, s.taken())).orElse(null);
        }
        snapshots.save(snapshot);
        BitSet now = bookable(round, layout, snapshot.taken());
        if (before != null) {
            BitSet freed = (BitSet) now.clone();
            freed.andNot(before);
            if (!freed.isEmpty()) {
                telling.seatsFreed(round.id(), byGrade(round, layout, freed),
                        round.id() + "@" + snapshot.asOf().toEpochMilli());
            }
        }
        // remembered only once told: if telling failed, the next refresh sees the same seats freed and tries again
        bookableBefore.put(round.id(), now);
    }

    private static BitSet bookable(Round round, SeatLayout layout, BitSet taken) {
        BitSet free = new BitSet(layout.seatCount());
        List<Seat> seats = layout.seats();
        for (int i = 0; i < seats.size(); i++) {
            SectionPlan plan = round.sections().get(seats.get(i).sectionId());
            if (!taken.get(i) && plan != null && plan.mode().firstComeFirstServed()) {
                free.set(i);
            }
        }
        return free;
    }

    private static Map<String, Integer> byGrade(Round round, SeatLayout layout, BitSet freed) {
        Map<String, Integer> counts = new TreeMap<>();
        List<Seat> seats = layout.seats();
        freed.stream().forEach(i -> counts.merge(round.sections().get(seats.get(i).sectionId()).grade(), 1,
                Integer::sum));
        return counts;
    }
}
