package dev.madang.domain.account;

/** ACTIVE accounts may log in; a DISABLED one (closed, or blocked by an operator) may not. */
public enum AccountStatus {
    ACTIVE,
    DISABLED
}
