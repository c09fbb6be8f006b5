package dev.madang.domain.catalog;

import dev.madang.domain.common.Page;

import java.time.Instant;
import java.util.Optional;

public interface Performances {

    void create(Performance performance);

    /** Replaces the stored performance if it still has {@code expectedVersion}; a conflict otherwise. */
    void update(Performance performance, long expectedVersion);

    Optional<Performance> find(String performanceId);

    /** Lists by first round date, filtered; {@code query.text()} searches titles through the n-gram index. */
    Page<Performance> list(CatalogQuery query, Instant now);
}
