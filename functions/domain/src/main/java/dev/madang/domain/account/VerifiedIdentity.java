package dev.madang.domain.account;

import dev.madang.domain.identity.VerifiedPerson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What identity verification established about an account's owner, as stored: name, birth date and phone (for
 * age-restricted performances, ticket names and contact), and the SHA-256 of the DI. The DI itself and the CI are
 * never stored: the hash is all that keeping one person to one account needs, and a leaked hash identifies nobody
 * outside this merchant. {@link #toString()} hides everything personal.
 */
public record VerifiedIdentity(String name, LocalDate birthDate, String phone, String diHash, Instant verifiedAt) {

    public VerifiedIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(diHash, "diHash");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    public static VerifiedIdentity of(VerifiedPerson person, Instant verifiedAt) {
        return new VerifiedIdentity(person.name(), person.birthDate(), person.phone(), hashDi(person.di()), verifiedAt);
    }

    /** Lower-case hex SHA-256 of the DI's UTF-8 bytes. */
    public static String hashDi(String di) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(di.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "VerifiedIdentity[verifiedAt=" + verifiedAt + "]";
    }
}
