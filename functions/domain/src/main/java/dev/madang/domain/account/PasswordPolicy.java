package dev.madang.domain.account;

import java.util.ArrayList;
import java.util.List;

/**
 * What a new password must be: 10 to 128 characters (counted as Unicode code points, so a Hangul syllable is one) and
 * not all of one character class (lower-case letters, upper-case letters, digits, anything else). The upper bound
 * keeps one sign-up from costing unbounded hashing work. Length matters far more than composition (NIST SP 800-63B);
 * the class rule only stops the most common keyboard-walk and all-digit choices.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** The reasons {@code password} is refused; empty when it is acceptable. */
    public static List<String> problemsWith(char[] password) {
        List<String> problems = new ArrayList<>();
        if (password == null) {
            problems.add("is required");
            return problems;
        }
        int length = Character.codePointCount(password, 0, password.length);
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            problems.add("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        if (length > 0 && classesIn(password) < 2) {
            problems.add("must mix at least two kinds of characters (lower case, upper case, digits, symbols)");
        }
        return problems;
    }

    private static int classesIn(char[] password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length; ) {
            int cp = Character.codePointAt(password, i);
            i += Character.charCount(cp);
            if (Character.isLowerCase(cp)) {
                lower = true;
            } else if (Character.isUpperCase(cp)) {
                upper = true;
            } else if (Character.isDigit(cp)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
