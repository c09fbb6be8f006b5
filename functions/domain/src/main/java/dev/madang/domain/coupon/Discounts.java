package dev.madang.domain.coupon;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.common.Violations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a coupon takes off an order, and how a discounted order's money is split back over its seats for refunds. */
public final class Discounts {

    private Discounts() {
    }

    /**
     * The coupon's discount on these seats, or a 422 naming {@code couponId} if it does not apply: outside its
     * validity, another performance, below the minimum order, or no seat of its grades. The discount is on the seats
     * of its grades only (all seats if it names none), never more than their prices, whole won (a percent is rounded
     * down, then capped).
     */
    public static long couponDiscount(CouponBatch batch, String performanceId, List<HeldSeat> seats, Instant at) {
        return couponDiscount(batch, performanceId, seats, seats.stream().mapToLong(HeldSeat::price).sum(), at);
    }

    /**
     * As above, on {@code seats} at what earlier discounts left of their prices (a member discount), while the minimum
     * order is checked against {@code seatsTotal}, the seats' total before any discount.
     */
    public static long couponDiscount(CouponBatch batch, String performanceId, List<HeldSeat> seats, long seatsTotal,
                                      Instant at) {
        long eligible = seats.stream().filter(s -> batch.grades().isEmpty() || batch.grades().contains(s.grade()))
                .mapToLong(HeldSeat::price).sum();
        new Violations()
                .check(batch.validAt(at), "couponId", "the coupon is not valid now")
                .check(batch.performanceIds().isEmpty() || batch.performanceIds().contains(performanceId), "couponId",
                        "the coupon does not apply to this performance")
                .check(seatsTotal >= batch.minimumOrder(), "couponId", "the order is below the coupon's minimum of " + batch.minimumOrder() + " won")
                .check(eligible > 0, "couponId", "no seat of this order is of a grade the coupon applies to")
                .throwIfRuleViolated("coupon-not-applicable", "the coupon does not apply to this order");
        long off = switch (batch.kind()) {
            case FIXED -> batch.value();
            case PERCENT -> {
                long percent = eligible * batch.value() / 100;
                yield batch.maxDiscount() > 0 ? Math.min(percent, batch.maxDiscount()) : percent;
            }
        };
        return Math.min(off, eligible);
    }

    /**
     * What each seat was paid, in the seats' order, summing exactly to {@code paid}: the seat prices scaled by
     * paid / seats total, rounded down, and the won left by rounding given one each to the seats with the largest
     * remainders (ties: the earlier seat). A partial cancellation refunds these amounts (before fees), so refunding
     * every seat returns exactly what was paid.
     */
    public static List<Long> paidPerSeat(List<HeldSeat> seats, long paid) {
        long seatsTotal = seats.stream().mapToLong(HeldSeat::price).sum();
        List<Long> shares = new ArrayList<>();
        List<long[]> remainders = new ArrayList<>();
        long given = 0;
        for (int i = 0; i < seats.size(); i++) {
            long scaled = seatsTotal == 0 ? 0 : Math.multiplyExact(seats.get(i).price(), paid);
            long share = seatsTotal == 0 ? 0 : scaled / seatsTotal;
            shares.add(share);
            remainders.add(new long[]{seatsTotal == 0 ? 0 : scaled % seatsTotal, i});
            given += share;
        }
        remainders.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        for (int k = 0; k < paid - given; k++) {
            int seat = (int) remainders.get(k)[1];
            shares.set(seat, shares.get(seat) + 1);
        }
        return shares;
    }
}
