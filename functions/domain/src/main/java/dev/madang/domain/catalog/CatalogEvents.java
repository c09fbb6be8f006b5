package dev.madang.domain.catalog;

import java.time.Instant;

/**
 * What the catalog announces to whoever listens (in production: events on an EventBridge bus, docs/waitlist.md).
 * The catalog does not know who listens.
 */
public interface CatalogEvents {

    /** Nobody listens: for wirings without a bus. */
    CatalogEvents NONE = (performance, saleOpensAt) -> { };

    /**
     * A performance got its first round, so fans can see it now, and its sale opens at {@code saleOpensAt}.
     */
    void performanceScheduled(Performance performance, Instant saleOpensAt);
}
