package dev.madang.domain.pricing;

import dev.madang.domain.catalog.Round;

import java.util.List;
import java.util.Optional;

/** The time sales and the price history (port). */
public interface TimeSales {

    void create(TimeSale sale);

    Optional<TimeSale> find(String saleId);

    /** The sales the job still has to look at (SCHEDULED or ACTIVE). */
    List<TimeSale> open();

    List<TimeSale> ofRound(String roundId);

    /**
     * In one write: the sale from {@code sale.status()} to {@code next}, the round stored with its new price (if it
     * still has {@code expectedRoundVersion}) and the change recorded. False, nothing written, when the sale moved
     * already or the round changed: a second run of the job, or an organiser's edit, finds it as it is now.
     */
    boolean move(TimeSale sale, TimeSale.Status next, Round repriced, long expectedRoundVersion, PriceChange change);

    /** The sale from {@code sale.status()} to {@code next} without a price change (SKIPPED); false if it moved. */
    boolean move(TimeSale sale, TimeSale.Status next);

    /** The round's price changes, oldest first. */
    List<PriceChange> history(String roundId);
}
