package dev.madang.domain.pricing;

import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.catalog.ViewingSeatMap;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The time-sale job (every 10 minutes): each open sale whose start has come is decided once, from how much of its
 * grade is taken then: under the threshold it starts (the grade's price now less the discount, the price before kept
 * as the original), otherwise it is skipped; an active sale whose end has come puts the original price back. Every
 * move is one conditional write of the sale, the round and the history together, so running the job twice, or two
 * runs at once, changes a price once.
 * <p>
 * A fan's hold keeps the price it was made at (the held seat carries it, and the order's amount is the hold's), so a
 * price that changes while a fan pays never changes what they pay.
 */
public final class RunningTimeSales {

    private final TimeSales sales;
    private final Rounds rounds;
    private final ViewingSeatMap seatMaps;
    private final Clock clock;

    /** @param seatMaps how much of a grade is taken (sold or held), from the seat-map snapshot */
    public RunningTimeSales(TimeSales sales, Rounds rounds, ViewingSeatMap seatMaps, Clock clock) {
        this.sales = sales;
        this.rounds = rounds;
        this.seatMaps = seatMaps;
        this.clock = clock;
    }

    /** What one run did. */
    public record Run(int started, int ended, int skipped, int waiting) {
    }

    public Run run() {
        Instant now = clock.instant();
        int started = 0;
        int ended = 0;
        int skipped = 0;
        int waiting = 0;
        for (TimeSale sale : sales.open()) {
            Optional<Round> found = rounds.find(sale.roundId()); // uncached: the write is conditional on its version
            if (found.isEmpty()) {
                continue;
            }
            Round round = found.get();
            switch (decide(sale, round, now)) {
                case START -> started += start(sale, round, now) ? 1 : 0;
                case END -> ended += end(sale, round, now) ? 1 : 0;
                case SKIP -> skipped += sales.move(sale, TimeSale.Status.SKIPPED) ? 1 : 0;
                case WAIT -> waiting++;
            }
        }
        return new Run(started, ended, skipped, waiting);
    }

    private enum Decision { START, END, SKIP, WAIT }

    private Decision decide(TimeSale sale, Round round, Instant now) {
        boolean over = !now.isBefore(sale.endsAt(round.startsAt())) || round.cancelled();
        if (sale.status() == TimeSale.Status.ACTIVE) {
            return over ? Decision.END : Decision.WAIT;
        }
        if (now.isBefore(sale.startsAt(round.startsAt())) || now.isBefore(round.saleOpensAt())) {
            // not before the round's sale opens either: nobody can buy at the sale price yet, and until then the
            // organiser may still reschedule the round, whose new prices would silently replace the sale's
            return Decision.WAIT;
        }
        if (over || round.gradePrice(sale.grade()).map(GradePrice::onSale).orElse(true)) {
            return Decision.SKIP; // its window passed unseen, the show is off, or another sale runs on the grade
        }
        ViewingSeatMap.Count count = seatMaps.availability(round.id()).byGrade().get(sale.grade());
        int takenPercent = count == null || count.total() == 0 ? 100
                : (int) ((count.total() - count.remaining()) * 100L / count.total());
        return takenPercent < sale.soldBelowPercent() ? Decision.START : Decision.SKIP;
    }

    private boolean start(TimeSale sale, Round round, Instant now) {
        long price = round.priceOf(sale.grade()).orElseThrow();
        long salePrice = TimeSale.salePrice(price, sale.discountPercent());
        return sales.move(sale, TimeSale.Status.ACTIVE, round.repriced(sale.grade(), salePrice, price), round.version(),
                new PriceChange(round.id(), sale.grade(), price, salePrice, now, sale.id(),
                        PriceChange.Reason.SALE_STARTED));
    }

    private boolean end(TimeSale sale, Round round, Instant now) {
        GradePrice grade = round.gradePrice(sale.grade()).orElseThrow();
        long original = grade.onSale() ? grade.originalPrice() : grade.price();
        return sales.move(sale, TimeSale.Status.ENDED, round.repriced(sale.grade(), original, null), round.version(),
                new PriceChange(round.id(), sale.grade(), grade.price(), original, now, sale.id(),
                        PriceChange.Reason.SALE_ENDED));
    }
}
