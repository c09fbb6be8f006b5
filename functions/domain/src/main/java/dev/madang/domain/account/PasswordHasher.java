package dev.madang.domain.account;

/**
 * A slow, salted, one-way password hash (docs/architecture.md §6). Neither method keeps the password; the caller
 * may clear the array afterwards.
 */
public interface PasswordHasher {

    /** A self-describing encoded hash (algorithm, parameters, salt, digest), fresh salt every time. */
    String hash(char[] password);

    /**
     * Whether {@code password} is the one {@code hash} was made from. False, never an exception, for a hash that is
     * malformed or was tampered with; the comparison takes the same time wherever the digests differ.
     */
    boolean matches(char[] password, String hash);
}
