package dev.madang.domain.membership;

import java.time.Duration;
import java.time.Instant;

/**
 * A fan's membership (회원 카드): valid until {@code validUntil}; {@code lastOrderId} is the purchase that last extended
 * it, paid at {@code lastPaidAt}, and {@code validBefore} is how long it ran before that purchase (what a refunded
 * purchase takes it back to).
 */
public record MemberCard(String userId, String membershipId, Instant validUntil, String lastOrderId, Instant lastPaidAt,
                         Instant validBefore) {

    public boolean activeAt(Instant at) {
        return at.isBefore(validUntil);
    }

    /**
     * The card after a purchase paid at {@code at}: one period more, from its end if it still runs (a renewal), from
     * now otherwise.
     */
    public static MemberCard extended(MemberCard current, String userId, Membership membership, String orderId,
                                      Instant at) {
        Instant from = current != null && current.activeAt(at) ? current.validUntil() : at;
        return new MemberCard(userId, membership.id(), from.plus(Duration.ofDays(membership.periodDays())), orderId,
                at, current == null ? at : current.validUntil());
    }
}
