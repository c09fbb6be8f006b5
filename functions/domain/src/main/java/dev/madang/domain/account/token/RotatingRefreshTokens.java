package dev.madang.domain.account.token;

import dev.madang.domain.account.token.RefreshTokens.Status;
import dev.madang.domain.account.token.RefreshTokens.StoredRefreshToken;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Opaque refresh tokens, rotated on every use, with reuse detection (docs/architecture.md §6).
 *
 * <ul>
 *   <li>{@link #issue} (at login) starts a family: 256 random bits, base64url without padding (43 characters). Only
 *       the token's SHA-256 is stored; the token itself exists only in the answer.</li>
 *   <li>{@link #rotate} spends the presented token and answers a new one of the same family, valid {@link #ttl}
 *       from now (a sliding lifetime). In order: read the token; refuse it unless ACTIVE and unexpired; refuse it if
 *       its family is revoked; then ONE conditional write marks it USED only if it is still ACTIVE and unexpired,
 *       so of any number of concurrent presentations exactly one spends it; then the new token is stored.</li>
 *   <li>Presenting a token that was already spent is reuse: either it was stolen, or a client is replaying. The
 *       server cannot tell a second tab from a thief, so the whole family is revoked (one write of a family record)
 *       and the presentation refused. Every token of a revoked family is refused, including one that a rotation
 *       racing with the revocation may still have handed out: the family is checked on every rotation.</li>
 *   <li>{@link #logOut} revokes the presented token's family, {@link #revokeFamiliesOf} all of an account's but
 *       one (a password change). All refusals are the same UNAUTHENTICATED {@code invalid-refresh-token}, whatever
 *       the reason, so a caller learns nothing about the store.</li>
 * </ul>
 *
 * <h2>Two tabs refreshing at once</h2>
 * Decision: <b>exactly one wins, the others are reuse, and the family is revoked</b> - so both tabs end up logged out
 * once their access tokens (at most 15 minutes) expire. With N concurrent presentations of one token the outcome is
 * always: one rotation succeeds (its family check necessarily ran before anyone could see the token spent, so it
 * is never refused), N-1 are refused as reuse, and afterwards no token of the family works, including the one the
 * winner received. We chose this over a grace window (accepting, or refusing without revoking, a reuse shortly after
 * rotation) because a grace window is exactly the window in which a thief who rotates first goes undetected: the
 * victim's own "late" presentation would no longer revoke the thief's family. Strict detection is what the
 * architecture promises, keeps the store to one conditional write per rotation, and makes the outcome
 * deterministic. Clients must therefore refresh single-flight (one refresh in flight per browser, shared between
 * tabs, e.g. with the Web Locks API or a BroadcastChannel), which the web client owns.
 */
public final class RotatingRefreshTokens {

    /** The sliding lifetime of a refresh token: each rotation answers a token valid this long. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(14);
    /** Bytes of randomness in a token. */
    static final int TOKEN_BYTES = 32;
    /** Characters of a token: 32 bytes in unpadded base64url. */
    static final int TOKEN_CHARS = 43;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final RefreshTokens store;
    private final Ids ids;
    private final Clock clock;
    private final Duration ttl;

    public RotatingRefreshTokens(RefreshTokens store, Clock clock) {
        this(store, clock, DEFAULT_TTL);
    }

    public RotatingRefreshTokens(RefreshTokens store, Clock clock, Duration ttl) {
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a refresh token lives at least a second");
        }
        this.store = store;
        this.ids = new Ids(clock);
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A token as handed to the client, with what it stands for; never logged. */
    public record Issued(String token, String accountId, String familyId, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[token=<hidden>, accountId=" + accountId + ", familyId=" + familyId + ", expiresAt="
                    + expiresAt + "]";
        }
    }

    public Duration ttl() {
        return ttl;
    }

    /** Starts a new family (a login) for the account. */
    public Issued issue(String accountId) {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("an account id is required");
        }
        return newToken(accountId, ids.next(), clock.instant());
    }

    /** Spends the presented token and answers its successor; refuses as described in the class comment. */
    public Issued rotate(String presentedToken) {
        Instant now = clock.instant();
        String hash = wellFormed(presentedToken).map(RotatingRefreshTokens::hash)
                .orElseThrow(RotatingRefreshTokens::refused);
        StoredRefreshToken stored = store.find(hash).orElseThrow(RotatingRefreshTokens::refused);
        if (stored.status() == Status.USED) {
            throw reuse(stored);
        }
        if (stored.status() != Status.ACTIVE || !now.isBefore(stored.expiresAt())
                || store.isFamilyRevoked(stored.familyId())) {
            throw refused();
        }
        if (!store.markUsed(hash, now)) {
            // someone spent (or revoked) it between our read and our write
            Optional<StoredRefreshToken> again = store.find(hash);
            if (again.isPresent() && again.get().status() == Status.USED) {
                throw reuse(again.get());
            }
            throw refused();
        }
        return newToken(stored.accountId(), stored.familyId(), now);
    }

    /**
     * Logout: revokes the family of the presented token, whatever its state, and marks the token REVOKED; silent
     * for an unknown token.
     */
    public void logOut(String presentedToken) {
        wellFormed(presentedToken).map(RotatingRefreshTokens::hash).flatMap(store::find).ifPresent(t -> {
            store.revokeFamily(t.familyId(), clock.instant());
            store.markRevoked(t.hash());
        });
    }

    /** Revokes every token of a family, e.g. when an operator ends a session. */
    public void revokeFamily(String familyId) {
        store.revokeFamily(familyId, clock.instant());
    }

    /**
     * Revokes every family of the account except {@code keptFamilyId} (null: keeps none), one write each, and
     * answers how many it revoked. A family of another account named as kept changes nothing: it is not among
     * this account's.
     */
    public int revokeFamiliesOf(String accountId, String keptFamilyId) {
        Instant now = clock.instant();
        int revoked = 0;
        for (String familyId : store.familiesOf(accountId, now)) {
            if (!familyId.equals(keptFamilyId)) {
                store.revokeFamily(familyId, now);
                revoked++;
            }
        }
        return revoked;
    }

    /** The lower-case hex SHA-256 of the token's UTF-8 bytes: what the store keys it by. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private Issued newToken(String accountId, String familyId, Instant now) {
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String token = BASE64URL.encodeToString(random);
        Instant expiresAt = now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        store.save(new StoredRefreshToken(hash(token), accountId, familyId, Status.ACTIVE, expiresAt));
        return new Issued(token, accountId, familyId, expiresAt);
    }

    private DomainException reuse(StoredRefreshToken spent) {
        store.revokeFamily(spent.familyId(), clock.instant());
        return refused();
    }

    private static Optional<String> wellFormed(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return Optional.empty();
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return Optional.empty();
            }
        }
        return Optional.of(token);
    }

    private static DomainException refused() {
        return DomainException.unauthenticated("invalid-refresh-token", "the refresh token is not valid; log in again");
    }
}
