package dev.madang.domain.account;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks an e-mail and password and returns the account, or refuses with one answer for every way of being wrong.
 *
 * <ul>
 *   <li>Unknown e-mail, wrong password and disabled account all give {@code invalid-credentials} (401), and an unknown
 *       e-mail costs the same hash verification as a known one (against a dummy hash made at start-up), so neither
 *       the answer nor its timing tells whether an account exists.</li>
 *   <li>After {@link #MAX_FAILURES} failures for an e-mail within {@link #WINDOW}, further attempts are refused with
 *       {@code too-many-attempts} (429) before any hashing, until failures age out of the window. Failures are
 *       counted for unknown e-mails too, for the same reason. A refused attempt records nothing, so waiting is
 *       enough to get back in; a success clears the count.</li>
 * </ul>
 *
 * <p>The count is read before the password is checked, so a burst of concurrent guesses can all pass the check
 * before any of them is recorded: the limit is exact for sequential attempts and bounded by concurrency otherwise.
 * Per-client rate limits at the API edge cover bursts. Throttling per e-mail also lets anyone lock an e-mail out for
 * the window; that is the price of slowing a guesser who spreads over many addresses.
 */
public final class LoggingIn {

    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Longer than any password that can be stored ({@link PasswordPolicy#MAX_LENGTH}); refused without hashing. */
    static final int MAX_PASSWORD_CHARS = 1024;

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final LoginAttempts attempts;
    private final Clock clock;
    private final String dummyHash;

    public LoggingIn(Accounts accounts, PasswordHasher hasher, LoginAttempts attempts, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.attempts = attempts;
        this.clock = clock;
        // made once, with the real hasher and its real parameters, so verifying against it costs what a real one does
        this.dummyHash = hasher.hash("no account has this password: it only spends the time a real check takes"
                .toCharArray());
    }

    /** The password is read, never kept; the caller may clear the array afterwards. */
    public record LogIn(String email, char[] password) {

        @Override
        public String toString() {
            return "LogIn[email=" + email + ", password=<hidden>]";
        }
    }

    public Account logIn(LogIn request) {
        String email = EmailAddress.normalise(request.email());
        new Violations()
                .check(email != null && !email.isEmpty() && email.length() <= EmailAddress.MAX_LENGTH, "email",
                        "is required, at most " + EmailAddress.MAX_LENGTH + " characters")
                .check(request.password() != null && request.password().length > 0
                        && request.password().length <= MAX_PASSWORD_CHARS, "password",
                        "is required, at most " + MAX_PASSWORD_CHARS + " characters")
                .throwIfInvalid("the login request is not valid");

        Instant now = clock.instant();
        int failures = attempts.recentFailures(email, now, WINDOW);
        if (failures >= MAX_FAILURES) {
            throw DomainException.throttled("too-many-attempts",
                    "too many failed logins for this e-mail; try again later", WINDOW);
        }

        Optional<Account> found = accounts.byEmail(email);
        boolean passwordMatches = hasher.matches(request.password(), found.map(Account::passwordHash).orElse(dummyHash));
        if (found.isEmpty() || !passwordMatches || !found.get().isActive()) {
            attempts.recordFailure(email, now);
            throw DomainException.unauthenticated("invalid-credentials", "the e-mail or password is not correct");
        }
        if (failures > 0) {
            attempts.clear(email, now, WINDOW);
        }
        return found.get();
    }
}
