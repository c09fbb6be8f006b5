package dev.madang.domain.lottery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a draw decided, in a form that can be published and compared: everything is ordered canonically (entries by
 * id, a party's seats by row and number), so two runs on the same inputs give equal results.
 *
 * @param commitment    hex SHA-256 of the seed: published before the draw, so the seed cannot be chosen afterwards
 * @param entriesDigest hex SHA-256 of the entries' canonical lines in entry id order (see
 *                      {@link DrawingLottery#entriesDigest}): published at close, so the entry list cannot change
 *                      once the seed is known
 * @param winners       entry id → the seat ids assigned to that party, by entry id
 * @param losers        the entries that won nothing, by entry id: a redraw for returned seats runs among them
 * @param splitParties  the winning parties that could not sit side by side in one row (no run of free seats had
 *                      room for them when the winners were packed), by id
 */
public record DrawResult(String commitment, String entriesDigest, Map<String, List<String>> winners,
                         List<LotteryEntry> losers, Set<String> splitParties, Counts counts) {

    /**
     * The draw's figures. {@code seatedTogether + partiesSplit = winners}; a party of one always counts as seated
     * together.
     */
    public record Counts(int entries, int winners, int seatsAssigned, int partiesSplit, int seatedTogether) {
    }

    public DrawResult {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        winners.forEach((id, seats) -> copy.put(id, List.copyOf(seats)));
        winners = Collections.unmodifiableMap(copy);
        losers = List.copyOf(losers);
        splitParties = Collections.unmodifiableSet(new TreeSet<>(splitParties));
    }
}
