package dev.madang.domain.lottery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A round's lottery as anyone may check it. Before the reveal only the commitments and digests are shown (the seed,
 * the free seats, the winners and the offers are null or empty); after it, everything a re-run of
 * {@link DrawingLottery#draw} needs: a draw's entries are the section's entries at close (their digest is
 * {@code entriesDigest}) without the entries given an offer in an earlier draw, and each section draw's own
 * {@code entriesDigest} lets that list be checked.
 */
public record LotteryResult(String roundId, String entriesDigest, boolean revealed, List<Draw> draws) {

    public record Draw(int drawNumber, String commitment, String seedHex, List<Section> sections) {
    }

    /**
     * @param winners entry id → seats as the draw decided them (reproducible)
     * @param offers  entry id → seats actually held (differs only where a drawn seat was taken meanwhile)
     */
    public record Section(String sectionId, String entriesDigest, int entries, Instant deadline,
                          List<String> freeSeats, Map<String, List<String>> winners,
                          Map<String, List<String>> offers) {
    }
}
