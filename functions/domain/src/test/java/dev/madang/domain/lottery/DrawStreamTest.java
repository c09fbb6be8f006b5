package dev.madang.domain.lottery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrawStreamTest {

    /**
     * Pins the stream to its published definition. Computed outside Java:
     * {@code printf '\0\0\0\0\0\0\0\0' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<64 zeros>} gives
     * f375180aba928884...; if this fails, published draws could no longer be replayed.
     */
    @Test
    void the_first_number_is_the_first_8_bytes_of_hmac_sha256_of_counter_zero() {
        DrawStream stream = new DrawStream(new byte[32]);

        assertThat(stream.nextLong()).isEqualTo(0xf375180aba928884L);
    }

    @Test
    void bounded_numbers_stay_in_range_and_cover_it() {
        DrawStream stream = new DrawStream(new byte[32]);
        int[] seen = new int[7];
        for (int i = 0; i < 7_000; i++) {
            int n = stream.nextInt(7);
            assertThat(n).isBetween(0, 6);
            seen[n]++;
        }
        for (int count : seen) {
            assertThat(count).isBetween(850, 1150);
        }
        assertThat(stream.nextInt(1)).isZero();
    }
}
