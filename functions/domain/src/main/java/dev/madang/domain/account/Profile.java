package dev.madang.domain.account;

import dev.madang.domain.common.Violations;

import java.util.regex.Pattern;

/**
 * What a fan tells us about themselves and may change on "my page": the name shown on bookings, a contact phone and
 * whether they accept marketing messages (opt-in: false until they say yes, as Korea's Information and Communications
 * Network Act requires). Distinct from the {@link VerifiedIdentity}, which only a new verification changes.
 */
public record Profile(String name, String phone, boolean marketingConsent) {

    public static final int MAX_NAME = 50;
    /** Korean mobile numbers, digits only: 010-1234-5678 is stored as 01012345678. */
    static final Pattern MOBILE = Pattern.compile("01[016789][0-9]{7,8}");

    public static Profile empty() {
        return new Profile(null, null, false);
    }

    /** Adds a reason per bad field; null fields are "not given" and always fine. */
    public static void check(String name, String phone, Violations v) {
        if (name != null) {
            int length = name.strip().codePointCount(0, name.strip().length());
            v.check(length >= 1 && length <= MAX_NAME && name.codePoints().noneMatch(Character::isISOControl),
                    "name", "1 to " + MAX_NAME + " characters, no control characters");
        }
        if (phone != null) {
            v.check(MOBILE.matcher(normalisePhone(phone)).matches(), "phone",
                    "a Korean mobile number such as 010-1234-5678");
        }
    }

    /** Dashes and spaces are how people type numbers, not part of them. */
    public static String normalisePhone(String phone) {
        return phone == null ? null : phone.replaceAll("[\\s-]", "");
    }

    @Override
    public String toString() {
        return "Profile[name=" + (name == null ? null : "<hidden>") + ", phone=" + (phone == null ? null : "<hidden>")
                + ", marketingConsent=" + marketingConsent + "]";
    }
}
