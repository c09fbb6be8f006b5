package dev.madang.domain.cancellation;

import java.util.Optional;

/** Each performance's cancellation policy, when its organiser set one (otherwise the Korean standard applies). */
public interface CancellationPolicies {

    Optional<CancellationPolicy> of(String performanceId);

    void save(String performanceId, CancellationPolicy policy);
}
