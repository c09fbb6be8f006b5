package dev.madang.domain.identity;

/**
 * Verification ids that already vouched for an account. A verification proves who is at the keyboard once; replaying
 * someone's id (from a shared link, a log, a stolen request) must not vouch for a second account.
 */
public interface UsedVerifications {

    /** Records the id as used; false when it already was (atomically, so two racing requests cannot both win). */
    boolean markUsed(String verificationId);
}
