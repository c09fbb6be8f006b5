package dev.madang.domain.lottery;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One draw of one section, stored before any offer is made so that a repeated step uses it instead of drawing again.
 *
 * @param commitment    the draw's seed commitment
 * @param entriesDigest the digest of this draw's input (the section's entries still in the draw), as
 *                      {@link DrawingLottery#entriesDigest}
 * @param entries       how many entries were in the draw
 * @param freeSeats     the seats drawn for, in the draw's canonical order (what a re-run needs)
 * @param winners       entry id → seats, exactly as {@link DrawingLottery#draw} decided (reproducible from the seed)
 * @param holdIds       entry id → the hold id of the winner's offer, fixed with the draw so that a repeated step
 *                      writes the same holds
 * @param deadline      until when the offers of this draw are held
 * @param offers        entry id → the seats actually held once the offers are made: the drawn seats, or other free
 *                      seats when a drawn seat was refused meanwhile; a winner missing here got no offer (LOST)
 * @param complete      every offer of this draw is made and every entry marked
 */
public record SectionDraw(String roundId, int drawNumber, String sectionId, String commitment, String entriesDigest,
                          int entries, List<String> freeSeats, Map<String, List<String>> winners,
                          Map<String, String> holdIds, Instant deadline, Map<String, List<String>> offers,
                          boolean complete) {

    public SectionDraw {
        freeSeats = List.copyOf(freeSeats);
        winners = copy(winners);
        holdIds = Collections.unmodifiableMap(new TreeMap<>(holdIds));
        offers = copy(offers);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        new TreeMap<>(m).forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    SectionDraw completed(Map<String, List<String>> made) {
        return new SectionDraw(roundId, drawNumber, sectionId, commitment, entriesDigest, entries, freeSeats, winners,
                holdIds, deadline, made, true);
    }

    /** Seats in the offers made. */
    public int seatsOffered() {
        return offers.values().stream().mapToInt(List::size).sum();
    }
}
