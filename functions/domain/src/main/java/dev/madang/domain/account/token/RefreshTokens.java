package dev.madang.domain.account.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The refresh-token store. It only ever sees SHA-256 hashes (lower-case hex) of tokens, never a token itself, so a
 * copy of the store cannot be replayed. Tokens belong to a family (one login, one session); a family is revoked as a
 * whole, and an account's families can be listed, so that all its sessions but one can be ended.
 */
public interface RefreshTokens {

    enum Status { ACTIVE, USED, REVOKED }

    /** One stored token. {@code expiresAt} is whole seconds; the token is refused from that instant on. */
    record StoredRefreshToken(String hash, String accountId, String familyId, Status status, Instant expiresAt) {
    }

    /**
     * Stores a new ACTIVE token; its hash is fresh (256 random bits), so it never overwrites another. From then on
     * {@link #familiesOf} lists the token's family for its account, at least until the token expires.
     */
    void save(StoredRefreshToken token);

    /**
     * A strongly consistent list of the account's families that may still hold a token unexpired at {@code now}
     * (revoked ones may be listed too), read without going through any other account's.
     */
    List<String> familiesOf(String accountId, Instant now);

    /** A strongly consistent read of the token with this hash. */
    Optional<StoredRefreshToken> find(String hash);

    /**
     * Marks the token used in one conditional write: it succeeds only if the token is ACTIVE and {@code now} is
     * before its expiry, so of any number of concurrent calls for one token at most one returns true.
     */
    boolean markUsed(String hash, Instant now);

    /** Sets the token's status to REVOKED whatever it was (logout); nothing for an unknown hash. */
    void markRevoked(String hash);

    /** Revokes the whole family: from when this returns, {@link #isFamilyRevoked} answers true. Idempotent. */
    void revokeFamily(String familyId, Instant now);

    /** A strongly consistent read of whether the family was revoked. */
    boolean isFamilyRevoked(String familyId);
}
