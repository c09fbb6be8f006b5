package dev.madang.domain.release;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The record of each night's dawn release, one per night (a Korea-time date): it makes a second run of the same
 * night release nothing, and it is the audit of what was released, when.
 */
public interface NightlyReleases {

    /** What one night's release did. {@code finishedAt} is null while it runs (or if it stopped half way). */
    record NightlyRelease(LocalDate night, Instant startedAt, Instant finishedAt, int seats, List<String> rounds) {

        public NightlyRelease {
            rounds = List.copyOf(rounds);
        }
    }

    /** Claims the night for a release starting at {@code at}: false (nothing written) when it was claimed already. */
    boolean begin(LocalDate night, Instant at);

    /**
     * Adds what one run of the night's release freed to the night's record and marks it finished at {@code at}; a run
     * resuming one that stopped half way adds its own counts.
     */
    void finish(LocalDate night, Instant at, int seats, List<String> rounds);

    Optional<NightlyRelease> of(LocalDate night);

    /** The most recent nights first, at most {@code limit}. */
    List<NightlyRelease> recent(int limit);
}
