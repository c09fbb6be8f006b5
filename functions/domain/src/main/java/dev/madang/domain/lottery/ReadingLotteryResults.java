package dev.madang.domain.lottery;

import dev.madang.domain.common.DomainException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A round's lottery as anyone may see it: before the reveal, each draw's commitment and the digests of the entries
 * it drew from (published before anything was drawn); after it, the seeds, the free seats and the winning entry ids,
 * enough to re-run every draw (ReplayDraw). Entry ids are pseudonymous: no account, name or e-mail is published.
 */
public final class ReadingLotteryResults {

    private final Lotteries lotteries;

    public ReadingLotteryResults(Lotteries lotteries) {
        this.lotteries = lotteries;
    }

    public LotteryResult result(String roundId) {
        lotteries.find(roundId).orElseThrow(() -> DomainException.notFound("lottery of round", roundId));
        LotteryDraws draws = lotteries.draws(roundId);
        boolean revealed = draws.revealedAt() != null;
        List<LotteryResult.Draw> out = new ArrayList<>();
        draws.seeds().forEach((n, seed) -> {
            List<SectionDraw> ofDraw = draws.sectionDraws().stream().filter(d -> d.drawNumber() == n)
                    .sorted(Comparator.comparing(SectionDraw::sectionId)).toList();
            boolean show = revealed && !ofDraw.isEmpty();
            List<LotteryResult.Section> sections = ofDraw.stream().map(d -> new LotteryResult.Section(d.sectionId(),
                    d.entriesDigest(), d.entries(), d.deadline(), show ? d.freeSeats() : List.of(),
                    show ? d.winners() : Map.of(), show ? d.offers() : Map.of())).toList();
            out.add(new LotteryResult.Draw(n, seed.commitment(), show ? HexFormat.of().formatHex(seed.seed()) : null,
                    sections));
        });
        return new LotteryResult(roundId, draws.entriesDigest(), revealed, out);
    }
}
