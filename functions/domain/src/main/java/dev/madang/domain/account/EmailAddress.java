package dev.madang.domain.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses as accounts use them. One normal form (trimmed, Unicode NFC, lower case) is both stored and
 * looked up, so {@code Fan@Example.com} and {@code fan@example.com} are one account. Lower-casing the local part is
 * stricter than RFC 5321 allows in theory, and what every large provider does in practice.
 *
 * <p>{@link #isWellFormed} accepts the dot-atom addresses people actually type (RFC 5322 without quoted local parts,
 * comments or IP-literal domains; ASCII only, so internationalised addresses are refused rather than half-checked).
 */
public final class EmailAddress {

    /** RFC 5321: 254 characters in a path, 64 in the local part, 63 in a domain label. */
    public static final int MAX_LENGTH = 254;

    private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOP_LEVEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}", Pattern.CASE_INSENSITIVE);

    private EmailAddress() {
    }

    /** The stored form; null stays null (the caller's validation reports it). */
    public static String normalise(String email) {
        if (email == null) {
            return null;
        }
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** Whether the address is one an account may be registered with (case does not matter; surrounding space does). */
    public static boolean isWellFormed(String email) {
        if (email == null || email.isEmpty() || email.length() > MAX_LENGTH) {
            return false;
        }
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at > 64) {
            return false;
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (!LOCAL.matcher(local).matches()) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false; // "fan@localhost" is no address anyone can receive mail at from here
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return TOP_LEVEL.matcher(labels[labels.length - 1]).matches();
    }
}
