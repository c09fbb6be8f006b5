package dev.madang.domain.pricing;

import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;

import java.time.Clock;
import java.util.List;

/** Organisers set time sales on a round's grades and read them with the round's price history. */
public final class SettingTimeSales {

    private final TimeSales sales;
    private final Rounds rounds;
    private final Ids ids;
    private final Clock clock;

    public SettingTimeSales(TimeSales sales, Rounds rounds, Clock clock) {
        this.sales = sales;
        this.rounds = rounds;
        this.ids = new Ids(clock);
        this.clock = clock;
    }

    /** A round's sales and price history. */
    public record RoundSales(List<TimeSale> sales, List<PriceChange> history) {
    }

    /**
     * @throws DomainException 404 no such round; 400 a grade the round does not price (named), a rule out of range;
     *                         409 {@code time-sale-exists} (an open sale on the grade already), {@code round-started}
     */
    public TimeSale set(String roundId, String grade, int soldBelowPercent, int startDaysBefore, int discountPercent,
                        int endDaysBefore) {
        Round round = rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
        if (round.priceOf(grade).isEmpty()) {
            throw DomainException.invalid("the round has no such grade", List.of(new FieldError("grade",
                    "one of the round's grades")));
        }
        TimeSale sale = new TimeSale(ids.next(), roundId, grade, soldBelowPercent, startDaysBefore, discountPercent,
                endDaysBefore, TimeSale.Status.SCHEDULED, clock.instant());
        if (round.cancelled() || !round.startsAt().isAfter(clock.instant())) {
            throw DomainException.conflict("round-started", "the round has started or was cancelled");
        }
        boolean open = sales.ofRound(roundId).stream().anyMatch(s -> s.grade().equals(grade)
                && (s.status() == TimeSale.Status.SCHEDULED || s.status() == TimeSale.Status.ACTIVE));
        if (open) {
            throw DomainException.conflict("time-sale-exists", "grade " + grade + " has a time sale already");
        }
        sales.create(sale);
        return sale;
    }

    public RoundSales of(String roundId) {
        rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
        return new RoundSales(sales.ofRound(roundId), sales.history(roundId));
    }
}
