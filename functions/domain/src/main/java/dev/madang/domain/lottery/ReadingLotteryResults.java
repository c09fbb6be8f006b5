package dev.madang.domain.lottery;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Page;
import dev.madang.domain.common.Violations;

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

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /**
     * The organiser's view of a section's offers, a page at a time in entry id order: each winning entry with where it
     * stands ({@code WON} while payable, {@code PAID}, {@code WON_EXPIRED}) and its offer. The cursor is the last entry
     * id of the page before. 404 without a lottery; 400 for a limit outside 1-{@value #MAX_LIMIT}.
     */
    public Page<DrawEntry> offers(String roundId, String sectionId, String cursor, int limit) {
        new Violations().check(sectionId != null && sectionId.matches("[A-Za-z0-9가-힣]{1,12}"), "sectionId",
                        "a section id of the round's layout")
                .check(limit >= 1 && limit <= MAX_LIMIT, "limit", "a limit of 1-" + MAX_LIMIT)
                .check(cursor == null || cursor.matches("[0-9A-Za-z]{1,64}"), "cursor", "not a cursor of this list")
                .throwIfInvalid("the offer list query is not valid");
        lotteries.find(roundId).orElseThrow(() -> DomainException.notFound("lottery of round", roundId));
        List<DrawEntry> page = lotteries.offersIn(roundId, sectionId, cursor, limit);
        return new Page<>(page, page.size() == limit ? page.get(page.size() - 1).entryId() : null);
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
