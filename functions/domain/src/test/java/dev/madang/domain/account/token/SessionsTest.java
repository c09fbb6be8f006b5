package dev.madang.domain.account.token;

import dev.madang.domain.account.Account;
import dev.madang.domain.account.AccountFakes.InMemoryAccounts;
import dev.madang.domain.account.AccountStatus;
import dev.madang.domain.account.Profile;
import dev.madang.domain.account.Role;
import dev.madang.domain.account.SocialLink;
import dev.madang.domain.account.VerifiedIdentity;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SessionsTest {

    /** Remembers what each access token was issued for. */
    static final class RecordingSigner implements AccessTokenSigner {

        record Issue(String accountId, Set<Role> roles, boolean identityVerified, String sessionId) {
        }

        final List<Issue> issued = new ArrayList<>();
        private final MovableClock clock;

        RecordingSigner(MovableClock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized AccessToken issue(String accountId, Set<Role> roles, boolean identityVerified,
                                              String sessionId, Set<String> memberships) {
            issued.add(new Issue(accountId, Set.copyOf(roles), identityVerified, sessionId));
            return new AccessToken("access-" + issued.size(), clock.instant().plus(DEFAULT_TTL));
        }

        Issue last() {
            return issued.get(issued.size() - 1);
        }
    }

    static final Instant T = Instant.parse("2026-11-26T03:00:00Z");
    static final VerifiedIdentity IDENTITY = new VerifiedIdentity("홍길동", LocalDate.of(1990, 1, 2), null,
            VerifiedIdentity.hashDi("DI-hong"), T);

    final MovableClock clock = new MovableClock(T);
    final InMemoryAccounts accounts = new InMemoryAccounts();
    final InMemoryRefreshTokens store = new InMemoryRefreshTokens();
    final RotatingRefreshTokens refreshTokens = new RotatingRefreshTokens(store, clock);
    final RecordingSigner signer = new RecordingSigner(clock);
    final Sessions sessions = new Sessions(accounts, signer, refreshTokens);
    final Account social = Account.newSocialUser("01J0000000000000000000000S", new SocialLink("kakao", "k-1"), T,
            Profile.empty());

    SessionsTest() {
        accounts.create(social, null);
    }

    static void assertRefused(Runnable r, String type) {
        DomainException e = catchThrowableOfType(DomainException.class, r::run);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAUTHENTICATED);
        assertThat(e.type()).isEqualTo(type);
    }

    @Test
    void a_session_starts_with_an_access_token_for_the_account_and_a_new_refresh_family() {
        Sessions.Tokens tokens = sessions.start(social);

        assertThat(signer.issued).as("the access token names the session: its refresh family")
                .containsExactly(new RecordingSigner.Issue(social.id(), Set.of(Role.USER), false,
                        tokens.refresh().familyId()));
        assertThat(tokens.access().value()).isEqualTo("access-1");
        assertThat(tokens.refresh().accountId()).isEqualTo(social.id());
        assertThat(store.family(tokens.refresh().familyId())).hasSize(1);
    }

    @Test
    void an_account_that_is_not_active_gets_no_session() {
        Account disabled = new Account("01J0000000000000000000000D", "off@example.com", "h", Set.of(Role.USER),
                AccountStatus.DISABLED, T, Profile.empty(), null, List.of());
        Account closed = new Account("01J0000000000000000000000C", null, null, Set.of(Role.USER),
                AccountStatus.CLOSED, T, Profile.empty(), null, List.of());

        assertRefused(() -> sessions.start(disabled), "invalid-credentials");
        assertRefused(() -> sessions.start(closed), "invalid-credentials");
        assertThat(signer.issued).isEmpty();
        assertThat(store.tokens).isEmpty();
    }

    @Test
    void a_refresh_issues_an_access_token_reflecting_the_account_as_it_is_now() {
        Sessions.Tokens first = sessions.start(social);
        // since login: the fan verified their identity and an operator granted ADMIN
        accounts.attachIdentity(social.id(), IDENTITY, "iv-1");
        Account now = accounts.byId(social.id()).orElseThrow();
        accounts.replace(new Account(now.id(), now.email(), now.passwordHash(), EnumSet.of(Role.USER, Role.ADMIN),
                now.status(), now.createdAt(), now.profile(), now.identity(), now.socialLinks()));
        clock.advance(Duration.ofMinutes(14));

        Sessions.Tokens second = sessions.refresh(first.refresh().token());

        assertThat(signer.last()).isEqualTo(new RecordingSigner.Issue(social.id(), Set.of(Role.USER, Role.ADMIN),
                true, first.refresh().familyId()));
        assertThat(second.refresh().familyId()).isEqualTo(first.refresh().familyId());
        assertThat(second.refresh().token()).isNotEqualTo(first.refresh().token());

        // and back: the role removed shows up in the next token too
        Account again = accounts.byId(social.id()).orElseThrow();
        accounts.replace(new Account(again.id(), null, null, Set.of(Role.USER), again.status(), again.createdAt(),
                again.profile(), again.identity(), again.socialLinks()));
        sessions.refresh(second.refresh().token());
        assertThat(signer.last().roles()).containsExactly(Role.USER);
        assertThat(signer.last().identityVerified()).isTrue();
    }

    @Test
    void a_refresh_for_a_closed_account_is_refused_and_its_family_revoked() {
        Sessions.Tokens tokens = sessions.start(social);
        accounts.close(social, clock.instant());

        assertRefused(() -> sessions.refresh(tokens.refresh().token()), "invalid-refresh-token");

        String family = tokens.refresh().familyId();
        assertThat(store.isFamilyRevoked(family)).isTrue();
        assertThat(signer.issued).as("only the login's access token").hasSize(1);
        // the rotation stored a successor before the account was read; its family is revoked, so it never works
        assertThat(store.family(family)).extracting(RefreshTokens.StoredRefreshToken::status)
                .containsExactlyInAnyOrder(RefreshTokens.Status.USED, RefreshTokens.Status.ACTIVE);
    }

    @Test
    void a_refresh_for_a_disabled_or_vanished_account_is_refused_too() {
        Sessions.Tokens tokens = sessions.start(social);
        accounts.replace(new Account(social.id(), null, null, social.roles(), AccountStatus.DISABLED,
                social.createdAt(), social.profile(), null, social.socialLinks()));

        assertRefused(() -> sessions.refresh(tokens.refresh().token()), "invalid-refresh-token");
        assertThat(store.isFamilyRevoked(tokens.refresh().familyId())).isTrue();

        Sessions.Tokens ghost = new Sessions(accounts, signer, refreshTokens).start(new Account(
                "01J0000000000000000000000G", "ghost@example.com", "h", Set.of(Role.USER), AccountStatus.ACTIVE, T,
                Profile.empty(), null, List.of())); // authenticated, then never stored
        assertRefused(() -> sessions.refresh(ghost.refresh().token()), "invalid-refresh-token");
        assertThat(store.isFamilyRevoked(ghost.refresh().familyId())).isTrue();
    }

    @Test
    void ending_a_session_revokes_its_family() {
        Sessions.Tokens tokens = sessions.start(social);
        Sessions.Tokens refreshed = sessions.refresh(tokens.refresh().token());

        sessions.end(refreshed.refresh().token());

        assertThat(store.isFamilyRevoked(tokens.refresh().familyId())).isTrue();
        assertRefused(() -> sessions.refresh(refreshed.refresh().token()), "invalid-refresh-token");
        assertThat(signer.issued).hasSize(2);
    }
}
