package dev.madang.domain.account.token;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The refresh-token store in memory, atomic per call like the table's conditional writes. */
public final class InMemoryRefreshTokens implements RefreshTokens {

    final Map<String, StoredRefreshToken> tokens = new HashMap<>();
    final Set<String> revokedFamilies = new HashSet<>();

    @Override
    public synchronized void save(StoredRefreshToken token) {
        if (tokens.putIfAbsent(token.hash(), token) != null) {
            throw new IllegalStateException("hash collision");
        }
    }

    /** The families with a token of the account that expires after {@code now}, in id order. */
    @Override
    public synchronized List<String> familiesOf(String accountId, Instant now) {
        return tokens.values().stream().filter(t -> t.accountId().equals(accountId) && now.isBefore(t.expiresAt()))
                .map(StoredRefreshToken::familyId).distinct().sorted().toList();
    }

    @Override
    public synchronized Optional<StoredRefreshToken> find(String hash) {
        return Optional.ofNullable(tokens.get(hash));
    }

    @Override
    public synchronized boolean markUsed(String hash, Instant now) {
        StoredRefreshToken t = tokens.get(hash);
        if (t == null || t.status() != Status.ACTIVE || !now.isBefore(t.expiresAt())) {
            return false;
        }
        tokens.put(hash, with(t, Status.USED));
        return true;
    }

    @Override
    public synchronized void markRevoked(String hash) {
        tokens.computeIfPresent(hash, (h, t) -> with(t, Status.REVOKED));
    }

    @Override
    public synchronized void revokeFamily(String familyId, Instant now) {
        revokedFamilies.add(familyId);
    }

    @Override
    public synchronized boolean isFamilyRevoked(String familyId) {
        return revokedFamilies.contains(familyId);
    }

    /** The families revoked so far. */
    public synchronized Set<String> revoked() {
        return Set.copyOf(revokedFamilies);
    }

    synchronized List<StoredRefreshToken> family(String familyId) {
        return tokens.values().stream().filter(t -> t.familyId().equals(familyId)).toList();
    }

    private static StoredRefreshToken with(StoredRefreshToken t, Status status) {
        return new StoredRefreshToken(t.hash(), t.accountId(), t.familyId(), status, t.expiresAt());
    }
}
