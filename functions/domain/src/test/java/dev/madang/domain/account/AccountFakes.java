package dev.madang.domain.account;

import dev.madang.domain.common.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory stand-ins for the account ports, for tests about the rules rather than the store. */
final class AccountFakes {

    private AccountFakes() {
    }

    static final class InMemoryAccounts implements Accounts {

        final Map<String, Account> byId = new HashMap<>();
        final Map<String, String> idByEmail = new HashMap<>();

        @Override
        public synchronized void create(Account account) {
            if (idByEmail.containsKey(account.email())) {
                throw DomainException.conflict("email-taken", "an account with this e-mail exists");
            }
            idByEmail.put(account.email(), account.id());
            byId.put(account.id(), account);
        }

        @Override
        public synchronized Optional<Account> byEmail(String email) {
            return Optional.ofNullable(idByEmail.get(EmailAddress.normalise(email))).map(byId::get);
        }

        @Override
        public synchronized Optional<Account> byId(String id) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    /** Reversible on purpose (the tests read what was hashed); counts calls to show which work each path does. */
    static final class RecordingHasher implements PasswordHasher {

        final AtomicInteger hashes = new AtomicInteger();
        final AtomicInteger checks = new AtomicInteger();
        final List<String> checkedAgainst = new ArrayList<>();

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
    static final class InMemoryLoginAttempts implements LoginAttempts {

        final Map<String, List<Instant>> failures = new HashMap<>();
        int clears;

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
