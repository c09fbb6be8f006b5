package dev.madang.domain.account;

import java.util.Optional;

/** The account store. E-mails are compared in {@link EmailAddress#normalise normal form}. */
public interface Accounts {

    /**
     * Stores a new account and claims its e-mail, both or neither. Fails with a CONFLICT {@code email-taken}
     * {@link dev.madang.domain.common.DomainException} when another account holds the e-mail, however close together
     * the two sign-ups were.
     */
    void create(Account account);

    Optional<Account> byEmail(String email);

    Optional<Account> byId(String id);
}
