package dev.madang.domain.coupon;

import dev.madang.domain.booking.HeldSeat;

import java.util.ArrayList;
import java.util.List;

/**
 * An order's price: the seats' prices, then the discounts in the order they apply, then the total the PG is asked
 * for. Discounts are a list so that a member discount and a time-sale price can join the coupon later; the order of
 * application (docs/commerce.md "Coupons") is time-sale price (replaces a seat's price), member discount, then the
 * coupon, each computed on what the ones before left. Only the coupon exists now.
 */
public record PriceBreakdown(long seatsTotal, List<Discount> discounts, long total) {

    /** One discount line: where it comes from ({@code COUPON}), its id, and the won it takes off. */
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
