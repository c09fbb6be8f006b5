package dev.madang.domain.catalog;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Page;

import java.time.Clock;
import java.util.List;

/** What fans see of the catalog: the list, a performance with its rounds, one round. */
public final class BrowsingCatalog {

    private final Performances performances;
    private final Rounds rounds;
    private final Clock clock;

    public BrowsingCatalog(Performances performances, Rounds rounds, Clock clock) {
        this.performances = performances;
        this.rounds = rounds;
        this.clock = clock;
    }

    public record PerformanceWithRounds(Performance performance, List<Round> rounds) {
    }

    public Page<Performance> list(CatalogQuery query) {
        query.validate();
        return performances.list(query, clock.instant());
    }

    public PerformanceWithRounds performance(String performanceId) {
        Performance p = performances.find(performanceId)
                .orElseThrow(() -> DomainException.notFound("performance", performanceId));
        return new PerformanceWithRounds(p, rounds.ofPerformance(performanceId));
    }

    public Round round(String roundId) {
        return rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
    }
}
