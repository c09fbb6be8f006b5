package dev.madang.domain.account;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A person's account, keyed by a ULID and reachable by its e-mail (unique, stored normalised). The password is only
 * ever held as its hash; {@link #toString()} leaves the hash out so that it never lands in a log line.
 */
public record Account(String id, String email, String passwordHash, Set<Role> roles, AccountStatus status,
                      Instant createdAt) {

    public Account {
        if (id == null || email == null || passwordHash == null || roles == null || status == null || createdAt == null) {
            throw new IllegalArgumentException("every field of an account is required");
        }
        email = EmailAddress.normalise(email);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("an account has at least one role");
        }
        roles = Collections.unmodifiableSet(EnumSet.copyOf(roles)); // iterates in declaration order
    }

    /** A fan's new account: role USER only, active. */
    public static Account newUser(String id, String email, String passwordHash, Instant createdAt) {
        return new Account(id, email, passwordHash, Set.of(Role.USER), AccountStatus.ACTIVE, createdAt);
    }

    public boolean isActive() {
        return status == AccountStatus.ACTIVE;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", email=" + email + ", roles=" + roles + ", status=" + status + ", createdAt="
                + createdAt + "]";
    }
}
