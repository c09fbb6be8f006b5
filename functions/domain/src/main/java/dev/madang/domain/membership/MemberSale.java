package dev.madang.domain.membership;

import dev.madang.domain.common.Violations;

import java.time.Instant;
import java.util.Set;

/**
 * What a round gives members of {@code membershipIds}: a presale from {@code presaleOpensAt} until the general sale
 * opens (null: none), in which only they may hold seats, and {@code discountPercent} off their orders (0: none).
 */
public record MemberSale(Set<String> membershipIds, Instant presaleOpensAt, int discountPercent) {

    public MemberSale {
        membershipIds = membershipIds == null ? Set.of() : Set.copyOf(membershipIds);
        new Violations()
                .check(!membershipIds.isEmpty() && membershipIds.size() <= 10, "memberSale.membershipIds",
                        "1-10 memberships")
                .check(discountPercent >= 0 && discountPercent <= 50, "memberSale.discountPercent", "0-50")
                .check(presaleOpensAt != null || discountPercent > 0, "memberSale",
                        "a presale, a discount, or both")
                .throwIfInvalid("the member sale breaks a rule");
    }

    /** Whether a fan whose token names {@code memberships} is a member this sale counts. */
    public boolean admits(Set<String> memberships) {
        return memberships.stream().anyMatch(membershipIds::contains);
    }
}
