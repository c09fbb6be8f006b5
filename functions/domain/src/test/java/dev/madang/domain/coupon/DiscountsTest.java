package dev.madang.domain.coupon;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.common.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiscountsTest {

    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-31T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");

    private static CouponBatch batch(CouponBatch.Kind kind, long value, long cap, long minimum, Set<String> grades) {
        return new CouponBatch("B1", "Winter", kind, value, cap, minimum, grades, Set.of("P1"), FROM, UNTIL, 1, 100);
    }

    private static final List<HeldSeat> SEATS = List.of(
            new HeldSeat("A-1", "A", "VIP", 150_000), new HeldSeat("A-2", "A", "VIP", 150_000), new HeldSeat("B-1", "B", "R", 99_000));

    @Test
    void a_percent_coupon_takes_its_share_of_its_grades_rounded_down_and_capped() {
        assertThat(Discounts.couponDiscount(batch(CouponBatch.Kind.PERCENT, 15, 0, 0, Set.of("R")), "P1", SEATS, NOW)).isEqualTo(14_850);
        assertThat(Discounts.couponDiscount(batch(CouponBatch.Kind.PERCENT, 15, 30_000, 0, Set.of()), "P1", SEATS, NOW)).isEqualTo(30_000);
        assertThat(Discounts.couponDiscount(batch(CouponBatch.Kind.PERCENT, 3, 0, 0, Set.of()), "P1", SEATS, NOW)).isEqualTo(11_970);
    }

    @Test
    void a_fixed_coupon_never_takes_more_than_its_grades_cost() {
        assertThat(Discounts.couponDiscount(batch(CouponBatch.Kind.FIXED, 5_000, 0, 0, Set.of()), "P1", SEATS, NOW)).isEqualTo(5_000);
        assertThat(Discounts.couponDiscount(batch(CouponBatch.Kind.FIXED, 200_000, 0, 0, Set.of("R")), "P1", SEATS, NOW)).isEqualTo(99_000);
    }

    @Test
    void a_coupon_that_does_not_apply_is_refused_naming_the_field() {
        CouponBatch minimum = batch(CouponBatch.Kind.FIXED, 5_000, 0, 500_000, Set.of());
        assertThatThrownBy(() -> Discounts.couponDiscount(minimum, "P1", SEATS, NOW)).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).errors()).extracting("field").containsOnly("couponId"));
        CouponBatch fine = batch(CouponBatch.Kind.FIXED, 5_000, 0, 0, Set.of("S"));
        assertThatThrownBy(() -> Discounts.couponDiscount(fine, "P1", SEATS, NOW)).isInstanceOf(DomainException.class);
        CouponBatch any = batch(CouponBatch.Kind.FIXED, 5_000, 0, 0, Set.of());
        assertThatThrownBy(() -> Discounts.couponDiscount(any, "P2", SEATS, NOW)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Discounts.couponDiscount(any, "P1", SEATS, UNTIL)).isInstanceOf(DomainException.class);
    }

    @Test
    void a_batch_with_bad_fields_names_them() {
        assertThatThrownBy(() -> new CouponBatch("B", "x", CouponBatch.Kind.PERCENT, 120, -1, 0, Set.of(), Set.of(), UNTIL, FROM, 0, 0))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).errors()).extracting("field")
                        .contains("value", "maxDiscount", "validUntil", "perPerson", "total"));
    }

    @Test
    void what_each_seat_paid_sums_to_the_payment_the_remainder_going_to_the_largest_fractions() {
        assertThat(Discounts.paidPerSeat(SEATS, 399_000 - 10_000)).containsExactly(146_241L, 146_240L, 96_519L);
        assertThat(Discounts.paidPerSeat(List.of(new HeldSeat("1", "A", "R", 1), new HeldSeat("2", "A", "R", 1),
                new HeldSeat("3", "A", "R", 1)), 2)).containsExactly(1L, 1L, 0L);
        SplittableRandom random = new SplittableRandom(18);
        for (int run = 0; run < 1_000; run++) {
            List<HeldSeat> seats = random.ints(1 + random.nextInt(4), 1, 300_000)
                    .mapToObj(p -> new HeldSeat("s", "A", "R", p)).toList();
            long total = seats.stream().mapToLong(HeldSeat::price).sum();
            long paid = total - random.nextLong(total);
            List<Long> shares = Discounts.paidPerSeat(seats, paid);
            assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(paid);
            for (int i = 0; i < seats.size(); i++) {
                assertThat(shares.get(i)).isBetween(0L, seats.get(i).price());
            }
        }
    }

    @Test
    void the_breakdown_lists_each_discount_and_the_total_left() {
        PriceBreakdown price = PriceBreakdown.of(SEATS).with(new PriceBreakdown.Discount("COUPON", "C1", 10_000));
        assertThat(price.seatsTotal()).isEqualTo(399_000);
        assertThat(price.total()).isEqualTo(389_000);
        assertThat(price.discounts()).hasSize(1);
    }
}
