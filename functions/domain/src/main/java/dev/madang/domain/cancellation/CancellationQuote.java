package dev.madang.domain.cancellation;

import java.time.Instant;
import java.util.List;

/**
 * What cancelling some tickets of one booking would cost at one moment, or why it cannot be done. Money is whole won.
 * When {@link #allowed()}, every ticket has {@code fee + refund == price} and {@code 0 <= refund <= price}; when
 * refused, {@code tickets} is empty and the fee and refund totals are 0. {@code totalPrice} is what was paid for the
 * quoted tickets either way.
 *
 * @param cutoff      the last moment to cancel these tickets (the round's start when the policy allows same-day
 *                    cancellation); cancelling at or after it is refused
 * @param daysBefore  Korea-time calendar days from the quote's moment to the performance date (10 on D-10, 0 on the
 *                    day, negative after it)
 * @param refusal     why cancelling is not possible, or {@code null} when it is
 * @param rule        the rule that set the fee, or {@code null} when refused
 */
public record CancellationQuote(Instant cutoff, long daysBefore, Refusal refusal, Rule rule, List<TicketFee> tickets,
                                long totalPrice, long totalFee, long totalRefund) {

    public CancellationQuote {
        tickets = List.copyOf(tickets);
    }

    /** Why a cancellation is refused, checked in this order. */
    public enum Refusal {
        /** The round has started (or is starting): nothing is refunded once the curtain is up. */
        STARTED,
        /** It is the performance day in Korea and the policy refuses cancelling on the day. */
        PERFORMANCE_DAY,
        /** The cut-off has passed (the booking-day grace does not reach past it). */
        AFTER_CUTOFF
    }

    public enum RuleKind { BOOKING_DAY_GRACE, FREE_PERIOD, FEE_TIER, SAME_DAY }

    /**
     * The rule that set a fee, with a stable code for clients and support staff: {@code BOOKING_DAY_GRACE},
     * {@code FREE_UNTIL_D10} (free through D-10), {@code D9_TO_D7_10PCT}, {@code SAME_DAY_90PCT}.
     */
    public record Rule(RuleKind kind, String code, int feePercent) {

        static final Rule BOOKING_DAY_GRACE = new Rule(RuleKind.BOOKING_DAY_GRACE, "BOOKING_DAY_GRACE", 0);

        static Rule sameDay(int feePercent) {
            return new Rule(RuleKind.SAME_DAY, "SAME_DAY_" + feePercent + "PCT", feePercent);
        }
    }

    /** One ticket's share: the fee kept and the refund given back, together its price. */
    public record TicketFee(long price, long fee, long refund) {
    }

    public boolean allowed() {
        return refusal == null;
    }
}
