package dev.madang.domain.cancellation;

import dev.madang.domain.catalog.Performances;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.time.Instant;

/**
 * An organiser sets a performance's cancellation policy: never harsher than the Korean standard (validated by
 * {@link CancellationPolicy#validated()}), and, once any of its rounds is on sale, never harsher than the policy fans
 * have been buying under (422 {@code cancellation-policy-tightened}): a fan's terms may get better after buying,
 * never worse. Until then it may change freely within the standard.
 */
public final class SettingCancellationPolicies {

    private final Performances performances;
    private final Rounds rounds;
    private final CancellationPolicies policies;
    private final Clock clock;

    public SettingCancellationPolicies(Performances performances, Rounds rounds, CancellationPolicies policies,
                                       Clock clock) {
        this.performances = performances;
        this.rounds = rounds;
        this.policies = policies;
        this.clock = clock;
    }

    /** The policy in force and whether it is the standard (no policy of the organiser's own). */
    public record InForce(CancellationPolicy policy, boolean standard) {
    }

    public InForce get(String performanceId) {
        requirePerformance(performanceId);
        return policies.of(performanceId).map(p -> new InForce(p, false))
                .orElseGet(() -> new InForce(CancellationPolicy.koreanStandard(), true));
    }

    /** The policy that quotes use: the organiser's, else the standard. */
    public CancellationPolicy policyOf(String performanceId) {
        return policies.of(performanceId).orElse(CancellationPolicy.koreanStandard());
    }

    public InForce set(String performanceId, CancellationPolicy policy) {
        requirePerformance(performanceId);
        if (policy == null) {
            throw DomainException.invalid("a cancellation policy is required", java.util.List.of());
        }
        policy.validated();
        Instant now = clock.instant();
        boolean onSale = rounds.ofPerformance(performanceId).stream().map(Round::saleOpensAt)
                .anyMatch(opens -> !opens.isAfter(now));
        if (onSale) {
            Violations worse = new Violations();
            policy.checkAtLeastAsGenerousAs(policyOf(performanceId), worse);
            worse.throwIfRuleViolated("cancellation-policy-tightened", "tickets of this performance are on sale: "
                    + "its cancellation policy may only become more generous");
        }
        policies.save(performanceId, policy);
        return new InForce(policy, false);
    }

    private void requirePerformance(String performanceId) {
        if (performances.find(performanceId).isEmpty()) {
            throw DomainException.notFound("performance", performanceId);
        }
    }
}
