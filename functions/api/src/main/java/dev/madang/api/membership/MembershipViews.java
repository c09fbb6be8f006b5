package dev.madang.api.membership;

import dev.madang.api.support.Times;
import dev.madang.domain.membership.MemberCard;
import dev.madang.domain.membership.Membership;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** The JSON of memberships and fans' cards. */
final class MembershipViews {

    private MembershipViews() {
    }

    public record MembershipView(
            @Schema(required = true) String membershipId,
            @Schema(required = true) String name,
            @Schema(required = true, description = "Won for one period") long price,
            @Schema(required = true) int periodDays,
            @Schema(required = true) String benefits,
            @Schema(required = true, description = "A purchase may be cancelled for a full refund within these days") int refundDays) {

        static MembershipView of(Membership m) {
            return new MembershipView(m.id(), m.name(), m.price(), m.periodDays(), m.benefits(), m.refundDays());
        }
    }

    public record MembershipList(@Schema(required = true) List<MembershipView> items) {
    }

    /** A membership of mine: until when it runs, and its latest purchase (what a cancellation refunds). */
    public record CardView(
            @Schema(required = true) String membershipId,
            @Schema(required = true) OffsetDateTime validUntil,
            @Schema(required = true) boolean active,
            @Schema(required = true) String lastOrderId,
            @Schema(required = true) OffsetDateTime lastPaidAt) {

        static CardView of(MemberCard c, Instant now) {
            return new CardView(c.membershipId(), Times.seoul(c.validUntil()), c.activeAt(now), c.lastOrderId(),
                    Times.seoul(c.lastPaidAt()));
        }
    }

    public record CardList(@Schema(required = true) List<CardView> items) {
    }
}
