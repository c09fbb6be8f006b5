package dev.madang.domain.coupon;

import dev.madang.domain.booking.HeldSeat;

import java.util.ArrayList;
import java.util.List;

/**
 * An order's price: the seats' prices, then the discounts in the order they apply, then the total the PG is asked
 * for. Discounts are a list so that a member discount can join the coupon; the order of application (docs/commerce.md
 * "Coupons") is time-sale price (replaces a seat's price when it is held), member discount, then the coupon, each
 * computed on what the ones before left.
 */
public record PriceBreakdown(long seatsTotal, List<Discount> discounts, long total) {

    /** The source of a coupon's discount line; its id is the coupon's. */
    public static final String COUPON = "COUPON";

    /** The source of a member discount's line; its id is the membership's. */
    public static final String MEMBER = "MEMBER";

    /** One discount line: where it comes from ({@link #MEMBER}, {@link #COUPON}), its id, and the won it takes off. */
    public record Discount(String source, String id, long amount) {
    }

    public PriceBreakdown {
        discounts = List.copyOf(discounts);
    }

    public static PriceBreakdown of(List<HeldSeat> seats) {
        return new PriceBreakdown(seats.stream().mapToLong(HeldSeat::price).sum(), List.of(), seats.stream().mapToLong(HeldSeat::price).sum());
    }

    public PriceBreakdown with(Discount discount) {
        List<Discount> more = new ArrayList<>(discounts);
        more.add(discount);
        return new PriceBreakdown(seatsTotal, more, total - discount.amount());
    }
}
