package dev.madang.domain.cancellation;

import java.util.Optional;

/** Where round cancellations are recorded: one per round. */
public interface RoundCancellations {

    /** Stores it unless the round has one already; false (nothing written) when it has. */
    boolean create(RoundCancellation cancellation);

    Optional<RoundCancellation> find(String roundId);

    /** Every order of the round is on the refund queue. */
    void markEnqueued(String roundId);
}
