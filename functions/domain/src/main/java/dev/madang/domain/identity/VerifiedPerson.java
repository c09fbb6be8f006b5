package dev.madang.domain.identity;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The person a provider vouched for (본인인증). {@code di} identifies them per merchant and is what keeps one person to
 * one account; {@code ci} identifies them across merchants. {@code phone} and {@code ci} may be absent when the
 * provider's channel does not return them.
 *
 * <p>These are personal data: {@link #toString()} shows a masked name only, so a log line or an assertion message
 * never carries a birth date, phone number, CI or DI.
 */
public record VerifiedPerson(String name, LocalDate birthDate, String phone, String di, String ci) {

    public VerifiedPerson {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(di, "di");
        if (name.isBlank() || di.isBlank()) {
            throw new IllegalArgumentException("a verified person has a name and a DI");
        }
    }

    /** "홍**" for 홍길동: enough to tell two people apart in a log, not enough to identify anyone. */
    @Override
    public String toString() {
        int first = name.codePointAt(0);
        int rest = name.codePointCount(0, name.length()) - 1;
        return "VerifiedPerson[name=" + new String(Character.toChars(first)) + "*".repeat(rest) + "]";
    }
}
