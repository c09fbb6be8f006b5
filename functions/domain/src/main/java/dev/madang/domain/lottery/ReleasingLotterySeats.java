package dev.madang.domain.lottery;

import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.common.DomainException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The lottery's last step before the reveal (step 8): the seats no winner paid for, after the last redraw, go to
 * general sale. Their holds have expired, so the seats are free already; what changes is how the sections are sold:
 * every {@code LOTTERY} section of the round becomes {@code SEAT_SELECTION}, first come first served on the map.
 * <p>
 * This is the one mode change allowed after the sale opened (the organiser's is refused, 422 {@code mode-locked}):
 * the lottery is over, so no entry, offer or draw can still claim those seats by the old mode. It runs only once every
 * lottery section's last draw is complete and its payment deadline has passed. Repeating it changes nothing.
 */
public final class ReleasingLotterySeats {

    private static final int ATTEMPTS = 3;

    private final Rounds rounds;
    private final Lotteries lotteries;
    private final Clock clock;

    public ReleasingLotterySeats(Rounds rounds, Lotteries lotteries, Clock clock) {
        this.rounds = rounds;
        this.lotteries = lotteries;
        this.clock = clock;
    }

    /** The sections released now (empty on a repeat). */
    public List<String> release(String roundId) {
        lotteries.find(roundId).orElseThrow(() -> DomainException.notFound("lottery of round", roundId));
        for (int attempt = 1; ; attempt++) {
            Round round = rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
            List<String> sections = round.sections().entrySet().stream()
                    .filter(e -> e.getValue().mode() == BookingMode.LOTTERY).map(Map.Entry::getKey).sorted().toList();
            if (sections.isEmpty()) {
                return List.of();
            }
            checkDrawsOver(roundId, sections);
            try {
                rounds.update(round.withLotteryReleased(), round.version());
                return sections;
            } catch (DomainException e) {
                // the organiser edited the round meanwhile (grades, not modes: those are locked); read it again
                if (e.kind() != DomainException.Kind.CONFLICT || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void checkDrawsOver(String roundId, List<String> sections) {
        LotteryDraws draws = lotteries.draws(roundId);
        Instant now = clock.instant();
        Map<String, SectionDraw> last = new TreeMap<>();
        draws.sectionDraws().forEach(d -> last.merge(d.sectionId(), d,
                (a, b) -> a.drawNumber() >= b.drawNumber() ? a : b));
        for (String section : sections) {
            Optional<SectionDraw> draw = Optional.ofNullable(last.get(section));
            if (draw.isEmpty() || !draw.get().complete()) {
                throw DomainException.conflict("draw-not-made", "section " + section + " of round " + roundId
                        + " has not been drawn");
            }
            if (now.isBefore(draw.get().deadline())) {
                throw DomainException.conflict("offers-still-payable", "the offers of section " + section
                        + " are payable until " + draw.get().deadline());
            }
        }
    }
}
