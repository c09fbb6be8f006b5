package dev.madang.domain.membership;

import dev.madang.domain.order.Order;

import java.time.Clock;
import java.time.Instant;

/**
 * A paid membership order grants (or renews) its membership: one period more on the fan's card, exactly once per order
 * however often the payment workflow's step runs, since the card remembers the order that last extended it.
 */
public final class GrantingMemberships {

    private static final int RACES = 5;

    private final Memberships memberships;
    private final MemberCards cards;
    private final Clock clock;

    public GrantingMemberships(Memberships memberships, MemberCards cards, Clock clock) {
        this.memberships = memberships;
        this.cards = cards;
        this.clock = clock;
    }

    public MemberCard grant(Order order) {
        Membership membership = memberships.find(order.membershipId()).orElseThrow(() -> new IllegalStateException(
                "order " + order.id() + " buys membership " + order.membershipId() + ", which is gone"));
        for (int race = 0; race < RACES; race++) {
            MemberCard current = cards.find(order.userId(), membership.id()).orElse(null);
            if (current != null && order.id().equals(current.lastOrderId())) {
                return current; // granted already: a repeated step
            }
            Instant now = clock.instant();
            MemberCard next = MemberCard.extended(current, order.userId(), membership, order.id(), now);
            if (cards.replace(current, next)) {
                return next;
            }
        }
        throw new IllegalStateException("membership card of " + order.userId() + " keeps changing; retry the step");
    }
}
