package dev.madang.domain.account;

import java.time.Instant;
import java.util.Optional;

/**
 * The account store. E-mails are compared in {@link EmailAddress#normalise normal form}. Every uniqueness rule is a
 * claim the store writes in the same step as the account itself, so racing requests cannot both win:
 * <ul>
 *   <li>an e-mail belongs to one account: CONFLICT {@code email-taken};</li>
 *   <li>a person (their DI) to one account: CONFLICT {@code identity-already-linked};</li>
 *   <li>an identity verification vouches once: CONFLICT {@code identity-verification-used};</li>
 *   <li>a provider account logs in as one account: CONFLICT {@code social-link-taken}.</li>
 * </ul>
 * A refused write writes nothing.
 */
public interface Accounts {

    /**
     * Stores a new account with its claims: its e-mail, its social links, and, when it comes verified, its DI and
     * {@code identityVerificationId} (required exactly when {@code account.identity()} is present).
     */
    void create(Account account, String identityVerificationId);

    Optional<Account> byEmail(String email);

    /** Any status, closed included: the caller decides what a closed account means for it. */
    Optional<Account> byId(String id);

    Optional<Account> bySocialLink(SocialLink link);

    /**
     * Records a later verification on an active, not yet verified account, with the DI and verification claims.
     * NOT_FOUND for no such active account; CONFLICT {@code identity-already-verified} when it is verified already.
     */
    void attachIdentity(String accountId, VerifiedIdentity identity, String identityVerificationId);

    /** NOT_FOUND unless the account exists and is active. */
    void updateProfile(String accountId, Profile profile);

    /** NOT_FOUND unless the account exists, is active, and has a password. */
    void changePasswordHash(String accountId, String newPasswordHash);

    /**
     * Closes the account: its personal data (e-mail, password hash, profile, verified identity, links) is erased and
     * its claims released, so the e-mail and the person may sign up again; the id stays, because tickets and payments
     * kept for accounting point at it. Idempotent for an account that is already closed.
     */
    void close(Account account, Instant at);
}
