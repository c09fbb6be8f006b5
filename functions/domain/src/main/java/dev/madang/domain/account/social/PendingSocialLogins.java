package dev.madang.domain.account.social;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Social logins that were started and not yet finished, by their {@code state} parameter (OAuth 2.0, RFC 6749
 * section 10.12): the state is random, bound to one provider and one redirect URI, short-lived, and usable once, so a
 * forged or replayed callback (login CSRF) finds nothing to finish.
 */
public interface PendingSocialLogins {

    record Pending(String state, String provider, URI redirectUri, Instant expiresAt) {

        @Override
        public String toString() {
            return "Pending[state=<hidden>, provider=" + provider + ", expiresAt=" + expiresAt + "]";
        }
    }

    void save(Pending pending);

    /** Removes and returns the pending login with this state; of any number of concurrent calls at most one gets it. */
    Optional<Pending> take(String state);
}
