package dev.madang.domain.lottery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * The draw's only source of chance: the i-th 64-bit number (i = 0, 1, 2, ...) is the first 8 bytes, big-endian,
 * of HMAC-SHA256(key = seed, message = i as an 8-byte big-endian integer). Keyed by the seed, the numbers cannot be
 * guessed before the seed is published, and once it is, anyone can recompute them with any HMAC library: no
 * language's {@code Random} is involved, whose algorithm could change between versions.
 */
final class DrawStream {

    private final Mac mac;
    private long counter;

    DrawStream(byte[] seed) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    /** The next 64 bits of the stream, as an unsigned number in a {@code long}. */
    long nextLong() {
        byte[] block = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter++).array());
        return ByteBuffer.wrap(block, 0, Long.BYTES).getLong();
    }

    /**
     * A uniform integer in [0, bound). {@code u mod bound} alone would favour small results whenever 2^64 is not a
     * multiple of bound, so the top 2^64 mod bound values of u are rejected and the next number is taken instead
     * (at most a chance of bound / 2^64 per try, so practically never).
     */
    int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound " + bound);
        }
        long b = bound;
        long excess = Long.remainderUnsigned(-b, b); // (2^64 - b) mod b = 2^64 mod b
        long largestAccepted = -1L - excess;           // 2^64 - 1 - excess, as unsigned
        while (true) {
            long u = nextLong();
            if (Long.compareUnsigned(u, largestAccepted) <= 0) {
                return (int) Long.remainderUnsigned(u, b);
            }
        }
    }
}
