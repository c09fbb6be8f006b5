package dev.madang.domain.catalog;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;

/** An organiser registers and edits performances. */
public final class ManagingPerformances {

    private final Performances performances;
    private final Ids ids;

    public ManagingPerformances(Performances performances, Ids ids) {
        this.performances = performances;
        this.ids = ids;
    }

    public Performance register(PerformanceDetails details) {
        details.validate();
        Performance p = new Performance(ids.next(), details.title().strip(), details.genre(), details.tags(),
                details.cast(), details.runtimeMinutes(), details.ageLimit(), details.description(), details.posterUrl(),
                Performance.RunSummary.NONE, 1);
        performances.create(p);
        return p;
    }

    public Performance edit(String performanceId, PerformanceDetails details) {
        details.validate();
        Performance current = performances.find(performanceId)
                .orElseThrow(() -> DomainException.notFound("performance", performanceId));
        Performance next = current.withDetails(details);
        performances.update(next, current.version());
        return next;
    }
}
