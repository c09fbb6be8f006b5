package dev.madang.domain.community;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds what looks like personal data in a post's text: rooms are public, and a phone number left for a taxi share is
 * read by anyone. A finding does not refuse the post; it holds it until its author confirms (they may mean it).
 *
 * <p>Patterns, on the text with spaces, dots and dashes between digits allowed: Korean mobile numbers (010, 011,
 * 016-019, or +82 10), other Korean phone numbers (02, 031-064 and 070 area codes), resident registration numbers (a
 * birth date, then 1-4 and 6 more), bank account numbers (10 to 16 digits in 3 or 4 groups, the way banks print them,
 * or in one run), and e-mail addresses. It misses numbers written in words ("공일공") or split by other characters;
 * the report button is there for those.
 */
public final class PersonalData {

    /** The kinds a finding names (the API's problem lists them). */
    public enum Kind { PHONE_NUMBER, RESIDENT_NUMBER, ACCOUNT_NUMBER, EMAIL }

    private static final String SEP = "[\\s.\\-]?";
    private static final Pattern MOBILE = Pattern.compile(
            "(?<!\\d)(?:\\+82" + SEP + "1[016789]|01[016789])" + SEP + "\\d{3,4}" + SEP + "\\d{4}(?!\\d)");
    private static final Pattern LANDLINE = Pattern.compile(
            "(?<!\\d)(?:02|0[3-6][1-5]|070)" + SEP + "\\d{3,4}" + SEP + "\\d{4}(?!\\d)");
    // a birth date (YYMMDD), then the sex digit 1-4 and six more
    private static final Pattern RESIDENT = Pattern.compile(
            "(?<!\\d)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])" + SEP + "[1-4]\\d{6}(?!\\d)");
    private static final Pattern GROUPED_DIGITS = Pattern.compile(
            "(?<!\\d)\\d{2,6}(?:[\\s\\-]\\d{2,8}){2,3}(?!\\d)");
    private static final Pattern LONG_DIGITS = Pattern.compile("(?<!\\d)\\d{10,16}(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+\\-]+@[\\w\\-]+(?:\\.[\\w\\-]+)+");

    private PersonalData() {
    }

    /** The kinds found in {@code text}, in the order above; empty when none. */
    public static Set<Kind> find(String text) {
        Set<Kind> found = new LinkedHashSet<>();
        List<String> rest = new ArrayList<>(List.of(text));
        if (take(rest, MOBILE) | take(rest, LANDLINE)) {
            found.add(Kind.PHONE_NUMBER);
        }
        if (take(rest, RESIDENT)) {
            found.add(Kind.RESIDENT_NUMBER);
        }
        // what is left after phones and resident numbers: digit groups of an account's length
        for (String part : List.copyOf(rest)) {
            boolean grouped = GROUPED_DIGITS.matcher(part).results()
                    .anyMatch(m -> digits(m.group()) >= 10 && digits(m.group()) <= 16);
            if (grouped || LONG_DIGITS.matcher(part).find()) {
                found.add(Kind.ACCOUNT_NUMBER);
            }
        }
        if (EMAIL.matcher(text).find()) {
            found.add(Kind.EMAIL);
        }
        return found;
    }

    /** Whether {@code pattern} occurs; each occurrence is cut out of {@code parts}, so a later pattern misses it. */
    private static boolean take(List<String> parts, Pattern pattern) {
        boolean any = false;
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            String[] pieces = pattern.split(part, -1);
            any |= pieces.length > 1;
            out.addAll(List.of(pieces));
        }
        parts.clear();
        parts.addAll(out);
        return any;
    }

    private static int digits(String s) {
        return (int) s.chars().filter(Character::isDigit).count();
    }
}
