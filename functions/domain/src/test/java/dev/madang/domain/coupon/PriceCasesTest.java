package dev.madang.domain.coupon;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.pricing.TimeSale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The documented order of discounts (docs/commerce.md "How discounts combine") as a table: a time sale's price is the
 * held seat's price; the member discount comes off each seat; the coupon comes off what is left, its minimum checked
 * against the seats' total. Two seats of grade R, listed at 100,000 won (or 99,999).
 */
class PriceCasesTest {

    private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");

    private static final Map<String, CouponBatch> BATCHES = Map.of(
            "P15", batch("P15", CouponBatch.Kind.PERCENT, 15, 0),
            "F30K", batch("F30K", CouponBatch.Kind.FIXED, 30_000, 0),
            "P15MIN170K", batch("P15MIN170K", CouponBatch.Kind.PERCENT, 15, 170_000),
            "P15MIN190K", batch("P15MIN190K", CouponBatch.Kind.PERCENT, 15, 190_000));

    private static CouponBatch batch(String id, CouponBatch.Kind kind, long value, long minimum) {
        return new CouponBatch(id, id, kind, value, 0, minimum, Set.of(), Set.of(), NOW.minusSeconds(3600),
                NOW.plusSeconds(3600), 1, 10);
    }

    /** One coupon per batch in the fan's wallet, its id the batch's. */
    private static final PricingOrders PRICING = new PricingOrders(new CouponWallets() {
        @Override
        public Claim claim(CouponBatch batch, String userId, String couponId, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<WalletCoupon> wallet(String userId) {
            return List.of();
        }

        @Override
        public Optional<WalletCoupon> find(String userId, String couponId) {
            return Optional.of(new WalletCoupon(couponId, userId, couponId, WalletCoupon.Status.AVAILABLE, NOW, "q"));
        }
    }, new CouponBatches() {
        @Override
        public boolean create(CouponBatch batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<CouponBatch> find(String batchId) {
            return Optional.ofNullable(BATCHES.get(batchId));
        }

        @Override
        public Optional<CouponBatch> byCode(String code) {
            return Optional.empty();
        }

        @Override
        public List<CouponBatch> downloadable(int limit) {
            return List.of();
        }
    });

    @ParameterizedTest(name = "list {0}, time sale {1}%, member {2}%, coupon {3}: seats {4}, member -{5}, coupon -{6}, pays {7}")
    @CsvSource({
            // list, sale%, member%, coupon, seats total, member off, coupon off, total
            "100000, 0,  0,  -,          200000, 0,     0,     200000",
            "100000, 20, 0,  -,          160000, 0,     0,     160000",
            "100000, 0,  10, -,          200000, 20000, 0,     180000",
            "100000, 0,  0,  P15,        200000, 0,     30000, 170000",
            "100000, 0,  10, P15,        200000, 20000, 27000, 153000",
            "100000, 20, 10, P15,        160000, 16000, 21600, 122400",
            "100000, 20, 10, F30K,       160000, 16000, 30000, 114000",
            "100000, 0,  10, P15MIN190K, 200000, 20000, 27000, 153000",
            "99999,  0,  10, P15,        199998, 19998, 27000, 153000",
    })
    void discounts_combine_in_the_documented_order(long list, int salePercent, int memberPercent, String coupon,
                                                   long seatsTotal, long memberOff, long couponOff, long total) {
        PriceBreakdown price = PRICING.price("fan", "order", "P1", seats(list, salePercent),
                coupon.equals("-") ? null : coupon,
                memberPercent == 0 ? null : new PricingOrders.MemberDiscount("M1", memberPercent), NOW);
        assertThat(price.seatsTotal()).isEqualTo(seatsTotal);
        assertThat(off(price, PriceBreakdown.MEMBER)).isEqualTo(memberOff);
        assertThat(off(price, PriceBreakdown.COUPON)).isEqualTo(couponOff);
        assertThat(price.total()).isEqualTo(total).isEqualTo(seatsTotal - memberOff - couponOff);
    }

    @ParameterizedTest(name = "a coupon whose minimum {0} is above the seats' total at the sale price is refused")
    @CsvSource({"P15MIN170K"})
    void the_minimum_is_checked_against_the_seats_total_at_the_price_held(String coupon) {
        assertThatThrownBy(() -> PRICING.price("fan", "order", "P1", seats(100_000, 20), coupon,
                new PricingOrders.MemberDiscount("M1", 10), NOW))
                .isInstanceOf(DomainException.class).hasMessageContaining("does not apply");
    }

    /** Two R seats as held: at the time sale's price when one ran at the hold. */
    private static List<HeldSeat> seats(long list, int salePercent) {
        long held = salePercent == 0 ? list : TimeSale.salePrice(list, salePercent);
        return List.of(new HeldSeat("R-1-1", "R", "R", held), new HeldSeat("R-1-2", "R", "R", held));
    }

    private static long off(PriceBreakdown price, String source) {
        return price.discounts().stream().filter(d -> d.source().equals(source))
                .mapToLong(PriceBreakdown.Discount::amount).sum();
    }
}
