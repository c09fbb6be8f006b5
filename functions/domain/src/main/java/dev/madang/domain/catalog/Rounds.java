package dev.madang.domain.catalog;

import java.util.List;
import java.util.Optional;

public interface Rounds {

    void create(Round round);

    /** Replaces the stored round if it still has {@code expectedVersion}; a conflict otherwise. */
    void update(Round round, long expectedVersion);

    Optional<Round> find(String roundId);

    /** The rounds of one performance, by start time. */
    List<Round> ofPerformance(String performanceId);
}
