package dev.madang.domain.account;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A person's account, keyed by a ULID.
 *
 * <ul>
 *   <li>{@code email} is the login e-mail (unique, stored normalised); absent for an account made by social login,
 *       which logs in through its provider, and for a closed account.</li>
 *   <li>{@code passwordHash} is only ever the hash; absent for social accounts and closed ones.</li>
 *   <li>{@code identity} is what identity verification (본인인증) established; absent until the person verifies. Booking
 *       requires it.</li>
 *   <li>{@code socialLinks} are the provider accounts that log in as this account.</li>
 * </ul>
 * {@link #toString()} leaves out the hash and every piece of personal data, so an account never lands in a log line
 * with them.
 */
public record Account(String id, String email, String passwordHash, Set<Role> roles, AccountStatus status,
                      Instant createdAt, Profile profile, VerifiedIdentity identity, List<SocialLink> socialLinks) {

    public Account {
        if (id == null || roles == null || status == null || createdAt == null || profile == null
                || socialLinks == null) {
            throw new IllegalArgumentException("id, roles, status, creation time, profile and links are required");
        }
        email = EmailAddress.normalise(email);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("an account has at least one role");
        }
        if (status != AccountStatus.CLOSED && email == null && socialLinks.isEmpty()) {
            throw new IllegalArgumentException("an open account logs in by e-mail or by a social provider");
        }
        if ((email == null) != (passwordHash == null) && status != AccountStatus.CLOSED) {
            throw new IllegalArgumentException("an e-mail login has a password and a password has an e-mail");
        }
        roles = Collections.unmodifiableSet(EnumSet.copyOf(roles)); // iterates in declaration order
        socialLinks = List.copyOf(socialLinks);
    }

    /** A fan's new e-mail account: role USER only, active, verified at sign-up. */
    public static Account newUser(String id, String email, String passwordHash, Instant createdAt, Profile profile,
                                  VerifiedIdentity identity) {
        return new Account(id, email, passwordHash, Set.of(Role.USER), AccountStatus.ACTIVE, createdAt, profile,
                identity, List.of());
    }

    /** A fan's new account from a social provider: role USER, no password, not yet verified. */
    public static Account newSocialUser(String id, SocialLink link, Instant createdAt, Profile profile) {
        return new Account(id, null, null, Set.of(Role.USER), AccountStatus.ACTIVE, createdAt, profile, null,
                List.of(link));
    }

    public boolean isActive() {
        return status == AccountStatus.ACTIVE;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean isIdentityVerified() {
        return identity != null;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    public Optional<VerifiedIdentity> verifiedIdentity() {
        return Optional.ofNullable(identity);
    }

    public Account withProfile(Profile newProfile) {
        return new Account(id, email, passwordHash, roles, status, createdAt, newProfile, identity, socialLinks);
    }

    public Account withIdentity(VerifiedIdentity newIdentity) {
        return new Account(id, email, passwordHash, roles, status, createdAt, profile, newIdentity, socialLinks);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", roles=" + roles + ", status=" + status + ", verified=" + isIdentityVerified()
                + ", createdAt=" + createdAt + "]";
    }
}
