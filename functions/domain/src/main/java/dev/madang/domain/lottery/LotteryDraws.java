package dev.madang.domain.lottery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Where a round's lottery draw stands: when entries were closed (null while open), the entries digest stored at close,
 * when the seeds were revealed (null until then), each draw's seed and each section draw stored so far.
 */
public record LotteryDraws(String roundId, Instant closedAt, String entriesDigest, Instant revealedAt,
                           SortedMap<Integer, DrawSeed> seeds, List<SectionDraw> sectionDraws) {

    public LotteryDraws {
        seeds = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(seeds));
        sectionDraws = List.copyOf(sectionDraws);
    }

    public Optional<SectionDraw> sectionDraw(int drawNumber, String sectionId) {
        return sectionDraws.stream().filter(d -> d.drawNumber() == drawNumber && d.sectionId().equals(sectionId))
                .findFirst();
    }
}
