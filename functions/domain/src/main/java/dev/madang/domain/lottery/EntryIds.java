package dev.madang.domain.lottery;

import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * Entry ids: 26 characters of Crockford base 32 from 130 bits of {@link SecureRandom}, derived from nothing (not the
 * account, not the time), so the published entry list names nobody and says nothing about when anyone entered.
 */
public final class EntryIds implements Supplier<String> {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String get() {
        char[] out = new char[26];
        for (int i = 0; i < out.length; i++) {
            out[i] = CROCKFORD[RANDOM.nextInt(32)];
        }
        return new String(out);
    }
}
