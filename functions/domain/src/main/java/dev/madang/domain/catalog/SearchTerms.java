package dev.madang.domain.catalog;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Title search by character n-grams. Korean titles have no word boundaries a fan reliably types ("레미제" must find
 * "레미제라블"), so the catalog indexes every single character and every pair of a normalised title; a query's
 * grams are looked up and intersected, then the full text is confirmed.
 */
public final class SearchTerms {

    private SearchTerms() {
    }

    /** NFC (so composed and decomposed Hangul match), lower case, no whitespace or punctuation. */
    public static String normalise(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(nfc.length());
        nfc.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** What a title is indexed under: its characters and its pairs of characters. */
    public static Set<String> indexGrams(String title) {
        String n = normalise(title);
        Set<String> grams = new LinkedHashSet<>();
        int[] cps = n.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            grams.add(new String(cps, i, 1));
            if (i + 1 < cps.length) {
                grams.add(new String(cps, i, 2));
            }
        }
        return grams;
    }

    /** The fewest grams that a title containing the query must have: its pairs, or its one character. */
    public static Set<String> queryGrams(String query) {
        String n = normalise(query);
        int[] cps = n.codePoints().toArray();
        Set<String> grams = new LinkedHashSet<>();
        if (cps.length == 1) {
            grams.add(n);
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        return grams;
    }

    public static boolean matches(String title, String query) {
        return normalise(title).contains(normalise(query));
    }
}
