package dev.madang.domain.account;

import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;

/**
 * Makes an organiser (ADMIN) account. Never reachable from sign-up or any HTTP route: an operator runs the bootstrap
 * command (README, "Admin accounts") with access to the accounts table, which is the trust boundary. An admin is a
 * USER too, logs in like anyone, and is not identity-verified (so cannot book with this account).
 */
public final class CreatingAdmins {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final Ids ids;
    private final Clock clock;

    public CreatingAdmins(Accounts accounts, PasswordHasher hasher, Ids ids, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.ids = ids;
        this.clock = clock;
    }

    public Account createAdmin(String email, char[] password, String name) {
        String normalised = EmailAddress.normalise(email);
        Violations v = new Violations();
        v.check(normalised != null && EmailAddress.isWellFormed(normalised), "email", "is not a valid e-mail address");
        PasswordPolicy.problemsWith(password).forEach(reason -> v.add("password", reason));
        Profile.check(name, null, v);
        v.throwIfInvalid("the admin account is not valid");

        Account admin = new Account(ids.next(), normalised, hasher.hash(password), EnumSet.of(Role.USER, Role.ADMIN),
                AccountStatus.ACTIVE, clock.instant(), new Profile(name, null, false), null, List.of());
        accounts.create(admin, null);
        return admin;
    }
}
