package dev.madang.domain.account;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.identity.IdentityVerifications;
import dev.madang.domain.identity.VerificationResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory stand-ins for the account ports, for tests about the rules rather than the store. */
public final class AccountFakes {

    private AccountFakes() {
    }

    /**
     * The account store in memory, with the DynamoDB registry's claim semantics: every uniqueness rule is a claim
     * keyed like the table's items ({@code EMAIL#}, {@code PERSON#diHash}, {@code IDV#id}, {@code SOCIAL#p#id}),
     * checked and written in one synchronized step, and a refused write writes nothing. The conflict types are the
     * registry's; an account's own state (missing, not active, verified already) is answered before its claims.
     */
    public static final class InMemoryAccounts implements Accounts {

        public final Map<String, Account> byId = new HashMap<>();
        /** Claim key → the account id holding it. */
        public final Map<String, String> claims = new HashMap<>();

        private record Claim(String key, String conflictType) {
        }

        @Override
        public synchronized void create(Account account, String identityVerificationId) {
            if ((account.identity() != null) != (identityVerificationId != null)) {
                throw new IllegalArgumentException("a verified account comes with the verification that vouched for it");
            }
            if (byId.containsKey(account.id())) {
                throw new IllegalStateException("account id " + account.id() + " already exists");
            }
            List<Claim> wanted = new ArrayList<>();
            if (account.email() != null) {
                wanted.add(new Claim(emailKey(account.email()), "email-taken"));
            }
            if (account.identity() != null) {
                wanted.addAll(identityClaims(account.identity(), identityVerificationId));
            }
            account.socialLinks().forEach(l -> wanted.add(new Claim(socialKey(l), "social-link-taken")));
            claimAll(wanted, account.id());
            byId.put(account.id(), account);
        }

        @Override
        public synchronized Optional<Account> byEmail(String email) {
            String normalised = EmailAddress.normalise(email);
            return normalised == null ? Optional.empty() : byClaim(emailKey(normalised));
        }

        @Override
        public synchronized Optional<Account> byId(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public synchronized Optional<Account> bySocialLink(SocialLink link) {
            return byClaim(socialKey(link));
        }

        @Override
        public synchronized void attachIdentity(String accountId, VerifiedIdentity identity,
                                                String identityVerificationId) {
            Account account = active(accountId);
            if (account.isIdentityVerified()) {
                throw DomainException.conflict("identity-already-verified", "this account's identity is verified already");
            }
            claimAll(identityClaims(identity, identityVerificationId), accountId);
            byId.put(accountId, account.withIdentity(identity));
        }

        @Override
        public synchronized void updateProfile(String accountId, Profile profile) {
            byId.put(accountId, active(accountId).withProfile(profile));
        }

        @Override
        public synchronized void changePasswordHash(String accountId, String newPasswordHash) {
            Account a = active(accountId);
            if (!a.hasPassword()) {
                throw DomainException.notFound("account", accountId);
            }
            byId.put(accountId, new Account(a.id(), a.email(), newPasswordHash, a.roles(), a.status(), a.createdAt(),
                    a.profile(), a.identity(), a.socialLinks()));
        }

        @Override
        public synchronized void close(Account account, Instant at) {
            if (account.status() == AccountStatus.CLOSED) {
                return;
            }
            if (!byId.containsKey(account.id())) {
                throw DomainException.notFound("account", account.id());
            }
            // the claims this account held are released; the verification stays spent
            if (account.email() != null) {
                claims.remove(emailKey(account.email()), account.id());
            }
            if (account.identity() != null) {
                claims.remove(personKey(account.identity().diHash()), account.id());
            }
            account.socialLinks().forEach(l -> claims.remove(socialKey(l), account.id()));
            Account stored = byId.get(account.id());
            byId.put(account.id(), new Account(stored.id(), null, null, stored.roles(), AccountStatus.CLOSED,
                    stored.createdAt(), Profile.empty(), null, List.of()));
        }

        /** Test helper: replaces the stored account as an operator's direct change would (roles, status). */
        public synchronized void replace(Account account) {
            byId.put(account.id(), account);
        }

        public synchronized List<String> claimsOf(String accountId) {
            return claims.entrySet().stream().filter(e -> e.getValue().equals(accountId)).map(Map.Entry::getKey)
                    .sorted().toList();
        }

        private Account active(String accountId) {
            Account account = byId.get(accountId);
            if (account == null || !account.isActive()) {
                throw DomainException.notFound("account", accountId);
            }
            return account;
        }

        private Optional<Account> byClaim(String key) {
            return Optional.ofNullable(claims.get(key)).map(byId::get);
        }

        private void claimAll(List<Claim> wanted, String accountId) {
            for (Claim c : wanted) {
                if (claims.containsKey(c.key())) {
                    throw DomainException.conflict(c.conflictType(), "claim " + c.key().substring(0,
                            c.key().indexOf('#')) + " is taken");
                }
            }
            wanted.forEach(c -> claims.put(c.key(), accountId));
        }

        private static List<Claim> identityClaims(VerifiedIdentity identity, String identityVerificationId) {
            return List.of(new Claim(personKey(identity.diHash()), "identity-already-linked"),
                    new Claim("IDV#" + identityVerificationId, "identity-verification-used"));
        }

        static String emailKey(String normalisedEmail) {
            return "EMAIL#" + normalisedEmail;
        }

        static String personKey(String diHash) {
            return "PERSON#" + diHash;
        }

        static String socialKey(SocialLink link) {
            return "SOCIAL#" + link.provider() + "#" + link.providerUserId();
        }
    }

    /** The identity provider in memory: answers from a map (NOT_FOUND otherwise) and remembers what it was asked. */
    public static final class FakeIdentityProvider implements IdentityVerifications {

        public final Map<String, VerificationResult> results = new LinkedHashMap<>();
        public final List<String> asked = new ArrayList<>();

        @Override
        public synchronized VerificationResult check(String identityVerificationId) {
            if (!IdentityVerifications.isWellFormedId(identityVerificationId)) {
                throw new IllegalArgumentException("malformed verification id");
            }
            asked.add(identityVerificationId);
            return results.getOrDefault(identityVerificationId, VerificationResult.notFound());
        }
    }

    /** Reversible on purpose (the tests read what was hashed); counts calls to show which work each path does. */
    public static final class RecordingHasher implements PasswordHasher {

        public final AtomicInteger hashes = new AtomicInteger();
        public final AtomicInteger checks = new AtomicInteger();
        public final List<String> checkedAgainst = new ArrayList<>();

        @Override
        public String hash(char[] password) {
            hashes.incrementAndGet();
            return "fake$" + new String(password);
        }

        @Override
        public synchronized boolean matches(char[] password, String hash) {
            checks.incrementAndGet();
            checkedAgainst.add(hash);
            return hash.equals("fake$" + new String(password));
        }
    }

    /** Keeps every failure's instant; counts exactly (no buckets). */
    public static final class InMemoryLoginAttempts implements LoginAttempts {

        public final Map<String, List<Instant>> failures = new HashMap<>();
        public int clears;

        @Override
        public synchronized void recordFailure(String email, Instant at) {
            failures.computeIfAbsent(email, k -> new ArrayList<>()).add(at);
        }

        @Override
        public synchronized int recentFailures(String email, Instant now, Duration window) {
            Instant from = now.minus(window);
            return (int) failures.getOrDefault(email, List.of()).stream()
                    .filter(t -> t.isAfter(from) && !t.isAfter(now)).count();
        }

        @Override
        public synchronized void clear(String email, Instant now, Duration window) {
            clears++;
            Instant from = now.minus(window);
            List<Instant> kept = failures.getOrDefault(email, new ArrayList<>());
            kept.removeIf(t -> t.isAfter(from) && !t.isAfter(now));
            if (kept.isEmpty()) {
                failures.remove(email);
            }
        }
    }
}
