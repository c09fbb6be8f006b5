package dev.madang.domain.account;

/**
 * ACTIVE accounts may log in; a DISABLED one (blocked by an operator) may not; a CLOSED one was deleted by its owner:
 * its personal data is erased and only what accounting must keep (the id its tickets and payments point at) stays.
 */
public enum AccountStatus {
    ACTIVE,
    DISABLED,
    CLOSED
}
