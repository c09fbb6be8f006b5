package dev.madang.domain.ticket;

import dev.madang.domain.account.Account;
import dev.madang.domain.account.AccountStatus;
import dev.madang.domain.account.Accounts;
import dev.madang.domain.account.EmailAddress;
import dev.madang.domain.account.PasswordHasher;
import dev.madang.domain.account.PasswordPolicy;
import dev.madang.domain.account.Profile;
import dev.madang.domain.account.Role;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An admin makes a scanner account (a venue's device or door staff) for some rounds. It logs in like any account; its
 * only role is SCANNER, so it can check tickets in for those rounds and do nothing else (not book, not administer).
 * The rounds are stored before the account, so a scanner never exists without them.
 */
public final class CreatingScanners {

    public static final int MAX_ROUNDS = 50;

    private final Accounts accounts;
    private final ScannerScopes scopes;
    private final Rounds rounds;
    private final PasswordHasher hasher;
    private final Ids ids;
    private final Clock clock;

    public CreatingScanners(Accounts accounts, ScannerScopes scopes, Rounds rounds, PasswordHasher hasher, Ids ids,
                            Clock clock) {
        this.accounts = accounts;
        this.scopes = scopes;
        this.rounds = rounds;
        this.hasher = hasher;
        this.ids = ids;
        this.clock = clock;
    }

    public record Scanner(Account account, Set<String> roundIds) {
    }

    public Scanner create(String email, char[] password, String name, List<String> roundIds) {
        String normalised = EmailAddress.normalise(email);
        Violations v = new Violations();
        v.check(normalised != null && EmailAddress.isWellFormed(normalised), "email", "is not a valid e-mail address");
        PasswordPolicy.problemsWith(password).forEach(reason -> v.add("password", reason));
        Profile.check(name, null, v);
        v.check(roundIds != null && !roundIds.isEmpty() && roundIds.size() <= MAX_ROUNDS, "roundIds",
                "1 to " + MAX_ROUNDS + " round ids");
        if (roundIds != null) {
            for (int i = 0; i < roundIds.size(); i++) {
                v.check(Ids.isWellFormed(roundIds.get(i)), "roundIds[" + i + "]", "not an id this API issues");
            }
        }
        v.throwIfInvalid("the scanner account is not valid");
        Violations unknown = new Violations();
        for (int i = 0; i < roundIds.size(); i++) {
            unknown.check(rounds.find(roundIds.get(i)).isPresent(), "roundIds[" + i + "]", "no such round");
        }
        unknown.throwIfRuleViolated("unknown-round", "a scanner is made for existing rounds");

        Set<String> scope = new LinkedHashSet<>(roundIds);
        Account scanner = new Account(ids.next(), normalised, hasher.hash(password), EnumSet.of(Role.SCANNER),
                AccountStatus.ACTIVE, clock.instant(), new Profile(name, null, false), null, List.of());
        scopes.assign(scanner.id(), scope);
        accounts.create(scanner, null);
        return new Scanner(scanner, scope);
    }
}
